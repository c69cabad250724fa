import CorridorCore
import CorridorLedger
import Foundation

/// A programmable-money contract as the platform holds it: its terms, where it stands, and its trail.
///
/// Guarantees: `remaining` is what the contract's conditional account holds by the platform's own postings (it
/// starts at the funded amount and only falls, by committed spends, releases, payments and the return at expiry);
/// a contract that is not ``State/active`` holds nothing and moves nothing again.
public struct ProgrammableContract: Sendable, Hashable {
    /// Where a contract stands.
    public enum State: String, Sendable, Hashable, Codable {
        /// Funded, waiting for spends, confirmations or due dates.
        case active
        /// An escrow whose conditions were all confirmed: paid to the payee.
        case released
        /// An earmark or escrow past its expiry: what was left returned to the payer.
        case expired
        /// A schedule whose payments have all been made.
        case completed
        /// Cancelled by the party it allowed to (``DigitalRublePlatform/cancel(contract:by:)``): what was left returned
        /// to the payer.
        case cancelled
    }

    /// The contract id (1–64 of `A–Z a–z 0–9 . _ -`).
    public let id: String
    /// What it does.
    public let terms: ProgrammableContractTerms
    /// Where it stands.
    public internal(set) var state: State
    /// What its conditional account still holds.
    public internal(set) var remaining: Money
    /// An escrow's conditions confirmed so far, in the order confirmed.
    public internal(set) var confirmed: [String] = []
    /// A schedule's payments made so far.
    public internal(set) var occurrencesPaid = 0
    /// Every step: funding, spends and refusals, confirmations, payments, expiry.
    public internal(set) var trail: CBDCPaymentTrail

    /// The conditional account holding the contract's funds.
    public var account: AccountID { CBDCAccounts.conditional(id) }

    /// The rule name quoted in refusals: the earmark's `rule.name`, else the contract id.
    public var ruleName: String {
        if case .earmark(let earmark) = terms { return earmark.rule.name }
        return id
    }

    /// The next instant something happens by itself (a payment falls due, the contract expires); nil when nothing
    /// will.
    public var nextDue: Date? {
        guard state == .active else { return nil }
        switch terms {
        case .earmark(let earmark): return earmark.rule.expires
        case .escrow(let escrow): return escrow.expires
        case .schedule(let schedule): return occurrencesPaid < schedule.count ? schedule.due(occurrencesPaid) : nil
        }
    }
}
