/// Who holds a digital-ruble wallet; limits and the payment kinds a wallet may take part in depend on it.
public enum CBDCWalletType: String, Sendable, Hashable, Codable, CaseIterable {
    /// A natural person.
    case person
    /// A sole trader (individual entrepreneur): may accept C2B and make and accept B2B payments.
    case soleTrader
    /// A company (legal entity).
    case company
    /// A government body: pays G2P (pensions, benefits) and B2B.
    case government

    /// True for wallets that accept payments from customers (C2B) and take part in B2B payments.
    public var isBusiness: Bool { self == .soleTrader || self == .company }
}
