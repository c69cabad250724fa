import CorridorCore

/// An exact decimal exchange rate such as "12.6400": an integer mantissa and a decimal scale, never binary floating
/// point.
///
/// Guarantees: the rate is positive; the mantissa has at most ``significantDigitsMax`` significant digits and the
/// scale is at most ``scaleMax``; ``text`` gives back the digits as written (trailing zeros kept, leading zeros
/// dropped). Two rates are equal when their values are equal ("12.64" == "12.6400"). Multiplication and division are
/// exact in 128-bit integers and rounded once, as the caller asks; overflow is ``FXError/overflow``, never a trap.
/// Same model as the issuer's `ConversionRate` (mantissa and scale), independent of it.
public struct FXRate: Sendable, Hashable, CustomStringConvertible {
    /// The most significant digits a rate may have.
    public static let significantDigitsMax = 12
    /// The most digits after the decimal point.
    public static let scaleMax = 10
    /// The longest rate text accepted, in bytes (room for leading zeros).
    public static let textLengthMax = 32

    /// The digits of the rate without the point: 126400 for "12.6400".
    public let mantissa: Int64
    /// How many of those digits follow the point: 4 for "12.6400".
    public let scale: Int

    /// Creates the rate `mantissa / 10^scale`.
    /// - Parameters:
    ///   - mantissa: the digits without the point, 1 ..< 10^12.
    ///   - scale: digits after the point, 0...10.
    /// - Throws: ``FXError/rateInvalid(_:)`` when either is out of range.
    public init(mantissa: Int64, scale: Int) throws(FXError) {
        guard mantissa > 0, mantissa < 1_000_000_000_000, (0...FXRate.scaleMax).contains(scale) else {
            throw .rateInvalid("\(mantissa)e-\(scale)")
        }
        self.mantissa = mantissa
        self.scale = scale
    }

    /// Parses a plain positive decimal: "12.6400", "0.0079", "151".
    ///
    /// Rejected, never rounded: signs, exponents, spaces, separators, a bare or trailing point, zero, more than 12
    /// significant digits (leading zeros do not count), more than 10 digits after the point.
    /// - Parameter text: the rate as written in a rate file or a feed.
    /// - Throws: ``FXError/rateInvalid(_:)``.
    public init(text: String) throws(FXError) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= FXRate.textLengthMax else { throw .rateInvalid(text) }
        var mantissa: Int64 = 0
        var significantDigits = 0
        var integerDigits = 0
        var fractionDigits = 0
        var sawPoint = false
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard !sawPoint, integerDigits > 0 else { throw .rateInvalid(text) }
                sawPoint = true
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { throw .rateInvalid(text) }
            if sawPoint { fractionDigits += 1 } else { integerDigits += 1 }
            let digit = Int64(byte - UInt8(ascii: "0"))
            if mantissa > 0 || digit > 0 { significantDigits += 1 }
            guard significantDigits <= FXRate.significantDigitsMax else { throw .rateInvalid(text) }
            mantissa = mantissa * 10 + digit
        }
        guard mantissa > 0, !sawPoint || fractionDigits > 0, fractionDigits <= FXRate.scaleMax else {
            throw .rateInvalid(text)
        }
        self.mantissa = mantissa
        self.scale = fractionDigits
    }

    /// The rate as decimal text with its own scale: "12.6400", "0.0079", "151".
    public var text: String {
        guard scale > 0 else { return String(mantissa) }
        let digits = String(mantissa)
        let padded = digits.count > scale ? digits : String(repeating: "0", count: scale + 1 - digits.count) + digits
        let point = padded.index(padded.endIndex, offsetBy: -scale)
        return "\(padded[..<point]).\(padded[point...])"
    }

    /// The same as ``text``.
    public var description: String { text }

    /// The exact value as a ratio.
    var ratio: FXRatio {
        FXRatio(numerator: UInt128(mantissa), denominator: FXRatio.powerOfTen(scale)!)
    }

    /// Multiplies an amount by the rate: `amount` in the base currency → the quote currency, exact, rounded once.
    ///
    /// The result in minor units is `amount.minorUnits × mantissa × 10^(quote exponent) / (10^scale × 10^(amount
    /// exponent))`, computed in 128-bit integers (256 bits for the intermediate product when needed).
    /// - Parameters:
    ///   - amount: the amount in the base currency, not negative.
    ///   - currency: the quote currency.
    ///   - rounding: how the exact result becomes whole minor units.
    /// - Throws: ``FXError/amountInvalid(_:)`` for a negative amount, ``FXError/overflow`` when the result does not
    ///   fit `Int64` minor units.
    public func multiply(_ amount: Money, into currency: Currency, rounding: FXRounding) throws(FXError) -> Money {
        try FXRate.convert(amount, by: ratio, into: currency, rounding: rounding)
    }

    /// Divides an amount by the rate: `amount` in the quote currency → the base currency, exact, rounded once.
    ///
    /// The inverse is exact (`10^scale / mantissa`), never a rounded reciprocal.
    /// - Parameters:
    ///   - amount: the amount in the quote currency, not negative.
    ///   - currency: the base currency.
    ///   - rounding: how the exact result becomes whole minor units.
    /// - Throws: ``FXError/amountInvalid(_:)`` for a negative amount, ``FXError/overflow`` when the result does not
    ///   fit `Int64` minor units.
    public func divide(_ amount: Money, into currency: Currency, rounding: FXRounding) throws(FXError) -> Money {
        try FXRate.convert(amount, by: ratio.inverted, into: currency, rounding: rounding)
    }

    private static func convert(
        _ amount: Money, by ratio: FXRatio, into currency: Currency, rounding: FXRounding
    ) throws(FXError) -> Money {
        guard amount.minorUnits >= 0 else { throw .amountInvalid(amount) }
        guard let minorRatio = ratio.scaled(byPowerOfTen: currency.exponent - amount.currency.exponent),
            let minorUnits = minorRatio.apply(to: amount.minorUnits, rounding: rounding)
        else { throw .overflow }
        return Money(minorUnits: minorUnits, currency: currency)
    }

    /// The value with trailing fraction zeros removed, so equal values compare and hash alike.
    private var normalized: (mantissa: Int64, scale: Int) {
        var (mantissa, scale) = (self.mantissa, self.scale)
        while scale > 0, mantissa % 10 == 0 {
            mantissa /= 10
            scale -= 1
        }
        return (mantissa, scale)
    }

    /// Value equality: "12.64" equals "12.6400".
    public static func == (lhs: FXRate, rhs: FXRate) -> Bool { lhs.normalized == rhs.normalized }

    /// Hashes the value, consistent with `==`.
    public func hash(into hasher: inout Hasher) {
        let value = normalized
        hasher.combine(value.mantissa)
        hasher.combine(value.scale)
    }
}
