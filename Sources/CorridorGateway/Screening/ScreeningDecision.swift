import CorridorCore

/// What compliance screening decided for one payment (DESIGN.md §1 step 3). A hit or an exceeded limit is a value,
/// never a thrown error; the payment is declined with the reason, never silently.
public enum ScreeningDecision: Sendable, Hashable, CustomStringConvertible {
    /// Which amount limit a payment would exceed.
    public enum LimitKind: String, Sendable, Hashable, CaseIterable {
        /// ``ScreeningLimits/paymentMax``: one payment in its corridor class.
        case singlePayment
        /// ``ScreeningLimits/payerDailyMax``: the payer's total today.
        case payerDaily
        /// ``ScreeningLimits/corridorDailyMax``: all payers' total today in the corridor class.
        case corridorDaily
    }

    /// No subject matches the watch list and no limit is exceeded; the payment's amount now counts towards the
    /// daily totals.
    case clear
    /// A subject matches a watch-list entry.
    /// - entryID: the entry's id; list: the list's name; matchedName: the entry's name or alias that matched (its
    ///   primary name for an id-number match); subject: which party matched; score: the similarity, 0…1 (1 for
    ///   an exact name or an id-number match).
    case hit(entryID: String, list: String, matchedName: String, subject: ScreeningSubject.Role, score: Double)
    /// The payment would exceed an amount limit.
    /// - limit: the configured limit; attempted: the amount for a single-payment limit, the day's total including
    ///   this payment for a daily limit.
    case limitExceeded(LimitKind, limit: Money, attempted: Money)

    /// Whether the payment may go on.
    public var isClear: Bool {
        if case .clear = self { return true }
        return false
    }

    /// The full decision for the audit log, naming the list and the entry (never show it to a payer: use
    /// ``ScreeningResult/reason``).
    public var description: String {
        switch self {
        case .clear:
            return "clear"
        case .hit(let entryID, let list, let matchedName, let subject, let score):
            let percent = (score * 100).rounded(.down) / 100
            return "hit: \(subject) matches \(list) entry \(entryID) \"\(matchedName)\" (score \(percent))"
        case .limitExceeded(let kind, let limit, let attempted):
            return "limit exceeded: \(kind.rawValue) limit \(limit), attempted \(attempted)"
        }
    }
}
