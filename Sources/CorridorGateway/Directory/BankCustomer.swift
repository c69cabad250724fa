import CorridorCore

/// A bank's customer who pays merchants from a bank app (EMV QR, SBP link, GOST transfer): an account at the bank
/// on the ledger (`GatewayAccounts.customer`), which must not go below zero.
public struct BankCustomer: Sendable, Hashable {
    /// The customer's bank.
    public let bank: ParticipantID
    /// The bank's reference for the customer (unique per bank), e.g. `ivan.petrov`.
    public let reference: String
    /// The customer's name in its own script (screened; transliterated in ISO 20022 messages).
    public var name: String
    /// Where the customer lives.
    public var country: Country
    /// The account's currency.
    public let currency: Currency
    /// The balance the account opens with (posted once; the ledger is the truth afterwards).
    public var openingBalance: Money

    /// Creates a customer.
    public init(bank: ParticipantID, reference: String, name: String, country: Country, currency: Currency, openingBalance: Money) {
        self.bank = bank
        self.reference = reference
        self.name = name
        self.country = country
        self.currency = currency
        self.openingBalance = openingBalance
    }

    /// The directory key: `bank/reference`.
    public var key: String { "\(bank)/\(reference)" }
}
