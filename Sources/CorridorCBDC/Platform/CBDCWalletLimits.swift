import CorridorCore

/// The limits one wallet type is held to; nil means no limit.
///
/// Guarantees: every figure, when present, is positive and in RUB (checked by ``CBDCParameters/init(limits:c2bFeeCapBps:)``).
public struct CBDCWalletLimits: Sendable, Hashable, Codable {
    /// The largest single outgoing payment.
    public var singlePaymentMax: Money?
    /// The most a wallet may pay out in one UTC calendar day (payments; conversions back to a deposit do not count).
    public var dailySpendMax: Money?
    /// The most that may be converted into the wallet in one UTC calendar month.
    public var monthlyTopUpMax: Money?

    /// Creates limits.
    /// - Parameters:
    ///   - singlePaymentMax: the largest single payment, nil for none.
    ///   - dailySpendMax: the most paid out per UTC day, nil for none.
    ///   - monthlyTopUpMax: the most converted in per UTC month, nil for none.
    public init(singlePaymentMax: Money? = nil, dailySpendMax: Money? = nil, monthlyTopUpMax: Money? = nil) {
        self.singlePaymentMax = singlePaymentMax
        self.dailySpendMax = dailySpendMax
        self.monthlyTopUpMax = monthlyTopUpMax
    }

    /// No limits.
    public static let unlimited = CBDCWalletLimits()
}
