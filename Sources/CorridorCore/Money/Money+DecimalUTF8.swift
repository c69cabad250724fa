extension Money {
    /// Parses a decimal amount from its UTF-8 bytes exactly as ``init(decimal:currency:)`` parses text (same
    /// results, same errors), without copying the bytes; the text in an error is built only when one is thrown.
    /// - Parameters:
    ///   - bytes: the amount's UTF-8 bytes, e.g. `100.50`.
    ///   - currency: the currency whose exponent bounds the fraction digits.
    /// - Throws: ``MoneyError/invalidDecimal(text:offset:)``, ``MoneyError/tooManyFractionDigits(text:currency:)``,
    ///   ``MoneyError/overflow``.
    public init(decimalUTF8 bytes: UnsafeBufferPointer<UInt8>, currency: Currency) throws(MoneyError) {
        func text() -> String { String(decoding: bytes, as: UTF8.self) }
        guard !bytes.isEmpty, bytes.count <= Money.decimalTextLengthMax else {
            throw .invalidDecimal(text: text(), offset: bytes.isEmpty ? 0 : Money.decimalTextLengthMax)
        }
        let exponent = currency.exponent
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
                guard !sawPoint, integerDigits > 0 else { throw .invalidDecimal(text: text(), offset: index) }
                sawPoint = true
            } else if byte >= 0x30 && byte <= 0x39 {
                if sawPoint {
                    fractionDigits += 1
                    guard fractionDigits <= exponent else {
                        throw .tooManyFractionDigits(text: text(), currency: currency)
                    }
                } else {
                    integerDigits += 1
                }
                // Accumulate towards the sign so that Int64.min, whose magnitude Int64 cannot hold, parses.
                let digit = Int64(byte - 0x30)
                let (shifted, o1) = value.multipliedReportingOverflow(by: 10)
                let (next, o2) =
                    negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
                guard !o1, !o2 else { throw .overflow }
                value = next
            } else {
                throw .invalidDecimal(text: text(), offset: index)
            }
            index += 1
        }
        guard integerDigits > 0 else { throw .invalidDecimal(text: text(), offset: index) }
        guard !sawPoint || fractionDigits > 0 else { throw .invalidDecimal(text: text(), offset: bytes.count) }
        for _ in fractionDigits..<max(fractionDigits, exponent) {
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { throw .overflow }
            value = shifted
        }
        self.init(minorUnits: value, currency: currency)
    }
}
