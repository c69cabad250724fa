import CorridorCore

/// The outcome of one step of a programmable-money contract: opening it, a spend from an earmark, a confirmation,
/// a release, a scheduled payment, or the return at expiry.
///
/// Guarantees: an approved result's transfer (when it has one) is committed and durable; a refused or declined one
/// moved nothing. At most one of `refusal` and `declineReason` is set: `refusal` when the contract's rule said no,
/// `declineReason` for everything the platform declines anyway (funds, limits, unknown wallets, ids, the ledger).
public struct ProgrammableResult: Sendable, Hashable, Codable {
    /// The step.
    public enum Step: String, Sendable, Hashable, Codable {
        /// The contract opened: the payer's money moved into the contract.
        case open
        /// The beneficiary spent from an earmark at a merchant.
        case spend
        /// An escrow condition was confirmed (the last one releases the escrow: step ``release``).
        case confirm
        /// An escrow was released to the payee.
        case release
        /// A scheduled payment was made.
        case payment
        /// The contract expired: what was left returned to the payer.
        case expiry
        /// The contract was cancelled: what was left returned to the payer.
        case cancel
    }

    /// The contract id.
    public let contract: String
    /// The step.
    public let step: Step
    /// The step's id: the contract id (open, expiry, cancel), the spend id, the condition name, or `payment-<n>`
    /// (1-based).
    public let id: String
    /// The amount moved (or that would have moved).
    public let amount: Money
    /// The merchant fee, for a step that pays a business from a person (C2B), else zero.
    public let fee: Money
    /// The wallet debited (for spends and payments out of the contract: the contract's payer or beneficiary).
    public let payer: WalletID?
    /// The wallet credited.
    public let payee: WalletID?
    /// The ledger transfer that booked it (nil when refused, declined or when nothing had to move).
    public let transferID: String?
    /// The rule that refused the step, with the clause.
    public let refusal: ProgrammableRefusal?
    /// Why the platform declined the step otherwise.
    public let declineReason: CBDCDeclineReason?

    /// Whether the step happened.
    public var isApproved: Bool { refusal == nil && declineReason == nil }
    /// ISO 8583 response code: "00" when approved.
    public var responseCode: String { refusal?.iso8583Code ?? declineReason?.iso8583Code ?? "00" }
    /// ISO 20022 status: "ACSC" when approved, "RJCT" otherwise.
    public var iso20022Status: String { isApproved ? "ACSC" : "RJCT" }

    init(contract: String, step: Step, id: String, amount: Money, fee: Money = .zero(.rub), payer: WalletID?,
         payee: WalletID?, transferID: String?, refusal: ProgrammableRefusal? = nil,
         declineReason: CBDCDeclineReason? = nil)
    {
        self.contract = contract
        self.step = step
        self.id = id
        self.amount = amount
        self.fee = fee
        self.payer = payer
        self.payee = payee
        self.transferID = transferID
        self.refusal = refusal
        self.declineReason = declineReason
    }
}
