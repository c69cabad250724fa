import CorridorCore
import Foundation

/// Mid rates between currency pairs and each pair's default spread; finds how any two currencies convert.
///
/// A pair `base/quote` at `mid` means one unit of `base` costs `mid` units of `quote`; it prices conversions both
/// ways, the inverse computed exactly (never from a rounded reciprocal). Two currencies without a pair convert
/// through a third currency that has a pair with each (a cross), chosen deterministically: the intermediate with the
/// lowest alphabetic code among those that connect both. A cross is never used when a direct pair exists.
///
/// Guarantees: at most one pair per unordered couple of currencies; no pair of a currency with itself; spreads are
/// 0...``spreadBpsMax``; at most ``currenciesMax`` currencies. Every route (direct, inverse, cross) is computed when
/// the book is built or changed, and looked up by small integers, never by strings, so ``route(from:to:)`` and the
/// quoter's lookup cost two array reads.
public struct FXRateBook: Sendable {
    /// The largest spread, in basis points (50%).
    public static let spreadBpsMax = 5_000
    /// The most currencies a book may hold.
    public static let currenciesMax = 128

    /// One pair as the book holds it.
    struct Pair: Sendable, Hashable {
        let base: Currency
        let quote: Currency
        var mid: FXRate
        var spreadBps: Int
    }

    /// ISO 4217 numeric codes are 1...999.
    private static let numericCodeLimit = 1_000

    private var pairs: [Pair] = []
    /// The book's currencies, sorted by alphabetic code; a currency's position is its slot.
    public private(set) var currencies: [Currency] = []
    /// Slot + 1 by numeric code, 0 when the book lacks the currency.
    private var slotByNumericCode: [UInt8] = []
    /// `table[priced × count + pricing]`: one unit of `currencies[priced]` in `currencies[pricing]`.
    private var table: [FXConversion?] = []

    /// Creates an empty book.
    public init() {}

    /// Sets (adds or replaces) the mid rate of a pair.
    ///
    /// A pair held in the other orientation is replaced by this one (the book keeps one pair per couple).
    /// - Parameters:
    ///   - base: the currency one unit of which is priced.
    ///   - quote: the currency it is priced in.
    ///   - mid: how many units of `quote` one unit of `base` costs.
    ///   - spreadBps: the pair's default spread; nil keeps the pair's current spread (0 for a new pair).
    /// - Throws: ``FXError/conversionNotNeeded(_:)`` when `base == quote`, ``FXError/spreadInvalid(bps:)`` for a
    ///   spread outside 0...``spreadBpsMax``.
    /// - Precondition: the book stays within ``currenciesMax`` currencies.
    public mutating func setMid(base: Currency, quote: Currency, mid: FXRate, spreadBps: Int? = nil) throws(FXError) {
        try store(base: base, quote: quote, mid: mid, spreadBps: spreadBps)
        rebuild()
    }

    /// The mid rate of a pair held in exactly this orientation; nil otherwise.
    public func mid(base: Currency, quote: Currency) -> FXRate? {
        pairs.first { $0.base == base && $0.quote == quote }?.mid
    }

    /// The default spread of the pair between two currencies, in either orientation; nil when the book has no
    /// direct pair.
    public func spreadBps(between first: Currency, and second: Currency) -> Int? {
        pairIndex(first, second).map { pairs[$0].spreadBps }
    }

    /// How `from` converts into `to`: ``FXRoute/identity`` for the same currency, ``FXRoute/direct(base:quote:)``
    /// when the book has the pair in either orientation, else ``FXRoute/cross(via:)`` through the connecting
    /// currency with the lowest alphabetic code; nil when neither exists.
    public func route(from: Currency, to: Currency) -> FXRoute? {
        if from == to { return .identity }
        return conversion(pricing: to, in: from)?.route
    }

    /// The precomputed conversion pricing one unit of `priced` in `pricing`; nil for the same currency or when
    /// unavailable.
    func conversion(pricing priced: Currency, in pricing: Currency) -> FXConversion? {
        guard let row = slot(of: priced), let column = slot(of: pricing) else { return nil }
        return table[row &* currencies.count &+ column]
    }

    /// Adds or replaces a pair without rebuilding the table (the CSV loader rebuilds once at the end).
    mutating func store(base: Currency, quote: Currency, mid: FXRate, spreadBps: Int?) throws(FXError) {
        guard base != quote else { throw .conversionNotNeeded(base) }
        if let spreadBps, !(0...FXRateBook.spreadBpsMax).contains(spreadBps) { throw .spreadInvalid(bps: spreadBps) }
        if let index = pairIndex(base, quote) {
            let spread = spreadBps ?? pairs[index].spreadBps
            pairs[index] = Pair(base: base, quote: quote, mid: mid, spreadBps: spread)
        } else {
            pairs.append(Pair(base: base, quote: quote, mid: mid, spreadBps: spreadBps ?? 0))
        }
    }

    /// Whether the book holds a pair between two currencies, in either orientation.
    func hasPair(_ first: Currency, _ second: Currency) -> Bool { pairIndex(first, second) != nil }

    private func pairIndex(_ first: Currency, _ second: Currency) -> Int? {
        pairs.firstIndex { ($0.base == first && $0.quote == second) || ($0.base == second && $0.quote == first) }
    }

    private func slot(of currency: Currency) -> Int? {
        let code = currency.numericCode
        guard code < slotByNumericCode.count else { return nil }
        let slot = slotByNumericCode[code]
        return slot == 0 ? nil : Int(slot) - 1
    }

    /// Recomputes every route: direct and inverse from the pairs, then crosses where no direct pair exists.
    mutating func rebuild() {
        var found = Set<Currency>()
        for pair in pairs {
            found.insert(pair.base)
            found.insert(pair.quote)
        }
        currencies = found.sorted { $0.alphaCode < $1.alphaCode }
        precondition(currencies.count <= FXRateBook.currenciesMax, "an FX rate book holds at most 128 currencies")
        slotByNumericCode = Array(repeating: 0, count: FXRateBook.numericCodeLimit)
        for (slot, currency) in currencies.enumerated() { slotByNumericCode[currency.numericCode] = UInt8(slot + 1) }

        let count = currencies.count
        // legs[priced × count + pricing]: the direct rate and spread, when a pair joins the two.
        var legs = [(rate: FXRatio, spreadBps: Int, route: FXRoute)?](repeating: nil, count: count * count)
        for pair in pairs {
            guard let base = slot(of: pair.base), let quote = slot(of: pair.quote) else { continue }
            let route = FXRoute.direct(base: pair.base, quote: pair.quote)
            legs[base * count + quote] = (pair.mid.ratio, pair.spreadBps, route)
            legs[quote * count + base] = (pair.mid.ratio.inverted, pair.spreadBps, route)
        }

        table = Array(repeating: nil, count: count * count)
        for priced in 0..<count {
            for pricing in 0..<count where pricing != priced {
                let entry: (rate: FXRatio, spreadBps: Int, route: FXRoute)?
                if let direct = legs[priced * count + pricing] {
                    entry = direct
                } else {
                    entry = FXRateBook.cross(priced: priced, pricing: pricing, legs: legs, currencies: currencies)
                }
                // Within the bounds documented on FXRatio the minor-unit scaling fits; nil would leave the pair out.
                guard let entry,
                    let minorRate = entry.rate.scaled(
                        byPowerOfTen: currencies[pricing].exponent - currencies[priced].exponent)
                else { continue }
                table[priced * count + pricing] = FXConversion(
                    route: entry.route, rate: entry.rate, minorRate: minorRate, defaultSpreadBps: entry.spreadBps)
            }
        }
    }

    /// The cross through the lowest-coded currency joined to both by direct pairs (slots are in alphabetic order).
    private static func cross(
        priced: Int, pricing: Int, legs: [(rate: FXRatio, spreadBps: Int, route: FXRoute)?], currencies: [Currency]
    ) -> (rate: FXRatio, spreadBps: Int, route: FXRoute)? {
        let count = currencies.count
        for via in 0..<count where via != priced && via != pricing {
            guard let first = legs[priced * count + via], let second = legs[via * count + pricing],
                let rate = first.rate.multiplied(by: second.rate)
            else { continue }
            let spread = min(first.spreadBps + second.spreadBps, spreadBpsMax)
            return (rate, spread, .cross(via: currencies[via]))
        }
        return nil
    }
}
