/// An ISO 4217 currency: alphabetic code, numeric code and the exponent of its minor unit.
///
/// A `Currency` is a two-byte index into the ISO table, so `Money` stays a plain value that copies without
/// reference counting on hot paths (ledger postings, payload codecs).
///
/// Guarantees: only currencies from ``Currency/all`` exist; `exponent` is 0...4; `alphaCode` is three uppercase
/// ASCII letters; `numericCode` is 1...999. Two currencies are equal when they are the same table entry.
public struct Currency: Sendable, Hashable, Comparable, CustomStringConvertible {
    private let index: UInt16
    /// The numeric code and the exponent are kept in the value too (they never change for a given `index`), so that
    /// the hot paths — amounts formatted and parsed, EMV tag 53 — read no table and copy no record's strings.
    @usableFromInline let storedNumericCode: UInt16
    @usableFromInline let storedExponent: UInt8

    private init(index: Int) {
        let record = Currency.records[index]
        self.index = UInt16(index)
        storedNumericCode = UInt16(record.numericCode)
        storedExponent = UInt8(record.exponent)
    }

    private var record: CurrencyRecord { Currency.records[Int(index)] }

    /// The alphabetic code, e.g. `RUB`.
    public var alphaCode: String { record.alphaCode }
    /// The numeric code, e.g. 643 for RUB (ISO 4217 table A.1).
    @inlinable public var numericCode: Int { Int(storedNumericCode) }
    /// How many decimal places the minor unit has: JPY 0, RUB 2, KWD 3.
    @inlinable public var exponent: Int { Int(storedExponent) }

    /// Equal when they are the same ISO 4217 entry.
    public static func == (lhs: Currency, rhs: Currency) -> Bool { lhs.index == rhs.index }

    /// Hashes the entry (its position in the table).
    public func hash(into hasher: inout Hasher) { hasher.combine(index) }

    /// The English name from the ISO list.
    public var name: String { record.name }

    /// Every active ISO 4217 currency with a defined minor unit, sorted by alphabetic code.
    public static let all: [Currency] = records.indices.map { Currency(index: $0) }

    /// Looks a currency up by its alphabetic code (case-insensitive); nil when ISO 4217 has no such active code.
    public init?(alphaCode code: String) {
        // Only ASCII letters: `uppercased()` would turn "ı" or "ſ" into "I" or "S".
        guard code.utf8.allSatisfy({ $0 < 0x80 }), let found = Currency.byAlpha[code.uppercased()] else { return nil }
        self = found
    }

    /// Looks a currency up by its numeric code; nil when unknown.
    public init?(numericCode code: Int) {
        guard let found = Currency.byNumeric[code] else { return nil }
        self = found
    }

    /// Looks a currency up by its three-digit numeric code as text ("643"), as EMV tag 53 and ISO 8583 field 49
    /// carry it; nil unless exactly three ASCII digits naming a known currency.
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

    public static func < (lhs: Currency, rhs: Currency) -> Bool { lhs.index < rhs.index }

    private static let byAlpha: [String: Currency] = Dictionary(uniqueKeysWithValues: all.map { ($0.alphaCode, $0) })
    private static let byNumeric: [Int: Currency] =
        Dictionary(all.map { ($0.numericCode, $0) }, uniquingKeysWith: { first, _ in first })
}

extension Currency: Codable {
    /// Decodes the alphabetic code ("RUB").
    /// - Throws: `DecodingError.dataCorrupted` for a code ISO 4217 does not list.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let code = try container.decode(String.self)
        guard let currency = Currency(alphaCode: code) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown ISO 4217 currency \"\(code)\"")
        }
        self = currency
    }

    /// Encodes the alphabetic code.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(alphaCode)
    }
}

/// One row of the ISO 4217 table.
struct CurrencyRecord: Sendable {
    let alphaCode: String
    let numericCode: Int
    let exponent: Int
    let name: String
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
