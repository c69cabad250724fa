import CorridorGateway
import Foundation

/// A payment, refund or reversal on the wire: the result, never card data beyond the scheme and last four digits.
public struct APIPayment: Codable, Sendable, Hashable {
    /// A decline reason with both standards' codes.
    public struct Decline: Codable, Sendable, Hashable {
        /// ISO 8583 field 39.
        public let iso8583Code: String
        /// ISO 20022 status reason.
        public let iso20022Code: String
        /// For people.
        public let text: String
    }

    /// The card, masked.
    public struct Card: Codable, Sendable, Hashable {
        /// The token the gateway keeps instead of the PAN.
        public let token: String
        /// The last four digits.
        public let lastFour: String
        /// The scheme.
        public let scheme: String
    }

    /// The payment id (also the trail id).
    public let id: String
    /// approved, declined, refunded or reversed.
    public let status: String
    /// ISO 8583 response code.
    public let responseCode: String
    /// ISO 20022 status (ACSP, RJCT, …).
    public let iso20022Status: String
    /// Why it was declined.
    public let declineReason: Decline?
    /// The merchant's price.
    public let merchantAmount: APIMoney
    /// What the payer paid in its currency.
    public let payerAmount: APIMoney?
    /// The merchant.
    public let merchantId: String?
    /// The instrument kind.
    public let instrument: String?
    /// The card, masked (card payments only).
    public let card: Card?
    /// The issuer's approval code.
    public let approvalCode: String?
    /// The route.
    public let route: String?
    /// The ledger transfer.
    public let transferId: String?
    /// The pacs.008 message id.
    public let pacs008MessageId: String?
    /// The business day, `YYYY-MM-DD`.
    public let businessDate: String
    /// The FX disclosure shown to the payer.
    public let fxDisclosure: String?
    /// The amount refunded so far.
    public let refundedAmount: APIMoney?
    /// When the payment was decided, RFC 3339 (from its trail).
    public let createdAt: String?

    /// The wire form of a result, with the trail's card and time when a record is at hand.
    public init(_ result: PaymentResult, record: PaymentRecord? = nil) {
        id = result.paymentID
        status = result.status.rawValue
        responseCode = result.responseCode
        iso20022Status = result.iso20022Status
        declineReason = result.declineReason.map {
            Decline(iso8583Code: $0.iso8583Code, iso20022Code: $0.iso20022Code, text: $0.text)
        }
        merchantAmount = APIMoney(result.merchantAmount)
        payerAmount = result.payerAmount.map(APIMoney.init)
        merchantId = result.merchantID
        instrument = record?.trail.instrument?.rawValue
        card = record?.trail.card.map { Card(token: $0.token, lastFour: $0.lastFour, scheme: $0.scheme.displayName) }
        approvalCode = result.approvalCode
        route = result.route
        transferId = result.transferID
        pacs008MessageId = result.pacs008MessageID
        businessDate = result.businessDate
        fxDisclosure = result.fxDisclosure
        refundedAmount = record.map {
            APIMoney(.init(minorUnits: $0.refundedMinorUnits, currency: result.merchantAmount.currency))
        }
        createdAt = record?.trail.events.first.map { RFC3339.string(milliseconds: $0.atMs) }
    }
}

/// A payment's trail on the wire: every step, with RFC 3339 times.
public struct APITrail: Codable, Sendable, Hashable {
    /// One step.
    public struct Event: Codable, Sendable, Hashable {
        /// The step's name (parse, resolve, screen, …).
        public let step: String
        /// When, RFC 3339.
        public let at: String
        /// What happened.
        public let detail: String
    }

    /// The payment.
    public let paymentId: String
    /// The instrument kind.
    public let instrument: String?
    /// The request for people (card masked).
    public let request: String
    /// The QR payload as scanned.
    public let qrPayload: String?
    /// The masked card.
    public let card: APIPayment.Card?
    /// The route.
    public let route: String?
    /// The screening outcome.
    public let screening: String?
    /// The FX quote.
    public let quote: String?
    /// ISO 8583 messages, PAN masked.
    public let iso8583: [String]
    /// Ledger transfer ids.
    public let ledgerTransfers: [String]
    /// ISO 20022 message ids.
    public let iso20022Messages: [String]
    /// The steps in order.
    public let events: [Event]

    /// The wire form of a trail.
    public init(_ trail: PaymentTrail) {
        paymentId = trail.paymentID
        instrument = trail.instrument?.rawValue
        request = trail.request
        qrPayload = trail.qrPayload
        card = trail.card.map { APIPayment.Card(token: $0.token, lastFour: $0.lastFour, scheme: $0.scheme.displayName) }
        route = trail.route
        screening = trail.screening
        quote = trail.quote
        iso8583 = trail.iso8583
        ledgerTransfers = trail.ledgerTransfers
        iso20022Messages = trail.iso20022Messages
        events = trail.events.map { Event(step: $0.step, at: RFC3339.string(milliseconds: $0.atMs), detail: $0.detail) }
    }
}

/// RFC 3339 timestamps in UTC with milliseconds (`2026-11-30T11:09:15.123Z`).
public enum RFC3339 {
    /// Formats Unix milliseconds.
    public static func string(milliseconds: Int64) -> String {
        string(Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000))
    }

    /// Formats a date.
    public static func string(_ date: Date) -> String {
        // A formatter per call: ISO8601DateFormatter is not Sendable, and this is not a hot path.
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
