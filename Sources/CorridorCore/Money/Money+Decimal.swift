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
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= Money.decimalTextLengthMax else {
            throw .invalidDecimal(text: text, offset: bytes.isEmpty ? 0 : Money.decimalTextLengthMax)
        }
        var index = 0
        let negative = bytes[0] == UInt8(ascii: "-")
        if negative { index = 1 }
        var value: Int64 = 0
        var integerDigits = 0
        var fractionDigits = 0
        var sawPoint = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                guard !sawPoint, integerDigits > 0 else { throw .invalidDecimal(text: text, offset: index) }
                sawPoint = true
            } else if byte >= 0x30 && byte <= 0x39 {
                if sawPoint {
                    fractionDigits += 1
                    guard fractionDigits <= currency.exponent else {
                        throw .tooManyFractionDigits(text: text, currency: currency)
                    }
                } else {
                    integerDigits += 1
                }
                // Accumulate towards the sign so that Int64.min, whose magnitude Int64 cannot hold, parses.
                let digit = Int64(byte - 0x30)
                let (shifted, o1) = value.multipliedReportingOverflow(by: 10)
                let (next, o2) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
                guard !o1, !o2 else { throw .overflow }
                value = next
            } else {
                throw .invalidDecimal(text: text, offset: index)
            }
            index += 1
        }
        guard integerDigits > 0 else { throw .invalidDecimal(text: text, offset: index) }
        guard !sawPoint || fractionDigits > 0 else { throw .invalidDecimal(text: text, offset: bytes.count) }
        for _ in fractionDigits..<currency.exponent {
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { throw .overflow }
            value = shifted
        }
        self.init(minorUnits: value, currency: currency)
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
