/// An ISO 3166-1 country: alpha-2, alpha-3 and numeric codes.
///
/// Guarantees: `alpha2` is two uppercase ASCII letters, `alpha3` three. Equality is by `alpha2`.
public struct Country: Sendable, Hashable, CustomStringConvertible {
    /// The alpha-2 code, e.g. `RU` (as EMV tag 58 carries it).
    public let alpha2: String
    /// The alpha-3 code, e.g. `RUS`.
    public let alpha3: String
    /// The numeric code, e.g. 643.
    public let numericCode: Int
    /// The English short name.
    public let name: String

    /// Creates a country record; use ``Country/init(code:)`` or the static constants to look one up.
    public init(alpha2: String, alpha3: String, numericCode: Int, name: String) {
        self.alpha2 = alpha2
        self.alpha3 = alpha3
        self.numericCode = numericCode
        self.name = name
    }

    /// Looks a country up by its alpha-2 or alpha-3 code (case-insensitive); nil when unknown.
    public init?(code: String) {
        // Only ASCII letters: `uppercased()` would turn "ı" into "I".
        guard code.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        let key = code.uppercased()
        guard let found = Country.byAlpha2[key] ?? Country.byAlpha3[key] else { return nil }
        self = found
    }

    /// Looks a country up by its numeric code; nil when unknown.
    public init?(numericCode code: Int) {
        guard let found = Country.byNumeric[code] else { return nil }
        self = found
    }

    public var description: String { alpha2 }

    public static func == (lhs: Country, rhs: Country) -> Bool { lhs.alpha2 == rhs.alpha2 }
    public func hash(into hasher: inout Hasher) { hasher.combine(alpha2) }

    private static let byAlpha2 = Dictionary(uniqueKeysWithValues: all.map { ($0.alpha2, $0) })
    private static let byAlpha3 = Dictionary(uniqueKeysWithValues: all.map { ($0.alpha3, $0) })
    private static let byNumeric = Dictionary(uniqueKeysWithValues: all.map { ($0.numericCode, $0) })
}

extension Country {
    /// Russian Federation.
    public static let russia = Country(code: "RU")!
    /// China.
    public static let china = Country(code: "CN")!
}
