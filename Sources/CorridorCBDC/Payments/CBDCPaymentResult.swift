import CorridorCore

/// The outcome of a payment, conversion or refund on the platform, with codes in both standards.
///
/// Guarantees: an approved result's transfer is committed and durable; a declined one moved nothing; `fee` is zero
/// except for C2B payments (and the fee share a refund returns).
public struct CBDCPaymentResult: Sendable, Hashable, Codable {
    /// Approved, declined, or (for a stored payment) later refunded in part or in full.
    public enum Status: String, Sendable, Hashable, Codable {
        case approved, declined, partiallyRefunded, refunded
    }

    /// The operation id.
    public let id: String
    /// What the operation is.
    public let kind: CBDCPaymentKind
    /// The state.
    public internal(set) var status: Status
    /// The amount the payer paid (or converted, or was refunded).
    public let amount: Money
    /// The merchant fee (C2B), or the fee a refund returned to the merchant.
    public let fee: Money
    /// The wallet debited, when one was.
    public let payer: WalletID?
    /// The wallet credited, when one was.
    public let payee: WalletID?
    /// ISO 8583 response code: "00" when approved.
    public let responseCode: String
    /// ISO 20022 status: "ACSC" when approved (the platform settles at once), "RJCT" when declined.
    public let iso20022Status: String
    /// The decline reason, nil when approved.
    public let declineReason: CBDCDeclineReason?
    /// The ledger transfer that booked it (nil when declined).
    public let transferID: String?
    /// How much of a payment has been refunded so far.
    public internal(set) var refunded: Money

    /// Whether the operation was approved (even if later refunded).
    public var isApproved: Bool { status != .declined }

    init(id: String, kind: CBDCPaymentKind, amount: Money, fee: Money, payer: WalletID?, payee: WalletID?, transferID: String) {
        self.id = id
        self.kind = kind
        self.status = .approved
        self.amount = amount
        self.fee = fee
        self.payer = payer
        self.payee = payee
        self.responseCode = "00"
        self.iso20022Status = "ACSC"
        self.declineReason = nil
        self.transferID = transferID
        self.refunded = .zero(.rub)
    }

    init(id: String, kind: CBDCPaymentKind, amount: Money, payer: WalletID?, payee: WalletID?, declined reason: CBDCDeclineReason) {
        self.id = id
        self.kind = kind
        self.status = .declined
        self.amount = amount
        self.fee = .zero(.rub)
        self.payer = payer
        self.payee = payee
        self.responseCode = reason.iso8583Code
        self.iso20022Status = "RJCT"
        self.declineReason = reason
        self.transferID = nil
        self.refunded = .zero(.rub)
    }
}
