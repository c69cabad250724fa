import CorridorCore
import CorridorISO20022
import CorridorISO8583

/// An ISO 20022 message the gateway emitted, kept typed until it is written.
public enum EmittedMessage: Sendable, Hashable {
    case pacs008(BusinessMessage<CustomerCreditTransfer>)
    case pacs002(BusinessMessage<PaymentStatusReport>)
    case pacs004(BusinessMessage<PaymentReturn>)

    /// The message id.
    public var messageID: String {
        switch self {
        case .pacs008(let m): m.document.messageIdentifier
        case .pacs002(let m): m.document.messageIdentifier
        case .pacs004(let m): m.document.messageIdentifier
        }
    }

    /// The message definition, e.g. `pacs.008.001.08`.
    public var definition: String {
        switch self {
        case .pacs008: CustomerCreditTransfer.messageDefinition.identifier
        case .pacs002: PaymentStatusReport.messageDefinition.identifier
        case .pacs004: PaymentReturn.messageDefinition.identifier
        }
    }

    /// The header and the document as XML.
    public func xml(transliterator: Transliterator = Transliterator()) throws(ISO20022Error) -> (header: String, document: String) {
        switch self {
        case .pacs008(let m): try m.xml(transliterator: transliterator)
        case .pacs002(let m): try m.xml(transliterator: transliterator)
        case .pacs004(let m): try m.xml(transliterator: transliterator)
        }
    }
}

/// What the gateway keeps about one payment, refund or reversal: the result, the trail, its clearing item and the
/// messages it emitted.
public struct PaymentRecord: Sendable, Hashable {
    /// The result (its status changes when the payment is refunded or reversed).
    public var result: PaymentResult
    /// The trail.
    public var trail: PaymentTrail
    /// The request fingerprint (idempotency: the same id with another request is refused).
    public let fingerprint: String
    /// What it contributes to clearing (nil when declined).
    public var clearingItem: ClearingItem?
    /// The booking figures (nil when declined), for refunds.
    public var amounts: BookingAmounts?
    /// How much of the merchant amount has been refunded so far.
    public var refundedMinorUnits: Int64
    /// ISO 20022 messages emitted for it.
    public var messages: [EmittedMessage]
    /// Who took part in the booking (nil when declined), for refunds.
    public var parties: BookingParties?
    /// A card payment's ISO 8583 request without the PAN (field 2) or expiry: enough for a reversal (field 90).
    public var cardRequest: IsoMessage?

    /// Creates a record.
    public init(result: PaymentResult, trail: PaymentTrail, fingerprint: String, clearingItem: ClearingItem?,
                amounts: BookingAmounts?, refundedMinorUnits: Int64 = 0, messages: [EmittedMessage], parties: BookingParties?, cardRequest: IsoMessage? = nil) {
        self.result = result
        self.trail = trail
        self.fingerprint = fingerprint
        self.clearingItem = clearingItem
        self.amounts = amounts
        self.refundedMinorUnits = refundedMinorUnits
        self.messages = messages
        self.parties = parties
        self.cardRequest = cardRequest.map { request in
            var stripped = request
            for field in [2, 14, 34, 35, 36, 45, 52, 55] { stripped.fields[field] = nil }
            return stripped
        }
    }
}
