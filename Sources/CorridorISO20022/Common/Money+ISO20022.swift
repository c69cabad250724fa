import CorridorCore

extension Money {
    /// The largest amount ISO 20022 carries, in minor units: `ActiveCurrencyAndAmount` has `totalDigits 18`.
    public static let iso20022MinorUnitsMax: Int64 = 999_999_999_999_999_999

    /// The element `<name Ccy="CNY">100.50</name>`: the amount with exactly the currency's exponent in fraction
    /// digits, from Int64 minor units (never through floating point).
    /// - Throws: ``ISO20022Error/amountOutOfRange(path:minorUnits:)`` for negative or over-long amounts.
    func iso20022Element(_ name: String, path: String) throws(ISO20022Error) -> XMLElement {
        guard minorUnits >= 0, minorUnits <= Money.iso20022MinorUnitsMax else {
            throw .amountOutOfRange(path: path + "/" + name, minorUnits: minorUnits)
        }
        return XMLElement(name, attributes: [XMLAttribute("Ccy", currency.alphaCode)], text: decimalText)
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
