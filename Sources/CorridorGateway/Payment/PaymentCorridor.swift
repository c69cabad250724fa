import CorridorCore

/// The pair of countries a payment crosses, payer's first: `RU→CN` for a Russian tourist in Beijing.
public struct PaymentCorridor: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The corridor classes the routing table distinguishes.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case domestic
        case ruToCN = "RU-CN"
        case cnToRU = "CN-RU"
        case ruToOther = "RU-other"
        case otherToRU = "other-RU"
        case other
    }

    /// Where the payer's bank or card issuer is.
    public let payerCountry: Country
    /// Where the merchant is.
    public let payeeCountry: Country

    /// Creates a corridor.
    public init(payerCountry: Country, payeeCountry: Country) {
        self.payerCountry = payerCountry
        self.payeeCountry = payeeCountry
    }

    /// Whether payer and payee are in one country.
    public var isDomestic: Bool { payerCountry == payeeCountry }

    /// The class the routing table keys on.
    public var kind: Kind {
        let from = payerCountry.alpha2, to = payeeCountry.alpha2
        switch (from, to) {
        case _ where from == to: return .domestic
        case ("RU", "CN"): return .ruToCN
        case ("CN", "RU"): return .cnToRU
        case ("RU", _): return .ruToOther
        case (_, "RU"): return .otherToRU
        default: return .other
        }
    }

    public var description: String { "\(payerCountry.alpha2)→\(payeeCountry.alpha2)" }

    public static func < (lhs: PaymentCorridor, rhs: PaymentCorridor) -> Bool { lhs.description < rhs.description }
}
