import CorridorLedger

/// A ledger account with its balance on the wire.
public struct APIAccount: Codable, Sendable, Hashable {
    /// The account id (UUID text).
    public let id: String
    /// ISO 4217 code.
    public let currency: String
    /// The owning participant (or platform holder).
    public let owner: String
    /// settlement, merchant, wallet, feeIncome, …
    public let kind: String
    /// What the account is for.
    public let userData: String
    /// Credits minus debits, posted.
    public let balance: APIMoney
    /// Posted debits in minor units.
    public let debitsPosted: Int64
    /// Posted credits in minor units.
    public let creditsPosted: Int64
    /// Pending debits in minor units.
    public let debitsPending: Int64
    /// Pending credits in minor units.
    public let creditsPending: Int64

    /// The wire form.
    public init(_ account: Account, balance: AccountBalance?) {
        id = account.id.description
        currency = account.currency.alphaCode
        owner = account.owner
        kind = account.kind.rawValue
        userData = account.userData
        self.balance = APIMoney(balance?.netCredit ?? .zero(account.currency))
        debitsPosted = balance?.debitsPosted ?? 0
        creditsPosted = balance?.creditsPosted ?? 0
        debitsPending = balance?.debitsPending ?? 0
        creditsPending = balance?.creditsPending ?? 0
    }
}

/// A transfer touching an account, on the wire.
public struct APITransfer: Codable, Sendable, Hashable {
    /// One leg.
    public struct Leg: Codable, Sendable, Hashable {
        /// The account debited.
        public let debit: String
        /// The account credited.
        public let credit: String
        /// The amount.
        public let amount: APIMoney
    }

    /// The transfer id.
    public let id: String
    /// Commit sequence (the history cursor).
    public let sequence: UInt64
    /// When it was committed, RFC 3339.
    public let committedAt: String
    /// The legs applied.
    public let legs: [Leg]
    /// The payment it books.
    public let paymentId: String
    /// The rail (card, qr, cbdc, …).
    public let rail: String
    /// A reference for people.
    public let reference: String

    /// The wire form.
    public init(_ record: TransferRecord) {
        id = record.transfer.id.description
        sequence = record.sequence
        committedAt = RFC3339.string(milliseconds: record.timestampMs)
        legs = record.appliedLegs.map {
            Leg(debit: $0.debit.description, credit: $0.credit.description, amount: APIMoney($0.amount))
        }
        paymentId = record.transfer.userData.paymentID
        rail = record.transfer.userData.rail
        reference = record.transfer.userData.reference
    }
}

/// A participant's money per currency: the sum of its accounts' balances.
public struct APIBalanceTotal: Codable, Sendable, Hashable {
    /// The owner.
    public let owner: String
    /// Credits minus debits over its accounts in this currency.
    public let balance: APIMoney
    /// How many accounts.
    public let accountCount: Int
}

/// The ledger's invariant check on the wire.
public struct APIVerification: Codable, Sendable, Hashable {
    /// True when every invariant holds.
    public let balanced: Bool
    /// Accounts checked.
    public let accountCount: Int
    /// Transfers checked.
    public let transferCount: Int
    /// What does not hold.
    public let problems: [String]
}
