/// An exact positive rational number in lowest terms, numerator and denominator in unsigned 128-bit integers.
///
/// Rates are turned into ratios once, when a rate book is loaded (inverses and crosses included), so a quote only
/// multiplies and divides integers. Bounds that keep everything in 128 bits: a rate's mantissa is below 10^12 and its
/// scale at most 10, so a direct rate or its inverse has both terms below 10^12, a cross below 10^24, the same in
/// minor units below 10^28, and with a spread factor (at most 15000/10000) below 1.5 × 10^32. Products with an
/// amount (below 2^63) may exceed 128 bits; ``multiplyDivide(_:_:_:rounding:)`` then takes a 256-bit intermediate.
struct FXRatio: Sendable, Hashable {
    /// The numerator, positive.
    let numerator: UInt128
    /// The denominator, positive.
    let denominator: UInt128

    /// The ratio 1/1.
    static let one = FXRatio(reduced: 1, 1)

    /// Creates the ratio `numerator / denominator` in lowest terms.
    init(numerator: UInt128, denominator: UInt128) {
        precondition(numerator > 0 && denominator > 0, "an FX ratio is positive")
        let divisor = FXRatio.greatestCommonDivisor(numerator, denominator)
        self.init(reduced: numerator / divisor, denominator / divisor)
    }

    private init(reduced numerator: UInt128, _ denominator: UInt128) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The reciprocal, exact.
    var inverted: FXRatio { FXRatio(reduced: denominator, numerator) }

    /// The exact product, or nil when a term passes 128 bits (cross-reduced first, so it stays in lowest terms).
    func multiplied(by other: FXRatio) -> FXRatio? {
        let left = FXRatio.greatestCommonDivisor(numerator, other.denominator)
        let right = FXRatio.greatestCommonDivisor(other.numerator, denominator)
        let (top, topOverflow) = (numerator / left).multipliedReportingOverflow(by: other.numerator / right)
        let (bottom, bottomOverflow) = (denominator / right).multipliedReportingOverflow(by: other.denominator / left)
        guard !topOverflow, !bottomOverflow else { return nil }
        return FXRatio(reduced: top, bottom)
    }

    /// The ratio times 10^exponent (the exponent may be negative), or nil past 128 bits.
    func scaled(byPowerOfTen exponent: Int) -> FXRatio? {
        guard let power = FXRatio.powerOfTen(abs(exponent)) else { return nil }
        let factor = exponent >= 0 ? FXRatio(reduced: power, 1) : FXRatio(reduced: 1, power)
        return multiplied(by: factor)
    }

    /// `value × ratio × (10000 + spreadBps) / 10000`, exact, rounded once; nil when the result passes `Int64`.
    func apply(to value: Int64, spreadBps: Int = 0, rounding: FXRounding) -> Int64? {
        precondition(value >= 0 && spreadBps >= 0, "FX values are not negative")
        var top = numerator
        var bottom = denominator
        if spreadBps != 0 {
            let (spreadTop, topOverflow) = top.multipliedReportingOverflow(by: UInt128(10_000 + spreadBps))
            let (spreadBottom, bottomOverflow) = bottom.multipliedReportingOverflow(by: 10_000)
            guard !topOverflow, !bottomOverflow else { return nil }
            top = spreadTop
            bottom = spreadBottom
        }
        guard let result = FXRatio.multiplyDivide(UInt128(value), top, bottom, rounding: rounding),
            result <= UInt128(Int64.max)
        else { return nil }
        return Int64(result)
    }

    /// The ratio (times the spread factor) as decimal text with exactly `fractionDigits` digits after the point.
    func decimalText(fractionDigits: Int, spreadBps: Int = 0, rounding: FXRounding) -> String {
        precondition((0...18).contains(fractionDigits) && spreadBps >= 0, "a rate is shown with 0...18 decimals")
        let power = FXRatio.powerOfTen(fractionDigits)!
        // Within the bounds in the type's documentation these products fit; a failure is a bug.
        let (top, overflow) = numerator.multipliedReportingOverflow(by: UInt128(10_000 + spreadBps))
        precondition(!overflow, "FX ratio numerator out of bounds")
        guard let scaled = FXRatio.multiplyDivide(top, power, denominator * 10_000, rounding: rounding) else {
            preconditionFailure("FX ratio out of bounds")
        }
        let whole = String(scaled / power)
        guard fractionDigits > 0 else { return whole }
        let fraction = String(scaled % power)
        return whole + "." + String(repeating: "0", count: fractionDigits - fraction.count) + fraction
    }

    /// `a × b / divisor`, rounded, with a 256-bit intermediate when `a × b` passes 128 bits; nil when the quotient
    /// does not fit 128 bits.
    static func multiplyDivide(_ a: UInt128, _ b: UInt128, _ divisor: UInt128, rounding: FXRounding) -> UInt128? {
        precondition(divisor > 0, "division by zero")
        let quotient: UInt128
        let remainder: UInt128
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        if !overflow {
            (quotient, remainder) = product.quotientAndRemainder(dividingBy: divisor)
        } else {
            let wide = a.multipliedFullWidth(by: b)
            guard wide.high < divisor else { return nil }
            (quotient, remainder) = divisor.dividingFullWidth(wide)
        }
        let roundsUp: Bool
        switch rounding {
        case .down: roundsUp = false
        case .up: roundsUp = remainder != 0
        // remainder ≥ divisor / 2 exactly, without doubling the remainder (which could pass 128 bits).
        case .halfUp: roundsUp = remainder != 0 && remainder >= divisor - remainder
        }
        guard roundsUp else { return quotient }
        guard quotient < UInt128.max else { return nil }
        return quotient + 1
    }

    /// 10^exponent for 0...38, nil beyond.
    static func powerOfTen(_ exponent: Int) -> UInt128? {
        guard (0...38).contains(exponent) else { return nil }
        var value: UInt128 = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// Euclid's algorithm; gcd(0, b) = b.
    static func greatestCommonDivisor(_ a: UInt128, _ b: UInt128) -> UInt128 {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }
}
