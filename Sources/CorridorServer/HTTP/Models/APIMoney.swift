import CorridorCore

/// An amount on the wire: `{"value": "123.45", "currency": "CNY"}`, the value an exact decimal string in the
/// currency's major unit (never a JSON number, so no binary floating point touches money).
public struct APIMoney: Codable, Sendable, Hashable {
    /// The decimal amount, e.g. "123.45".
    public let value: String
    /// The ISO 4217 alphabetic code.
    public let currency: String

    /// The wire form of an amount.
    public init(_ money: Money) {
        value = money.decimalText
        currency = money.currency.alphaCode
    }

    /// An amount as given on the wire.
    public init(value: String, currency: String) {
        self.value = value
        self.currency = currency
    }

    /// The amount, validated.
    /// - Parameters:
    ///   - field: the JSON path named in the problem when the value is refused.
    /// - Throws: 422 naming `field.currency` or `field.value`.
    public func money(field: String) throws(HTTPProblem) -> Money {
        guard let code = Currency(alphaCode: currency.uppercased()) else {
            throw .unprocessable("unknown ISO 4217 currency", field: field + ".currency")
        }
        do {
            return try Money(decimal: value, currency: code)
        } catch {
            throw .unprocessable("\(error)", field: field + ".value")
        }
    }

    /// A positive amount.
    /// - Throws: 422 naming the field.
    public func positiveMoney(field: String) throws(HTTPProblem) -> Money {
        let money = try money(field: field)
        guard money.minorUnits > 0 else { throw .unprocessable("must be greater than zero", field: field + ".value") }
        return money
    }
}
