import CorridorGateway
import CorridorISO8583
import Foundation
import GRDB

/// One ``PaymentRecord`` as the column values of `gateway_payments` (all but `sequence`, which SQLite assigns).
///
/// Encoding happens in the task that calls `save`, before the record joins a commit batch, so the writer
/// connection only binds values; decoding happens after a read, off the reader connection.
///
/// Guarantees: a row is built only from a record whose card request holds none of
/// ``cardRequestFieldsRefused``, so no row ever carries a PAN, an expiry date, track data, a PIN block or chip data.
struct SQLitePaymentRow: Sendable {
    var id: String
    var businessDate: String?
    var result: String
    var trail: String
    var fingerprint: String
    var clearingItem: String?
    var amounts: String?
    var refundedMinorUnits: Int64
    var messages: String
    var parties: String?
    var cardRequest: Data?

    /// ISO 8583:1987 fields a stored card request must not hold: 2 (PAN), 14 (expiry), 34 (extended PAN), 35, 36
    /// and 45 (track data), 52 (PIN block), 55 (chip data). `PaymentRecord`'s initializer strips all but 34; the
    /// property is mutable, so the store checks again rather than trust every caller.
    static let cardRequestFieldsRefused = [2, 14, 34, 35, 36, 45, 52, 55]

    /// The dialect card requests are packed in.
    static let cardRequestSpec = MessageSpec.ascii1987

    /// The row of a record.
    /// - Throws: ``SQLitePaymentStoreError/cardDataRefused(id:field:)`` for a card request that still holds card data;
    ///   ``SQLitePaymentStoreError/encodingFailed(id:column:reason:)`` naming the column that could not be encoded.
    init(_ record: PaymentRecord) throws(SQLitePaymentStoreError) {
        let id = record.result.paymentID
        self.id = id
        if let request = record.cardRequest {
            if let field = Self.cardRequestFieldsRefused.first(where: { request.fields[$0] != nil }) {
                throw .cardDataRefused(id: id, field: field)
            }
            do {
                cardRequest = Data(try Self.cardRequestSpec.pack(request))
            } catch {
                throw .encodingFailed(id: id, column: "card_request", reason: "ISO 8583 \(error)")
            }
        } else {
            cardRequest = nil
        }
        businessDate = record.clearingItem?.businessDate.text
        result = try Self.json(record.result, id: id, column: "result")
        trail = try Self.json(record.trail, id: id, column: "trail")
        fingerprint = record.fingerprint
        if let item = record.clearingItem {
            let stored: StoredClearingItem
            do {
                stored = try StoredClearingItem(item)
            } catch {
                throw .encodingFailed(id: id, column: "clearing_item", reason: error.description)
            }
            clearingItem = try Self.json(stored, id: id, column: "clearing_item")
        } else {
            clearingItem = nil
        }
        amounts = try record.amounts.map { (amounts) throws(SQLitePaymentStoreError) in
            try Self.json(amounts, id: id, column: "amounts")
        }
        refundedMinorUnits = record.refundedMinorUnits
        var stored: [StoredMessage] = []
        stored.reserveCapacity(record.messages.count)
        for (index, message) in record.messages.enumerated() {
            do {
                stored.append(try StoredMessage(message))
            } catch {
                throw .encodingFailed(
                    id: id, column: "messages", reason: "message \(index) (\(message.messageID)): \(error)")
            }
        }
        messages = try Self.json(stored, id: id, column: "messages")
        parties = try record.parties.map { (parties) throws(SQLitePaymentStoreError) in
            try Self.json(parties, id: id, column: "parties")
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
        self.id = id
        businessDate = try value(1, "business_date", String.self)
        result = try required(2, "result", String.self)
        trail = try required(3, "trail", String.self)
        fingerprint = try required(4, "fingerprint", String.self)
        clearingItem = try value(5, "clearing_item", String.self)
        amounts = try value(6, "amounts", String.self)
        refundedMinorUnits = try required(7, "refunded_minor_units", Int64.self)
        messages = try required(8, "messages", String.self)
        parties = try value(9, "parties", String.self)
        cardRequest = try value(10, "card_request", Data.self)
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
        [id, businessDate, result, trail, fingerprint, clearingItem, amounts, refundedMinorUnits, messages, parties,
         cardRequest]
    }

    /// The record again.
    /// - Throws: ``SQLitePaymentStoreError/decodingFailed(id:column:reason:)`` naming the first column that does not
    ///   decode.
    func record() throws(SQLitePaymentStoreError) -> PaymentRecord {
        let result = try decode(PaymentResult.self, from: result, column: "result")
        guard result.paymentID == id else {
            throw .decodingFailed(id: id, column: "result", reason: "holds payment id \(result.paymentID)")
        }
        let trail = try decode(PaymentTrail.self, from: trail, column: "trail")
        let clearingItem: ClearingItem?
        if let text = self.clearingItem {
            let stored = try decode(StoredClearingItem.self, from: text, column: "clearing_item")
            do {
                clearingItem = try stored.clearingItem()
            } catch {
                throw .decodingFailed(id: id, column: "clearing_item", reason: error.description)
            }
        } else {
            clearingItem = nil
        }
        let amounts = try self.amounts.map { (text) throws(SQLitePaymentStoreError) in
            try decode(BookingAmounts.self, from: text, column: "amounts")
        }
        var messages: [EmittedMessage] = []
        for (index, stored) in try decode([StoredMessage].self, from: self.messages, column: "messages").enumerated() {
            do {
                messages.append(try stored.message())
            } catch {
                throw .decodingFailed(
                    id: id, column: "messages", reason: "message \(index) (\(stored.kind.rawValue)): \(error)")
            }
        }
        let parties = try self.parties.map { (text) throws(SQLitePaymentStoreError) in
            try decode(BookingParties.self, from: text, column: "parties")
        }
        let cardRequest: IsoMessage?
        if let bytes = self.cardRequest {
            do {
                let (message, consumed) = try Self.cardRequestSpec.unpack(Array(bytes))
                guard consumed == bytes.count else {
                    throw StoredValueInvalid("\(bytes.count - consumed) bytes after the message")
                }
                cardRequest = message
            } catch {
                throw .decodingFailed(id: id, column: "card_request", reason: "ISO 8583 \(error)")
            }
        } else {
            cardRequest = nil
        }
        return PaymentRecord(
            result: result, trail: trail, fingerprint: fingerprint, clearingItem: clearingItem, amounts: amounts,
            refundedMinorUnits: refundedMinorUnits, messages: messages, parties: parties, cardRequest: cardRequest)
    }

    // MARK: JSON

    private static func json(_ value: some Encodable, id: String, column: String)
        throws(SQLitePaymentStoreError) -> String
    {
        do {
            return String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        } catch {
            throw .encodingFailed(id: id, column: column, reason: Self.reason(error))
        }
    }

    private func decode<Value: Decodable>(_ type: Value.Type, from text: String, column: String)
        throws(SQLitePaymentStoreError) -> Value
    {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw .decodingFailed(id: id, column: column, reason: Self.reason(error))
        }
    }

    /// A coding error as its path and explanation, without the underlying error's dump.
    private static func reason(_ error: any Error) -> String {
        let context: DecodingError.Context
        switch error {
        case DecodingError.dataCorrupted(let found), DecodingError.keyNotFound(_, let found),
            DecodingError.typeMismatch(_, let found), DecodingError.valueNotFound(_, let found):
            context = found
        case EncodingError.invalidValue(_, let found):
            return found.codingPath.isEmpty ? found.debugDescription
                : "\(found.codingPath.map(\.stringValue).joined(separator: ".")): \(found.debugDescription)"
        default:
            return "\(error)"
        }
        let path = context.codingPath.map(\.stringValue).joined(separator: ".")
        return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
    }
}
