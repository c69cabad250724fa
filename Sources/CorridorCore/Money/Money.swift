/// An amount in the currency's minor unit (kopecks, fen). Never `Double`.
///
/// Guarantees: arithmetic is checked and throws ``MoneyError/overflow`` instead of wrapping; amounts in different
/// currencies never combine silently; decimal text is parsed and printed exactly (see `Money+Decimal.swift`).
public struct Money: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The amount in minor units (1 RUB = 100 kopecks → 100).
    public let minorUnits: Int64
    /// The currency, whose exponent says how many minor units make a major unit.
    public let currency: Currency

    /// Creates an amount from minor units.
    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Zero in the given currency.
    public static func zero(_ currency: Currency) -> Money { Money(minorUnits: 0, currency: currency) }

    /// True when the amount is below zero.
    public var isNegative: Bool { minorUnits < 0 }

    /// Adds two amounts of the same currency.
    /// - Throws: ``MoneyError/currencyMismatch(_:_:)`` or ``MoneyError/overflow``.
    public func adding(_ other: Money) throws(MoneyError) -> Money {
        guard currency == other.currency else { throw .currencyMismatch(currency, other.currency) }
        let (sum, overflow) = minorUnits.addingReportingOverflow(other.minorUnits)
        guard !overflow else { throw .overflow }
        return Money(minorUnits: sum, currency: currency)
    }

    /// Subtracts an amount of the same currency.
    /// - Throws: ``MoneyError/currencyMismatch(_:_:)`` or ``MoneyError/overflow``.
    public func subtracting(_ other: Money) throws(MoneyError) -> Money {
        guard currency == other.currency else { throw .currencyMismatch(currency, other.currency) }
        let (difference, overflow) = minorUnits.subtractingReportingOverflow(other.minorUnits)
        guard !overflow else { throw .overflow }
        return Money(minorUnits: difference, currency: currency)
    }

    /// Multiplies by an integer factor (a quantity, not a rate).
    /// - Throws: ``MoneyError/overflow``.
    public func multiplied(by factor: Int64) throws(MoneyError) -> Money {
        let (product, overflow) = minorUnits.multipliedReportingOverflow(by: factor)
        guard !overflow else { throw .overflow }
        return Money(minorUnits: product, currency: currency)
    }

    /// The negated amount.
    /// - Throws: ``MoneyError/overflow`` for `Int64.min`.
    public func negated() throws(MoneyError) -> Money {
        guard minorUnits != .min else { throw .overflow }
        return Money(minorUnits: -minorUnits, currency: currency)
    }

    /// "100.50 CNY".
    public var description: String { "\(decimalText) \(currency.alphaCode)" }
}
