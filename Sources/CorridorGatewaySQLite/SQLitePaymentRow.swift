import CorridorGateway
import Foundation
import GRDB

/// One ``PaymentRecord`` as the column values of `gateway_payments` (all but `sequence`, which SQLite assigns): the
/// GRDB binding of `StoredPaymentColumns`, which does the encoding, the decoding and the card-data refusal.
///
/// Encoding happens in the task that calls `save`, before the record joins a commit batch, so the writer
/// connection only binds values; decoding happens after a read, off the reader connection.
///
/// Guarantees: a row is built only from a record whose card request holds none of
/// `StoredPaymentColumns.cardRequestFieldsRefused`, so no row ever carries a PAN, an expiry date, track data, a PIN
/// block or chip data.
struct SQLitePaymentRow: Sendable {
    var columns: StoredPaymentColumns

    /// The payment id.
    var id: String { columns.id }

    /// The row of a record.
    /// - Throws: ``SQLitePaymentStoreError/cardDataRefused(id:field:)`` for a card request that still holds card data;
    ///   ``SQLitePaymentStoreError/encodingFailed(id:column:reason:)`` naming the column that could not be encoded.
    init(_ record: PaymentRecord) throws(SQLitePaymentStoreError) {
        do {
            columns = try StoredPaymentColumns(record)
        } catch {
            throw SQLitePaymentStoreError(error)
        }
    }

    /// The values a row read with ``SQLitePaymentSchema/selectedColumns`` holds.
    /// - Throws: ``SQLitePaymentStoreError/decodingFailed(id:column:reason:)`` for a value of the wrong type.
    init(row: Row) throws(SQLitePaymentStoreError) {
        guard let id = String.fromDatabaseValue(row[0]) else {
            throw .decodingFailed(id: "?", column: "id", reason: "not text")
        }
        func value<Value: DatabaseValueConvertible>(_ index: Int, _ column: String, _ type: Value.Type)
            throws(SQLitePaymentStoreError) -> Value?
        {
            let stored: DatabaseValue = row[index]
            if stored.isNull { return nil }
            guard let value = Value.fromDatabaseValue(stored) else {
                throw .decodingFailed(id: id, column: column, reason: "not \(Value.self): \(Self.storageClass(stored))")
            }
            return value
        }
        func required<Value: DatabaseValueConvertible>(_ index: Int, _ column: String, _ type: Value.Type)
            throws(SQLitePaymentStoreError) -> Value
        {
            guard let value = try value(index, column, type) else {
                throw .decodingFailed(id: id, column: column, reason: "NULL")
            }
            return value
        }
        columns = StoredPaymentColumns(
            id: id, businessDate: try value(1, "business_date", String.self),
            result: try required(2, "result", String.self), trail: try required(3, "trail", String.self),
            fingerprint: try required(4, "fingerprint", String.self),
            clearingItem: try value(5, "clearing_item", String.self), amounts: try value(6, "amounts", String.self),
            refundedMinorUnits: try required(7, "refunded_minor_units", Int64.self),
            messages: try required(8, "messages", String.self), parties: try value(9, "parties", String.self),
            cardRequest: try value(10, "card_request", Data.self))
    }

    /// SQLite's storage class of a value, never the value itself (it may be a record body).
    private static func storageClass(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: "NULL"
        case .int64: "INTEGER"
        case .double: "REAL"
        case .string: "TEXT"
        case .blob: "BLOB"
        }
    }

    /// The values in ``SQLitePaymentSchema/upsertSQL``'s order.
    var arguments: StatementArguments {
        [columns.id, columns.businessDate, columns.result, columns.trail, columns.fingerprint, columns.clearingItem,
         columns.amounts, columns.refundedMinorUnits, columns.messages, columns.parties, columns.cardRequest]
    }

    /// The record again.
    /// - Throws: ``SQLitePaymentStoreError/decodingFailed(id:column:reason:)`` naming the first column that does not
    ///   decode.
    func record() throws(SQLitePaymentStoreError) -> PaymentRecord {
        do {
            return try columns.record()
        } catch {
            throw SQLitePaymentStoreError(error)
        }
    }
}
