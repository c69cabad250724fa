/// A card scheme (payment network), recognised from the PAN's leading digits.
public enum CardScheme: String, Sendable, Hashable, CaseIterable, Codable {
    /// Russia's national scheme (NSPK): BINs 2200–2204.
    case mir
    /// China UnionPay: 62 and 81.
    case unionPay
    /// Visa: 4.
    case visa
    /// Mastercard: 51–55 and 2221–2720.
    case mastercard
    /// JCB: 3528–3589.
    case jcb
    /// American Express: 34 and 37.
    case amex
    /// Discover: 6011, 644–649, 65.
    case discover
    /// Diners Club International: 300–305, 36, 38–39.
    case diners
    /// No range matched.
    case unknown

    /// Recognises the scheme from the leading digits of a PAN (or a BIN of at least four digits).
    ///
    /// Ranges are checked longest-prefix-first, so Mir's 2200–2204 never falls into Mastercard's 2221–2720 and
    /// UnionPay's 62 wins over Discover's co-branded 622126–622925 (the route Corridor simulates is UnionPay's).
    public init(pan: String) {
        let bytes = Array(pan.utf8.prefix(6))
        func prefix(_ length: Int) -> Int {
            guard bytes.count >= length else { return -1 }
            var value = 0
            for byte in bytes[0..<length] {
                guard byte >= 0x30 && byte <= 0x39 else { return -1 }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        let p1 = prefix(1), p2 = prefix(2), p3 = prefix(3), p4 = prefix(4)
        switch true {
        case (2200...2204).contains(p4): self = .mir
        case (2221...2720).contains(p4): self = .mastercard
        case (51...55).contains(p2): self = .mastercard
        case p2 == 62 || p2 == 81: self = .unionPay
        case p1 == 4: self = .visa
        case (3528...3589).contains(p4): self = .jcb
        case p2 == 34 || p2 == 37: self = .amex
        case p4 == 6011 || (644...649).contains(p3) || p2 == 65: self = .discover
        case (300...305).contains(p3) || p2 == 36 || p2 == 38 || p2 == 39: self = .diners
        default: self = .unknown
        }
    }

    /// The scheme's display name.
    public var displayName: String {
        switch self {
        case .mir: "Mir"
        case .unionPay: "UnionPay"
        case .visa: "Visa"
        case .mastercard: "Mastercard"
        case .jcb: "JCB"
        case .amex: "American Express"
        case .discover: "Discover"
        case .diners: "Diners Club"
        case .unknown: "Unknown"
        }
    }
}
