/// Why an amount could not be parsed or computed. Descriptions never hold card data.
public enum MoneyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Two amounts in different currencies were combined.
    case currencyMismatch(Currency, Currency)
    /// The result does not fit in Int64 minor units.
    case overflow
    /// A decimal string is not a plain decimal number; `offset` is the character offset of the first bad character.
    case invalidDecimal(text: String, offset: Int)
    /// A decimal string has more fraction digits than the currency's exponent allows ("1.234" RUB).
    case tooManyFractionDigits(text: String, currency: Currency)
    /// An alphabetic or numeric currency code that ISO 4217 does not list.
    case unknownCurrency(String)

    public var description: String {
        switch self {
        case .currencyMismatch(let a, let b): "currency mismatch: \(a) and \(b)"
        case .overflow: "amount overflows 64-bit minor units"
        case .invalidDecimal(let text, let offset): "invalid decimal amount \"\(text)\" at offset \(offset)"
        case .tooManyFractionDigits(let text, let currency):
            "amount \"\(text)\" has more than \(currency.exponent) fraction digits allowed for \(currency)"
        case .unknownCurrency(let code): "unknown ISO 4217 currency \"\(code)\""
        }
    }
}
