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
