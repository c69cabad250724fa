import CorridorCore

/// The running daily totals behind ``ScreeningLimits``, kept for today and yesterday only (yesterday so that a
/// payment cleared just before the day turned can still be released).
///
/// Only amounts in a currency that has a daily limit are counted, so the totals hold at most one number per payer
/// and currency with a limit, plus one per corridor class and currency, for two days.
struct ScreeningLimitTotals: Sendable {
    private struct PayerKey: Hashable {
        let day: Int64
        let payer: String
        let currency: Currency
    }

    private struct CorridorKey: Hashable {
        let day: Int64
        let corridor: PaymentCorridor.Kind
        let currency: Currency
    }

    private var payer: [PayerKey: Int64] = [:]
    private var corridor: [CorridorKey: Int64] = [:]
    private var latestDay = Int64.min

    /// Adds `amount` to the payer's and the corridor's totals of `day` if neither would exceed its limit; otherwise
    /// changes nothing and returns the first limit exceeded (the payer's before the corridor's).
    mutating func consume(
        _ amount: Money, payerKey: String, corridor kind: PaymentCorridor.Kind, day: Int64, limits: ScreeningLimits
    ) -> ScreeningDecision? {
        advance(to: day)
        let payerKey = PayerKey(day: day, payer: payerKey, currency: amount.currency)
        let corridorKey = CorridorKey(day: day, corridor: kind, currency: amount.currency)
        let payerLimit = limits.payerDailyMax[amount.currency]
        let corridorLimit = limits.corridorDailyMax[kind]?[amount.currency]
        var payerTotal: Int64?
        if let payerLimit {
            let (total, overflow) = (payer[payerKey] ?? 0).addingReportingOverflow(amount.minorUnits)
            guard !overflow, total <= payerLimit.minorUnits else {
                let attempted = Self.money(total, overflow, amount)
                return .limitExceeded(.payerDaily, limit: payerLimit, attempted: attempted)
            }
            payerTotal = total
        }
        var corridorTotal: Int64?
        if let corridorLimit {
            let (total, overflow) = (corridor[corridorKey] ?? 0).addingReportingOverflow(amount.minorUnits)
            guard !overflow, total <= corridorLimit.minorUnits else {
                let attempted = Self.money(total, overflow, amount)
                return .limitExceeded(.corridorDaily, limit: corridorLimit, attempted: attempted)
            }
            corridorTotal = total
        }
        if let payerTotal { payer[payerKey] = payerTotal }
        if let corridorTotal { corridor[corridorKey] = corridorTotal }
        return nil
    }

    /// Takes `amount` back off the totals of `day`, never below zero; a day no longer kept is left alone.
    mutating func release(_ amount: Money, payerKey: String, corridor kind: PaymentCorridor.Kind, day: Int64) {
        let payerKey = PayerKey(day: day, payer: payerKey, currency: amount.currency)
        if let total = payer[payerKey] {
            let remaining = max(0, total - amount.minorUnits)
            payer[payerKey] = remaining == 0 ? nil : remaining
        }
        let corridorKey = CorridorKey(day: day, corridor: kind, currency: amount.currency)
        if let total = corridor[corridorKey] {
            let remaining = max(0, total - amount.minorUnits)
            corridor[corridorKey] = remaining == 0 ? nil : remaining
        }
    }

    /// The payer's total of `day` in `currency`, in minor units.
    func payerTotal(_ payerKey: String, currency: Currency, day: Int64) -> Int64 {
        payer[PayerKey(day: day, payer: payerKey, currency: currency)] ?? 0
    }

    /// The corridor class's total of `day` in `currency`, in minor units.
    func corridorTotal(_ kind: PaymentCorridor.Kind, currency: Currency, day: Int64) -> Int64 {
        corridor[CorridorKey(day: day, corridor: kind, currency: currency)] ?? 0
    }

    /// Drops the totals of days before yesterday when a new day starts.
    private mutating func advance(to day: Int64) {
        guard day > latestDay else { return }
        latestDay = day
        payer = payer.filter { $0.key.day >= day - 1 }
        corridor = corridor.filter { $0.key.day >= day - 1 }
    }

    private static func money(_ total: Int64, _ overflow: Bool, _ amount: Money) -> Money {
        Money(minorUnits: overflow ? .max : total, currency: amount.currency)
    }
}
