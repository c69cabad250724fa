extension Money {
    /// The longest decimal text accepted, in characters: room for any Int64 with a sign, a point and leading zeros.
    public static let decimalTextLengthMax = 64

    /// Parses a plain decimal string exactly in the currency's exponent: "100.5" CNY → 10050 fen.
    ///
    /// Accepted: an optional leading `-`, one or more digits, and optionally `.` followed by one to `exponent`
    /// digits. Rejected, never rounded: more fraction digits than the exponent ("1.234" RUB), exponents, spaces,
    /// commas, a bare point, and anything that overflows Int64.
    /// - Parameters:
    ///   - text: the decimal text, e.g. EMV tag 54 or a CLI option.
    ///   - currency: the currency whose exponent applies.
    /// - Throws: ``MoneyError/invalidDecimal(text:offset:)``, ``MoneyError/tooManyFractionDigits(text:currency:)``
    ///   or ``MoneyError/overflow``.
    public init(decimal text: String, currency: Currency) throws(MoneyError) {
        // One parser for text and bytes: the byte-level one in Money+DecimalUTF8.swift.
        var text = text
        let parsed: Result<Money, MoneyError> = text.withUTF8 { bytes in
            do throws(MoneyError) {
                return .success(try Money(decimalUTF8: bytes, currency: currency))
            } catch {
                return .failure(error)
            }
        }
        self = try parsed.get()
    }

    /// The exact decimal text with exactly `exponent` fraction digits: 10050 fen → "100.50"; 5 JPY → "5".
    public var decimalText: String {
        let magnitude = minorUnits.magnitude
        let sign = minorUnits < 0 ? "-" : ""
        let exponent = currency.exponent
        guard exponent > 0 else { return sign + String(magnitude) }
        let scale = UInt64(currency.minorUnitsPerMajor)
        let fraction = String(magnitude % scale)
        let padded = String(repeating: "0", count: exponent - fraction.count) + fraction
        return "\(sign)\(magnitude / scale).\(padded)"
    }

    /// The shortest exact decimal text, as EMV tag 54 prefers it: 10050 fen → "100.5", 10000 → "100".
    public var compactDecimalText: String {
        var text = decimalText
        guard text.contains(".") else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
