import CorridorCore
import Foundation
import Synchronization

/// Compliance screening, step 3 of every payment (DESIGN.md §1): each party's name and id number against the watch
/// list, then the amount limits. It runs before any money moves and has no switch to turn it off.
///
/// Names are compared after ``NormalizedName`` (any script to Latin, case, diacritics, punctuation and legal forms
/// removed, token order ignored); the score is ``NormalizedName/similarity(subject:entry:)``, a hit is a score at or
/// above ``threshold`` or an exact id-number match.
///
/// Guarantees:
/// - Thread-safe: many payments may be screened at once; the daily totals are checked and updated under one lock,
///   so a limit worth N payments clears exactly N of them however they interleave.
/// - A limit is consumed only when the decision is ``ScreeningDecision/clear``.
/// - Every other decision appends one ``ScreeningAuditRecord``; the log keeps the last ``auditRecordsMax``.
/// - Memory is bounded: at most `nameCacheCapacity` remembered names, `auditRecordsMax` records, and daily totals for
///   today and yesterday (see ``ScreeningLimits``).
public final class ComplianceScreener: Sendable {
    /// The default number of names whose verdict is remembered.
    public static let nameCacheCapacityDefault = 100_000
    /// The default number of audit records kept.
    public static let auditRecordsMaxDefault = 100_000
    /// The most subjects one payment may have screened (payer, payee, their banks, and room for intermediaries).
    public static let subjectsMax = 16

    /// The list names are compared with.
    public let watchList: WatchList
    /// The amount limits.
    public let limits: ScreeningLimits
    /// The similarity, 0…1, at or above which a name is a hit.
    public let threshold: Double
    /// The most audit records kept.
    public let auditRecordsMax: Int

    private let index: WatchListIndex
    private let nameCache: ScreeningNameCache
    private let totals = Mutex(ScreeningLimitTotals())
    private let auditLog: Mutex<ScreeningAuditLog>

    /// Creates a screener; normalizes and indexes the whole list once, here.
    /// - Parameters:
    ///   - watchList: the entries to screen against.
    ///   - limits: the amount limits; none by default.
    ///   - threshold: the similarity at or above which a name is a hit, in (0, 1]; 0.90 by default.
    ///   - nameCacheCapacity: how many names' verdicts to remember (0: none).
    ///   - auditRecordsMax: how many audit records to keep, at least 1.
    public init(
        watchList: WatchList, limits: ScreeningLimits = .unlimited, threshold: Double = 0.90,
        nameCacheCapacity: Int = ComplianceScreener.nameCacheCapacityDefault,
        auditRecordsMax: Int = ComplianceScreener.auditRecordsMaxDefault
    ) {
        precondition(threshold > 0 && threshold <= 1, "ComplianceScreener: threshold must be in (0, 1]")
        self.watchList = watchList
        self.limits = limits
        self.threshold = threshold
        self.auditRecordsMax = auditRecordsMax
        self.index = WatchListIndex(watchList: watchList, threshold: threshold)
        self.nameCache = ScreeningNameCache(capacity: nameCacheCapacity)
        self.auditLog = Mutex(ScreeningAuditLog(capacity: auditRecordsMax))
    }

    /// Screens one payment: every subject against the watch list, then the amount against the limits; call it once
    /// per payment, before any money moves.
    ///
    /// A hit wins over a limit (limits are then neither checked nor consumed); among hits the highest score wins,
    /// the earlier subject on a tie. Limits are checked in the order single payment, payer per day, corridor per
    /// day; when all pass, the amount is added to the day's totals.
    /// - Parameters:
    ///   - subjects: the parties to check (at most ``subjectsMax``).
    ///   - payerKey: who the payer is for the daily limit (a card token, a wallet id, a bank customer key).
    ///   - corridor: the countries the payment crosses.
    ///   - amount: the payment's amount, not negative.
    ///   - now: the payment's time; it picks the day the limits count in.
    public func screen(
        _ subjects: [ScreeningSubject], payerKey: String, corridor: PaymentCorridor, amount: Money, at now: Date
    ) -> ScreeningResult {
        precondition(subjects.count <= Self.subjectsMax, "ComplianceScreener: more than \(Self.subjectsMax) subjects")
        precondition(!amount.isNegative, "ComplianceScreener: negative amount \(amount)")

        var best: (subject: ScreeningSubject, match: WatchListIndex.Match, entryName: String)?
        for subject in subjects {
            guard let found = match(subject) else { continue }
            if let current = best, current.match.score >= found.match.score { continue }
            best = (subject, found.match, found.entryName)
        }
        if let best {
            let entry = watchList.entries[best.match.entry]
            let decision = ScreeningDecision.hit(
                entryID: entry.id, list: entry.list, matchedName: best.entryName, subject: best.subject.role,
                score: best.match.score)
            audit(
                ScreeningAuditRecord(
                    time: now, payerKey: payerKey, subjectRole: best.subject.role, subjectName: best.subject.name,
                    entryID: entry.id, list: entry.list, score: best.match.score, decision: decision.description))
            return ScreeningResult(decision: decision, checkedAt: now)
        }

        let decision = limitDecision(payerKey: payerKey, corridor: corridor.kind, amount: amount, at: now)
        if !decision.isClear {
            audit(
                ScreeningAuditRecord(
                    time: now, payerKey: payerKey, subjectRole: nil, subjectName: nil, entryID: nil, list: nil,
                    score: nil, decision: decision.description))
        }
        return ScreeningResult(decision: decision, checkedAt: now)
    }

    /// Gives back what a cleared payment consumed of the daily limits, when the payment later declines for another
    /// reason (issuer refusal, insufficient funds, FX failure). Totals never go below zero.
    /// - Parameters:
    ///   - payerKey: the payer key the payment was screened under.
    ///   - corridor: the payment's corridor.
    ///   - amount: the payment's amount, as screened.
    ///   - time: the instant the payment was screened (``ScreeningResult/checkedAt``), so the amount returns to the
    ///     day that counted it.
    public func release(payerKey: String, corridor: PaymentCorridor, amount: Money, at time: Date) {
        precondition(!amount.isNegative, "ComplianceScreener: negative amount \(amount)")
        let day = limits.day(of: time)
        totals.withLock { $0.release(amount, payerKey: payerKey, corridor: corridor.kind, day: day) }
    }

    /// The audit records of decisions that were not clear, oldest first (at most ``auditRecordsMax``).
    public func auditRecords() -> [ScreeningAuditRecord] {
        auditLog.withLock { $0.records }
    }

    /// What the payer has paid on the day of `time` in `currency`, as counted against ``ScreeningLimits/payerDailyMax``
    /// (zero when that currency has no payer limit).
    /// - Parameters:
    ///   - payerKey: the payer key.
    ///   - currency: the currency.
    ///   - time: any instant of the day.
    public func payerDailyTotal(payerKey: String, currency: Currency, at time: Date) -> Money {
        let day = limits.day(of: time)
        let total = totals.withLock { $0.payerTotal(payerKey, currency: currency, day: day) }
        return Money(minorUnits: total, currency: currency)
    }

    /// What all payers have paid through a corridor class on the day of `time` in `currency`, as counted against
    /// ``ScreeningLimits/corridorDailyMax`` (zero when that class and currency have no limit).
    /// - Parameters:
    ///   - kind: the corridor class.
    ///   - currency: the currency.
    ///   - time: any instant of the day.
    public func corridorDailyTotal(_ kind: PaymentCorridor.Kind, currency: Currency, at time: Date) -> Money {
        let day = limits.day(of: time)
        let total = totals.withLock { $0.corridorTotal(kind, currency: currency, day: day) }
        return Money(minorUnits: total, currency: currency)
    }

    /// The similarity, 0…1, of a subject's name and a listed name as screening scores it, to explain a decision.
    /// - Parameters:
    ///   - subjectName: the name a payment gives, in any script.
    ///   - listedName: a watch-list name or alias, in any script.
    public static func similarity(of subjectName: String, to listedName: String) -> Double {
        NormalizedName.similarity(subject: NormalizedName(subjectName), entry: NormalizedName(listedName))
    }

    // MARK: Steps

    /// The subject's best match: an id-number match (score 1) first, else the cached or computed name verdict.
    private func match(_ subject: ScreeningSubject) -> (match: WatchListIndex.Match, entryName: String)? {
        if let idNumber = subject.idNumber, let entry = index.entries(idNumber: idNumber).first {
            let match = WatchListIndex.Match(entry: entry, variant: -1, score: 1)
            return (match, watchList.entries[entry].name)
        }
        let verdict = nameCache.verdict(for: subject.name) { index.bestMatch(for: NormalizedName(subject.name)) }
        guard let verdict else { return nil }
        return (verdict, index.variants[verdict.variant].text)
    }

    private func limitDecision(
        payerKey: String, corridor kind: PaymentCorridor.Kind, amount: Money, at now: Date
    ) -> ScreeningDecision {
        if let cap = limits.paymentMax[kind]?[amount.currency], amount.minorUnits > cap.minorUnits {
            return .limitExceeded(.singlePayment, limit: cap, attempted: amount)
        }
        let hasDailyLimit =
            limits.payerDailyMax[amount.currency] != nil || limits.corridorDailyMax[kind]?[amount.currency] != nil
        guard hasDailyLimit else { return .clear }
        let day = limits.day(of: now)
        let exceeded = totals.withLock {
            $0.consume(amount, payerKey: payerKey, corridor: kind, day: day, limits: limits)
        }
        return exceeded ?? .clear
    }

    private func audit(_ record: ScreeningAuditRecord) {
        auditLog.withLock { $0.append(record) }
    }
}
