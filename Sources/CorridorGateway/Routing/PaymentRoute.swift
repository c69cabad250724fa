import CorridorCore

/// The rail a payment travels on and how its cross-border leg is messaged (written into the trail).
public struct PaymentRoute: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How the money moves.
    public enum Rail: String, Sendable, Hashable, Codable {
        /// Card scheme authorization and clearing (Mir, UnionPay, Visa, Mastercard).
        case schemeClearing = "scheme_clearing"
        /// Correspondent banking: ISO 20022 pacs.008 between the payer's bank and the acquirer over a messaging network.
        case correspondentBanking = "correspondent_banking"
        /// A domestic fast-payment system (SBP).
        case domesticFastPayment = "domestic_fast_payment"
        /// A domestic bank transfer (GOST R 56042 payment order).
        case domesticTransfer = "domestic_transfer"
        /// The digital-ruble platform: wallet to wallet, settled at once in central-bank money.
        case digitalRuble = "digital_ruble"
    }

    /// The corridor.
    public let corridor: PaymentCorridor
    /// The rail.
    public let rail: Rail
    /// The payment system whose fees apply.
    public let system: PaymentSystem
    /// The networks the cross-border pacs.008 travels, payer's side first (empty for domestic payments).
    public let networks: [MessagingNetwork]

    /// Creates a route.
    public init(corridor: PaymentCorridor, rail: Rail, system: PaymentSystem, networks: [MessagingNetwork]) {
        self.corridor = corridor
        self.rail = rail
        self.system = system
        self.networks = networks
    }

    /// Whether an ISO 20022 pacs.008 is sent for the cross-border leg.
    public var isCrossBorder: Bool { !networks.isEmpty }

    public var description: String {
        let messaging = networks.isEmpty ? "" : ", pacs.008 over " + networks.map { $0.rawValue.uppercased() }.joined(separator: "→")
        return "\(corridor) \(corridor.kind.rawValue): \(rail.rawValue) (\(system.rawValue))\(messaging)"
    }

    // Codable through its parts; `PaymentCorridor` is stored as alpha-2 codes.
    private enum CodingKeys: String, CodingKey { case payerCountry, payeeCountry, rail, system, networks }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let payer = try container.decode(String.self, forKey: .payerCountry)
        let payee = try container.decode(String.self, forKey: .payeeCountry)
        guard let from = Country(code: payer), let to = Country(code: payee) else {
            throw DecodingError.dataCorruptedError(forKey: .payerCountry, in: container, debugDescription: "unknown country")
        }
        corridor = PaymentCorridor(payerCountry: from, payeeCountry: to)
        rail = try container.decode(Rail.self, forKey: .rail)
        system = try container.decode(PaymentSystem.self, forKey: .system)
        networks = try container.decode([MessagingNetwork].self, forKey: .networks)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(corridor.payerCountry.alpha2, forKey: .payerCountry)
        try container.encode(corridor.payeeCountry.alpha2, forKey: .payeeCountry)
        try container.encode(rail, forKey: .rail)
        try container.encode(system, forKey: .system)
        try container.encode(networks, forKey: .networks)
    }
}
