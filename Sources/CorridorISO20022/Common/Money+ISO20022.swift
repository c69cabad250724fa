import CorridorCore

extension Money {
    /// The largest amount ISO 20022 carries, in minor units: `ActiveCurrencyAndAmount` has `totalDigits 18`.
    public static let iso20022MinorUnitsMax: Int64 = 999_999_999_999_999_999

    /// Writes the element `<name Ccy="CNY">100.50</name>`: the amount with exactly the currency's exponent in
    /// fraction digits, from Int64 minor units (never through floating point).
    /// - Parameter path: the path of the element holding it, built only for an error.
    /// - Throws: ``ISO20022Error/amountOutOfRange(path:minorUnits:)`` for negative or over-long amounts.
    func writeISO20022(_ name: StaticString, to writer: inout XMLStreamWriter, path: () -> String)
        throws(ISO20022Error)
    {
        guard minorUnits >= 0, minorUnits <= Money.iso20022MinorUnitsMax else {
            throw .amountOutOfRange(path: path() + "/" + name.description, minorUnits: minorUnits)
        }
        writer.writeStartTag(name)
        writer.writeAttribute("Ccy", currency.alphaCode)
        writer.writeASCIIText(lengthMax: Self.iso20022TextLengthMax) { bytes in
            Self.writeDecimal(minorUnits, exponent: currency.exponent, to: bytes)
        }
        writer.writeEndTag(name)
    }

    /// The longest amount text: 18 digits, a point, and a leading zero when every digit is a fraction digit.
    static let iso20022TextLengthMax = 20

    /// Writes the decimal text of a non-negative amount of minor units with exactly `exponent` fraction digits
    /// ("100.50", "0.05", "5" for an exponent of 0), as `decimalText` gives it; returns the bytes written.
    static func writeDecimal(_ minorUnits: Int64, exponent: Int, to bytes: UnsafeMutablePointer<UInt8>) -> Int {
        precondition(minorUnits >= 0 && (0...4).contains(exponent), "an amount ISO 20022 carries")
        var digitCount = 1
        var scale: Int64 = 10
        while digitCount < 19 && minorUnits >= scale {
            digitCount += 1
            scale &*= 10
        }
        // At least one integer digit: 5 fen is "0.05".
        let integerDigitCount = max(digitCount - exponent, 1)
        let length = integerDigitCount + (exponent > 0 ? 1 + exponent : 0)
        var rest = minorUnits
        var index = length - 1
        for _ in 0..<exponent {
            bytes[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
            index -= 1
        }
        if exponent > 0 {
            bytes[index] = UInt8(ascii: ".")
            index -= 1
        }
        while index >= 0 {
            bytes[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
            index -= 1
        }
        return length
    }

    /// Reads an amount element: the `Ccy` attribute and exact decimal text.
    /// - Throws: ``ISO20022Error/missingAttribute(path:name:)``, ``ISO20022Error/unknownCurrency(path:code:)``,
    ///   ``ISO20022Error/invalidAmount(path:text:reason:)`` or ``ISO20022Error/amountOutOfRange(path:minorUnits:)``.
    init(iso20022Element element: XMLElement) throws(ISO20022Error) {
        guard let code = element.attribute("Ccy") else { throw .missingAttribute(path: element.path, name: "Ccy") }
        guard let currency = Currency(alphaCode: code), code.utf8.count == 3, code.uppercased() == code else {
            throw .unknownCurrency(path: element.path, code: code)
        }
        let text = element.text ?? ""
        do throws(MoneyError) {
            self = try Money(decimal: text, currency: currency)
        } catch {
            throw .invalidAmount(path: element.path, text: text, reason: error)
        }
        guard minorUnits >= 0, minorUnits <= Money.iso20022MinorUnitsMax else {
            throw .amountOutOfRange(path: element.path, minorUnits: minorUnits)
        }
    }
}
