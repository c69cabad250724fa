import CorridorCore

/// An account's four balance counters, in minor units of the account's currency.
///
/// Guarantees: every counter is ≥ 0 and was computed with checked arithmetic; the net balance is
/// `creditsPosted - debitsPosted`.
public struct AccountBalance: Sendable, Hashable, Codable {
    /// The account.
    public let id: AccountID
    /// The account's currency.
    public let currency: Currency
    /// Posted debits.
    public var debitsPosted: Int64
    /// Posted credits.
    public var creditsPosted: Int64
    /// Debits held by open pending transfers.
    public var debitsPending: Int64
    /// Credits held by open pending transfers.
    public var creditsPending: Int64

    /// A balance with all counters zero.
    public init(id: AccountID, currency: Currency) {
        self.init(id: id, currency: currency, debitsPosted: 0, creditsPosted: 0, debitsPending: 0, creditsPending: 0)
    }

    /// A balance with the given counters.
    public init(
        id: AccountID, currency: Currency,
        debitsPosted: Int64, creditsPosted: Int64, debitsPending: Int64, creditsPending: Int64
    ) {
        self.id = id
        self.currency = currency
        self.debitsPosted = debitsPosted
        self.creditsPosted = creditsPosted
        self.debitsPending = debitsPending
        self.creditsPending = creditsPending
    }

    /// Posted credits minus posted debits, as money (what a liability or a wallet holds).
    public var netCredit: Money { Money(minorUnits: creditsPosted &- debitsPosted, currency: currency) }

    /// Posted credits minus posted and pending debits: what can still be debited from a
    /// `debitsMustNotExceedCredits` account.
    public var available: Money {
        Money(minorUnits: creditsPosted &- debitsPosted &- debitsPending, currency: currency)
    }
}
