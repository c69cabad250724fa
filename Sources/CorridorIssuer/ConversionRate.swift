import CorridorCore

/// An issuer's billing rate: one unit of `from` costs `rate` units of `to`, rounded half up to `to`'s minor unit.
///
/// The rate is kept as an exact decimal (mantissa and scale), so conversion is integer arithmetic with no binary
/// floating point; overflow is an error, never a wrap.
public struct ConversionRate: Sendable, Hashable {
    /// The transaction currency.
    public let from: Currency
    /// The billing currency.
    public let to: Currency
    /// Decimal digits of the rate without the point.
    public let mantissa: Int64
    /// Digits after the point.
    public let scale: Int

    /// Parses a rate such as "12.6400".
    /// - Throws: `IssuerConfigurationError.rateInvalid` for anything but a positive decimal with at most 12 digits.
    public init(from: Currency, to: Currency, rate text: String) throws(IssuerConfigurationError) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            !parts[0].isEmpty, parts.count == 1 || !parts[1].isEmpty
        else { throw .rateInvalid(pair: "\(from.alphaCode)/\(to.alphaCode)", value: text) }
        let digits = parts.joined()
        guard digits.count <= 12, let mantissa = Int64(digits), mantissa > 0 else {
            throw .rateInvalid(pair: "\(from.alphaCode)/\(to.alphaCode)", value: text)
        }
        self.from = from
        self.to = to
        self.mantissa = mantissa
        self.scale = parts.count == 2 ? parts[1].count : 0
    }

    /// Converts an amount in `from` into `to`, nil on overflow.
    public func convert(_ amount: Money) -> Money? {
        precondition(amount.currency == from, "converting \(amount.currency.alphaCode) with a \(from.alphaCode) rate")
        // result minor = amount minor × mantissa × 10^(toExp − fromExp − scale), rounded half up.
        let shift = to.exponent - from.exponent - scale
        let (product, overflow) = amount.minorUnits.multipliedReportingOverflow(by: mantissa)
        guard !overflow else { return nil }
        var value = product
        if shift >= 0 {
            for _ in 0..<shift {
                let (next, over) = value.multipliedReportingOverflow(by: 10)
                guard !over else { return nil }
                value = next
            }
        } else {
            var divisor: Int64 = 1
            for _ in 0..<(-shift) {
                let (next, over) = divisor.multipliedReportingOverflow(by: 10)
                guard !over else { return nil }
                divisor = next
            }
            value = (value + divisor / 2) / divisor
        }
        return Money(minorUnits: value, currency: to)
    }
}
