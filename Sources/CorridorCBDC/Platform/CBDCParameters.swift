import CorridorCore

/// The figures the model runs with. They are **model parameters**, chosen to make scenarios interesting, not the
/// Bank of Russia's actual limits or tariffs; change them freely.
///
/// Defaults (``model``):
/// - person: single payment 300 000.00 ₽, daily spend 600 000.00 ₽, monthly top-up 1 000 000.00 ₽;
/// - sole trader and company: single payment 10 000 000.00 ₽, no daily or monthly limit;
/// - government body: no limits;
/// - C2B merchant fee capped at 30 basis points (0.3 %), the rate of ``c2bFeeCapBps``.
///
/// Guarantees: every limit is a positive RUB amount; the fee cap is 0...10 000 basis points.
public struct CBDCParameters: Sendable, Hashable, Codable {
    /// Limits per wallet type; a type without an entry is unlimited.
    public var limits: [CBDCWalletType: CBDCWalletLimits]
    /// The most a merchant's bank may charge on a C2B payment, in basis points of the amount.
    public var c2bFeeCapBps: Int

    /// Creates parameters.
    /// - Parameters:
    ///   - limits: limits per wallet type.
    ///   - c2bFeeCapBps: the C2B fee cap in basis points (30 = 0.3 %).
    public init(limits: [CBDCWalletType: CBDCWalletLimits], c2bFeeCapBps: Int = 30) {
        precondition((0...10_000).contains(c2bFeeCapBps), "a fee cap is 0 to 10 000 basis points")
        for limit in limits.values {
            for money in [limit.singlePaymentMax, limit.dailySpendMax, limit.monthlyTopUpMax].compactMap({ $0 }) {
                precondition(money.currency == .rub && money.minorUnits > 0, "limits are positive RUB amounts")
            }
        }
        self.limits = limits
        self.c2bFeeCapBps = c2bFeeCapBps
    }

    /// The limits of one wallet type.
    /// - Parameters:
    ///   - type: the wallet type.
    public func limits(for type: CBDCWalletType) -> CBDCWalletLimits { limits[type] ?? .unlimited }

    /// The model's default figures (see the type's documentation).
    public static let model = CBDCParameters(limits: [
        .person: CBDCWalletLimits(singlePaymentMax: .rub(30_000_000), dailySpendMax: .rub(60_000_000),
                                  monthlyTopUpMax: .rub(100_000_000)),
        .soleTrader: CBDCWalletLimits(singlePaymentMax: .rub(1_000_000_000)),
        .company: CBDCWalletLimits(singlePaymentMax: .rub(1_000_000_000)),
        .government: .unlimited,
    ])
}

extension Money {
    /// An amount in kopecks.
    static func rub(_ kopecks: Int64) -> Money { Money(minorUnits: kopecks, currency: .rub) }
}
