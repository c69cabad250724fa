import CorridorCore

/// A card's status on the issuer's books.
public enum CardStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case active
    case blocked
    case lost
    case stolen

    /// The decline a non-active card gets (nil when active).
    var declineCode: IssuerResponseCode? {
        switch self {
        case .active: nil
        case .blocked: .restrictedCard
        case .lost: .lostCard
        case .stolen: .stolenCard
        }
    }
}

/// Per-card spending limits, in the card's currency; nil means no limit.
public struct CardLimits: Sendable, Hashable {
    /// The largest single debit.
    public var perTransaction: Money?
    /// The most that may be debited per calendar day (UTC), approvals summed.
    public var daily: Money?

    /// Creates limits.
    public init(perTransaction: Money? = nil, daily: Money? = nil) {
        self.perTransaction = perTransaction
        self.daily = daily
    }
}

/// A card the issuer host knows: never its PAN, only the token, the last four digits and what the issuer decides on.
public struct IssuedCard: Sendable, Hashable {
    /// The keyed token and last four digits.
    public let token: CardToken
    /// The issuer's id in the portfolio.
    public let issuerID: String
    /// The card account's currency (the billing currency).
    public let currency: Currency
    /// The opening balance credited when the card is provisioned.
    public let openingBalance: Money
    /// Expiry as YYMM.
    public let expiry: String
    /// Active, blocked, lost or stolen.
    public var status: CardStatus
    /// Spending limits.
    public var limits: CardLimits

    /// Creates a card record.
    public init(
        token: CardToken, issuerID: String, currency: Currency, openingBalance: Money, expiry: String,
        status: CardStatus = .active, limits: CardLimits = CardLimits()
    ) {
        self.token = token
        self.issuerID = issuerID
        self.currency = currency
        self.openingBalance = openingBalance
        self.expiry = expiry
        self.status = status
        self.limits = limits
    }

    /// True when the card's expiry month (YYMM, valid through its last day) is before the given year and month.
    func isExpired(year: Int, month: Int) -> Bool {
        guard expiry.count == 4, let yy = Int(expiry.prefix(2)), let mm = Int(expiry.suffix(2)) else { return true }
        let expiryIndex = (2000 + yy) * 12 + (mm - 1)
        return expiryIndex < year * 12 + (month - 1)
    }
}
