import CorridorCore

/// The result of checking a ledger's invariants (DESIGN.md §4).
public struct LedgerVerification: Sendable, Hashable, Codable {
    /// Per currency: total posted debits and credits over all accounts (they must be equal).
    public var totals: [CurrencyTotals]
    /// Every invariant that does not hold; empty for a healthy ledger.
    public var problems: [LedgerProblem]
    /// How many accounts and transfer records were checked.
    public var accountCount: Int
    /// How many transfer records were checked.
    public var transferCount: Int

    /// True when no invariant is broken.
    public var isBalanced: Bool { problems.isEmpty }

    /// Creates a verification result.
    public init(totals: [CurrencyTotals], problems: [LedgerProblem], accountCount: Int, transferCount: Int) {
        self.totals = totals
        self.problems = problems
        self.accountCount = accountCount
        self.transferCount = transferCount
    }
}

/// Posted and pending totals for one currency.
public struct CurrencyTotals: Sendable, Hashable, Codable {
    /// The currency.
    public let currency: Currency
    /// Sum of posted debits.
    public var debitsPosted: Int64
    /// Sum of posted credits.
    public var creditsPosted: Int64
    /// Sum of pending debits.
    public var debitsPending: Int64
    /// Sum of pending credits.
    public var creditsPending: Int64

    /// Creates totals.
    public init(currency: Currency, debitsPosted: Int64 = 0, creditsPosted: Int64 = 0,
                debitsPending: Int64 = 0, creditsPending: Int64 = 0) {
        self.currency = currency
        self.debitsPosted = debitsPosted
        self.creditsPosted = creditsPosted
        self.debitsPending = debitsPending
        self.creditsPending = creditsPending
    }
}

/// One broken invariant.
public enum LedgerProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Posted (or pending) debits and credits differ for a currency.
    case currencyUnbalanced(Currency, debits: Int64, credits: Int64)
    /// A flagged account is over its limit.
    case accountOverLimit(AccountID)
    /// An account's stored balance differs from the sum of its postings.
    case balanceMismatch(AccountID, stored: AccountBalance, recomputed: AccountBalance)
    /// A pending transfer is in no valid state (open past its timeout, or posted/voided without a record saying so).
    case pendingStateInvalid(TransferID)
    /// Transfer records name an account that does not exist.
    case danglingAccount(AccountID)

    public var description: String {
        switch self {
        case .currencyUnbalanced(let currency, let debits, let credits):
            "\(currency): debits \(debits) ≠ credits \(credits)"
        case .accountOverLimit(let id): "account \(id) is over its limit"
        case .balanceMismatch(let id, let stored, let recomputed):
            "account \(id): stored \(stored.debitsPosted)/\(stored.creditsPosted)/\(stored.debitsPending)/"
                + "\(stored.creditsPending) ≠ postings \(recomputed.debitsPosted)/\(recomputed.creditsPosted)/"
                + "\(recomputed.debitsPending)/\(recomputed.creditsPending)"
        case .pendingStateInvalid(let id): "pending transfer \(id) is in an invalid state"
        case .danglingAccount(let account): "postings name missing account \(account)"
        }
    }
}
