import CorridorCore

/// An account on the double-entry ledger (after TigerBeetle's `Account`).
///
/// Guarantees: an account's currency, kind, owner and flags never change after creation; its balance changes
/// only through transfers; with ``AccountFlags/debitsMustNotExceedCredits`` the sum of pending and posted debits
/// never exceeds posted credits (and symmetrically for ``AccountFlags/creditsMustNotExceedDebits``).
public struct Account: Sendable, Hashable, Codable {
    /// The id (never zero).
    public let id: AccountID
    /// The currency (TigerBeetle's `ledger`): every leg touching the account is in this currency.
    public let currency: Currency
    /// The participant that owns the account (a bank's BIC, a merchant id, a wallet holder).
    public let owner: String
    /// What the account is for.
    public let kind: AccountKind
    /// Balance limits.
    public let flags: AccountFlags
    /// Free-form data the owner attaches (a reference, an external account number). At most 256 bytes.
    public let userData: String

    /// The longest `owner` accepted, in UTF-8 bytes.
    public static let ownerLengthMax = 128
    /// The longest `userData` accepted, in UTF-8 bytes.
    public static let userDataLengthMax = 256

    /// Creates an account description; the backend checks it when the account is created.
    public init(
        id: AccountID, currency: Currency, owner: String, kind: AccountKind,
        flags: AccountFlags = [], userData: String = ""
    ) {
        self.id = id
        self.currency = currency
        self.owner = owner
        self.kind = kind
        self.flags = flags
        self.userData = userData
    }
}

/// What an account is for. The ledger treats every kind alike; reports and invariants group by it.
public enum AccountKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A participant bank's settlement account at the settlement agent.
    case settlement
    /// Our account at a correspondent bank.
    case nostro
    /// A correspondent's account with us.
    case vostro
    /// A merchant's account at its acquirer.
    case merchant
    /// A cardholder's account at the issuer.
    case cardAccount
    /// A wallet (bank app or digital ruble).
    case wallet
    /// Fee income.
    case feeIncome
    /// A position in one currency of an FX pair.
    case fxPosition
    /// The central bank's digital-ruble issuance account.
    case cbdcIssuance
    /// Funds whose owner is not yet known.
    case suspense
    /// Anything else (scenario-defined).
    case other
}

/// Limits on an account's balance (TigerBeetle's account flags).
public struct AccountFlags: OptionSet, Sendable, Hashable, Codable {
    public let rawValue: UInt16

    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// Pending plus posted debits may never exceed posted credits: the account cannot go overdrawn.
    public static let debitsMustNotExceedCredits = AccountFlags(rawValue: 1 << 0)
    /// Pending plus posted credits may never exceed posted debits.
    public static let creditsMustNotExceedDebits = AccountFlags(rawValue: 1 << 1)
}
