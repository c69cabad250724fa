/// An ISO 4217 currency: alphabetic code, numeric code and the exponent of its minor unit.
///
/// Guarantees: `exponent` is 0...4; `alphaCode` is three uppercase ASCII letters; `numericCode` is 1...999.
/// Two currencies are equal when their alphabetic codes are equal.
public struct Currency: Sendable, Hashable, CustomStringConvertible {
    /// The alphabetic code, e.g. `RUB`.
    public let alphaCode: String
    /// The numeric code, e.g. 643 for RUB (ISO 4217 table A.1).
    public let numericCode: Int
    /// How many decimal places the minor unit has: JPY 0, RUB 2, KWD 3.
    public let exponent: Int
    /// The English name from the ISO list.
    public let name: String

    /// Creates a currency record; use ``Currency/init(alphaCode:)`` or the static constants to look one up.
    public init(alphaCode: String, numericCode: Int, exponent: Int, name: String) {
        self.alphaCode = alphaCode
        self.numericCode = numericCode
        self.exponent = exponent
        self.name = name
    }

    /// Looks a currency up by its alphabetic code (case-insensitive); nil when ISO 4217 has no such active code.
    public init?(alphaCode code: String) {
        guard let found = Currency.byAlpha[code.uppercased()] else { return nil }
        self = found
    }

    /// Looks a currency up by its numeric code; nil when unknown.
    public init?(numericCode code: Int) {
        guard let found = Currency.byNumeric[code] else { return nil }
        self = found
    }

    /// Looks a currency up by its three-digit numeric code as text ("643"), as EMV tag 53 and ISO 8583 field 49 carry it.
    public init?(numericText text: String) {
        guard text.utf8.count == 3, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let code = Int(text) else {
            return nil
        }
        self.init(numericCode: code)
    }

    /// The numeric code as three digits with leading zeros ("036"), as carried in EMV tag 53 and ISO 8583 field 49.
    public var numericText: String {
        let digits = String(numericCode)
        return String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }

    /// The number of minor units in one major unit (10^exponent).
    public var minorUnitsPerMajor: Int64 {
        var value: Int64 = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    public var description: String { alphaCode }

    public static func == (lhs: Currency, rhs: Currency) -> Bool { lhs.alphaCode == rhs.alphaCode }
    public func hash(into hasher: inout Hasher) { hasher.combine(alphaCode) }

    private static let byAlpha: [String: Currency] = Dictionary(uniqueKeysWithValues: all.map { ($0.alphaCode, $0) })
    private static let byNumeric: [Int: Currency] = Dictionary(all.map { ($0.numericCode, $0) }, uniquingKeysWith: { a, _ in a })
}

extension Currency {
    /// Russian ruble (643, exponent 2).
    public static let rub = Currency(alphaCode: "RUB")!
    /// Chinese yuan renminbi (156, exponent 2).
    public static let cny = Currency(alphaCode: "CNY")!
    /// US dollar (840, exponent 2).
    public static let usd = Currency(alphaCode: "USD")!
    /// Euro (978, exponent 2).
    public static let eur = Currency(alphaCode: "EUR")!
    /// Japanese yen (392, exponent 0).
    public static let jpy = Currency(alphaCode: "JPY")!
    /// Kuwaiti dinar (414, exponent 3).
    public static let kwd = Currency(alphaCode: "KWD")!
    /// Hong Kong dollar (344, exponent 2).
    public static let hkd = Currency(alphaCode: "HKD")!
}
