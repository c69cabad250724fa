import CorridorCore
import Foundation

/// The amount limits screening enforces before any money moves. Every value is a parameter of the simulation
/// chosen by whoever configures the gateway, not a regulatory fact; every limit is optional, and a payment in a
/// currency without a configured limit is not limited.
///
/// Days are calendar days at ``dayStartUTCOffsetSeconds`` from UTC (0: the day turns at 00:00 UTC; 10 800: at 00:00
/// Moscow time). Totals count payments that screening cleared, less those given back by
/// ``ComplianceScreener/release(payerKey:corridor:amount:at:)``.
///
/// Guarantees: no limit is negative; each list holds at most one limit per currency.
public struct ScreeningLimits: Sendable, Hashable {
    /// The most one payer may pay per day, per currency.
    public let payerDailyMax: [Currency: Money]
    /// The most all payers together may pay per day through one corridor class, per currency.
    public let corridorDailyMax: [PaymentCorridor.Kind: [Currency: Money]]
    /// The largest single payment through one corridor class, per currency.
    public let paymentMax: [PaymentCorridor.Kind: [Currency: Money]]
    /// Where the day turns, in seconds east of UTC.
    public let dayStartUTCOffsetSeconds: Int

    /// Creates limits; a currency left out is not limited.
    /// - Parameters:
    ///   - payerDailyMax: per payer per day, at most one amount per currency.
    ///   - corridorDailyMax: per corridor class per day, at most one amount per currency in each class.
    ///   - paymentMax: per payment in a corridor class, at most one amount per currency in each class.
    ///   - dayStartUTCOffsetSeconds: where the day turns, in seconds east of UTC (−14 h … +14 h).
    public init(
        payerDailyMax: [Money] = [], corridorDailyMax: [PaymentCorridor.Kind: [Money]] = [:],
        paymentMax: [PaymentCorridor.Kind: [Money]] = [:], dayStartUTCOffsetSeconds: Int = 0
    ) {
        precondition(abs(dayStartUTCOffsetSeconds) <= 14 * 3600, "ScreeningLimits: day offset beyond ±14 hours")
        self.payerDailyMax = Self.byCurrency(payerDailyMax)
        self.corridorDailyMax = corridorDailyMax.mapValues(Self.byCurrency)
        self.paymentMax = paymentMax.mapValues(Self.byCurrency)
        self.dayStartUTCOffsetSeconds = dayStartUTCOffsetSeconds
    }

    /// No limits at all.
    public static let unlimited = ScreeningLimits()

    /// The day number (days since 1970-01-01 in the limits' time zone) of an instant.
    func day(of instant: Date) -> Int64 {
        let milliseconds = instant.unixMilliseconds + Int64(dayStartUTCOffsetSeconds) * 1000
        let millisecondsPerDay: Int64 = 86_400_000
        guard milliseconds < 0 else { return milliseconds / millisecondsPerDay }
        return (milliseconds + 1 - millisecondsPerDay) / millisecondsPerDay
    }

    private static func byCurrency(_ limits: [Money]) -> [Currency: Money] {
        var result: [Currency: Money] = [:]
        for limit in limits {
            precondition(!limit.isNegative, "ScreeningLimits: negative limit \(limit)")
            let previous = result.updateValue(limit, forKey: limit.currency)
            precondition(previous == nil, "ScreeningLimits: two limits in \(limit.currency)")
        }
        return result
    }
}
