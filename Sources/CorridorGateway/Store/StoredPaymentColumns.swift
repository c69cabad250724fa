import CorridorCore
import CorridorISO8583
import Foundation

/// One ``PaymentRecord`` as the column values every durable ``PaymentStore`` keeps (the SQLite and the PostgreSQL
/// tables have the same columns): the record's body as JSON text, its messages as the XML that was sent, its card
/// request as ISO 8583 bytes. The database binding (GRDB, postgres-nio) only moves these values.
///
/// Encoding happens in the task that calls `save`, before any connection is taken; decoding after a read, once the
/// connection is back in its pool.
///
/// Columns: `id`, `business_date` (`YYYY-MM-DD` of the clearing item, NULL without one), `result`, `trail`,
/// `fingerprint`, `clearing_item` (JSON of ``StoredClearingItem``), `amounts`, `refunded_minor_units`, `messages`
/// (a JSON array of ``StoredMessage``), `parties`, `card_request` (the ISO 8583 ASCII 1987 packing of the request).
///
/// Guarantees: columns are built only from a record whose card request holds none of ``cardRequestFieldsRefused``,
/// so no stored row ever carries a PAN, an expiry date, track data, a PIN block or chip data. Every error names the
/// payment id and the column, never a value.
public struct StoredPaymentColumns: Sendable, Hashable {
    /// `id`: the payment, refund or reversal id.
    public var id: String
    /// `business_date`: the clearing item's business day as `YYYY-MM-DD`; nil without a clearing item.
    public var businessDate: String?
    /// `result`: the ``PaymentResult`` as JSON.
    public var result: String
    /// `trail`: the ``PaymentTrail`` as JSON.
    public var trail: String
    /// `fingerprint`: the request's fingerprint.
    public var fingerprint: String
    /// `clearing_item`: the ``ClearingItem`` as JSON of ``StoredClearingItem``.
    public var clearingItem: String?
    /// `amounts`: the ``BookingAmounts`` as JSON.
    public var amounts: String?
    /// `refunded_minor_units`: how much was refunded, in the payee currency's minor units.
    public var refundedMinorUnits: Int64
    /// `messages`: the emitted ISO 20022 messages as a JSON array of ``StoredMessage``.
    public var messages: String
    /// `parties`: the ``BookingParties`` as JSON.
    public var parties: String?
    /// `card_request`: the ISO 8583 ASCII 1987 packing of the card request (card data stripped).
    public var cardRequest: Data?

    /// The column names, in the order of the properties (and of ``StoredPaymentColumnsError``'s `column`).
    public static let names = [
        "id", "business_date", "result", "trail", "fingerprint", "clearing_item", "amounts", "refunded_minor_units",
        "messages", "parties", "card_request",
    ]

    /// ISO 8583:1987 fields a stored card request must not hold: 2 (PAN), 14 (expiry), 34 (extended PAN), 35, 36
    /// and 45 (track data), 52 (PIN block), 55 (chip data). `PaymentRecord`'s initializer strips all but 34; the
    /// property is mutable, so the store checks again rather than trust every caller.
    public static let cardRequestFieldsRefused = [2, 14, 34, 35, 36, 45, 52, 55]

    /// The dialect card requests are packed in.
    static let cardRequestSpec = MessageSpec.ascii1987

    /// Column values as read back from a database, to be checked by ``record()``.
    /// - Parameters:
    ///   - id: `id`.
    ///   - businessDate: `business_date`.
    ///   - result: `result`.
    ///   - trail: `trail`.
    ///   - fingerprint: `fingerprint`.
    ///   - clearingItem: `clearing_item`.
    ///   - amounts: `amounts`.
    ///   - refundedMinorUnits: `refunded_minor_units`.
    ///   - messages: `messages`.
    ///   - parties: `parties`.
    ///   - cardRequest: `card_request`.
    public init(
        id: String, businessDate: String?, result: String, trail: String, fingerprint: String, clearingItem: String?,
        amounts: String?, refundedMinorUnits: Int64, messages: String, parties: String?, cardRequest: Data?
    ) {
        self.id = id
        self.businessDate = businessDate
        self.result = result
        self.trail = trail
        self.fingerprint = fingerprint
        self.clearingItem = clearingItem
        self.amounts = amounts
        self.refundedMinorUnits = refundedMinorUnits
        self.messages = messages
        self.parties = parties
        self.cardRequest = cardRequest
    }

    /// The columns of a record.
    /// - Parameter record: the record; its card request must hold none of ``cardRequestFieldsRefused``.
    /// - Throws: ``StoredPaymentColumnsError/cardDataRefused(id:field:)`` for a card request that still holds card
    ///   data; ``StoredPaymentColumnsError/encodingFailed(id:column:reason:)`` naming the column that could not be
    ///   encoded.
    public init(_ record: PaymentRecord) throws(StoredPaymentColumnsError) {
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
        amounts = try record.amounts.map { (amounts) throws(StoredPaymentColumnsError) in
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
        parties = try record.parties.map { (parties) throws(StoredPaymentColumnsError) in
            try Self.json(parties, id: id, column: "parties")
        }
    }

    /// The record again.
    /// - Throws: ``StoredPaymentColumnsError/decodingFailed(id:column:reason:)`` naming the first column that does
    ///   not decode.
    public func record() throws(StoredPaymentColumnsError) -> PaymentRecord {
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
        let amounts = try self.amounts.map { (text) throws(StoredPaymentColumnsError) in
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
        let parties = try self.parties.map { (text) throws(StoredPaymentColumnsError) in
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
        throws(StoredPaymentColumnsError) -> String
    {
        do {
            return try StreamingJSONEncoder().encodeString(value)
        } catch {
            throw .encodingFailed(id: id, column: column, reason: Self.reason(error))
        }
    }

    private func decode<Value: Decodable>(_ type: Value.Type, from text: String, column: String)
        throws(StoredPaymentColumnsError) -> Value
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
