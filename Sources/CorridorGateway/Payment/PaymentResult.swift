import CorridorCore

/// Why a payment was declined, with its codes in ISO 8583 and ISO 20022 terms.
public struct DeclineReason: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The ISO 8583 response code (field 39).
    public let iso8583Code: String
    /// The ISO 20022 status reason code (pacs.002 `StsRsnInf/Rsn/Cd`).
    public let iso20022Code: String
    /// What happened, for people (never card data, never which list a name was on).
    public let text: String

    /// Creates a reason.
    public init(iso8583Code: String, iso20022Code: String, text: String) {
        self.iso8583Code = iso8583Code
        self.iso20022Code = iso20022Code
        self.text = text
    }

    public var description: String { "\(iso8583Code)/\(iso20022Code) \(text)" }

    static func merchantUnknown(_ text: String) -> DeclineReason { .init(iso8583Code: "03", iso20022Code: "BE01", text: text) }
    static func badQR(_ text: String) -> DeclineReason { .init(iso8583Code: "30", iso20022Code: "FF01", text: text) }
    static func format(_ text: String) -> DeclineReason { .init(iso8583Code: "30", iso20022Code: "FF01", text: text) }
    static func payerUnknown(_ text: String) -> DeclineReason { .init(iso8583Code: "14", iso20022Code: "AC01", text: text) }
    static func insufficientFunds() -> DeclineReason { .init(iso8583Code: "51", iso20022Code: "AM04", text: "insufficient funds") }
    static func quoteExpired(_ id: String) -> DeclineReason { .init(iso8583Code: "96", iso20022Code: "AB05", text: "quote \(id) has expired") }
    static func notPermitted(_ text: String) -> DeclineReason { .init(iso8583Code: "57", iso20022Code: "AG01", text: text) }
    static func fxUnavailable(_ text: String) -> DeclineReason { .init(iso8583Code: "57", iso20022Code: "CURR", text: text) }
    static func systemError(_ text: String) -> DeclineReason { .init(iso8583Code: "96", iso20022Code: "MS03", text: text) }
}

/// The outcome of a payment (DESIGN.md §1): approved or declined, with codes in both standards and its trail id.
public struct PaymentResult: Sendable, Hashable, Codable {
    /// Approved, declined, or later refunded/reversed (a stored result's state).
    public enum Status: String, Sendable, Hashable, Codable {
        case approved, declined, reversed, refunded
    }

    /// The payment id (also its trail id).
    public let paymentID: String
    /// The state.
    public var status: Status
    /// ISO 8583 response code: "00" when approved.
    public let responseCode: String
    /// ISO 20022 status: "ACSP" when approved (ACSC after clearing), "RJCT" when declined.
    public let iso20022Status: String
    /// The decline reason, nil when approved.
    public let declineReason: DeclineReason?
    /// The merchant's price.
    public let merchantAmount: Money
    /// What the payer paid in its own currency (nil when declined before a quote).
    public let payerAmount: Money?
    /// The merchant.
    public let merchantID: MerchantID?
    /// The issuer's approval code for card payments.
    public let approvalCode: String?
    /// The route taken.
    public let route: String?
    /// The ledger transfer that booked it.
    public let transferID: String?
    /// The pacs.008 message id for cross-border payments.
    public let pacs008MessageID: String?
    /// The business day it belongs to.
    public let businessDate: String
    /// What the payer was shown for a conversion: the FX quote, or the DCC disclosure with its markup.
    public var fxDisclosure: String?

    /// Whether the payment was approved (even if later refunded).
    public var isApproved: Bool { status != .declined }

    /// Creates a result.
    public init(
        paymentID: String, status: Status, responseCode: String, iso20022Status: String, declineReason: DeclineReason?,
        merchantAmount: Money, payerAmount: Money?, merchantID: MerchantID?, approvalCode: String?, route: String?,
        transferID: String?, pacs008MessageID: String?, businessDate: String
    ) {
        self.paymentID = paymentID
        self.status = status
        self.responseCode = responseCode
        self.iso20022Status = iso20022Status
        self.declineReason = declineReason
        self.merchantAmount = merchantAmount
        self.payerAmount = payerAmount
        self.merchantID = merchantID
        self.approvalCode = approvalCode
        self.route = route
        self.transferID = transferID
        self.pacs008MessageID = pacs008MessageID
        self.businessDate = businessDate
    }
}
