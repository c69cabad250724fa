import CorridorCore
import Foundation

/// Generated traffic (`traffic:`): one day of arrivals, spread over the hours by `per_hour` rates, at merchants of
/// one country; run where the `traffic` step stands among the steps.
///
/// The number of payments in an hour is the hour's rate, or, when `payments` is given, that total split over the
/// hours in proportion to the rates (largest remainder first, so the hours always add up to it exactly).
///
/// Guarantees: at least one hour has a positive rate; `payments`, when given, is 1…``paymentCountMax``.
public struct ScenarioTraffic: Sendable, Hashable {
    /// The simulated day, midnight UTC.
    public let day: Date
    /// Arrivals per hour of the day (UTC), 24 entries.
    public let ratePerHour: [Int]
    /// A total that replaces the rates' sum (the `--payments` option replaces it again).
    public let payments: Int?
    /// The merchants' country; nil for every merchant of the directory.
    public let merchantCountry: Country?
    /// The line of `traffic:`.
    public let line: Int?

    /// The most payments one traffic run may generate.
    public static let paymentCountMax = 100_000_000

    /// Creates traffic from checked parts.
    public init(day: Date, ratePerHour: [Int], payments: Int?, merchantCountry: Country?, line: Int?) {
        precondition(ratePerHour.count == 24, "one rate per hour of the day")
        self.day = day
        self.ratePerHour = ratePerHour
        self.payments = payments
        self.merchantCountry = merchantCountry
        self.line = line
    }

    /// The payments of each hour for a total (nil: the rates themselves).
    public func paymentsPerHour(total: Int?) -> [Int] {
        guard let total else { return ratePerHour }
        let weight = ratePerHour.reduce(0, +)
        var counts = ratePerHour.map { $0 * total / weight }
        var remainders = ratePerHour.enumerated().map { (hour: $0.offset, rest: $0.element * total % weight) }
        remainders.sort { $0.rest != $1.rest ? $0.rest > $1.rest : $0.hour < $1.hour }
        var missing = total - counts.reduce(0, +)
        for entry in remainders where missing > 0 {
            counts[entry.hour] += 1
            missing -= 1
        }
        return counts
    }
}
