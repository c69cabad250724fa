import CorridorCore

/// Recomputes balances from transfer records and checks the ledger's invariants (DESIGN.md §4), for every backend.
///
/// Feed it every record (in any order) with ``add(_:)``, then call ``finish(accounts:balances:nowMs:)``.
/// Memory use grows with the number of accounts, not of records.
public struct LedgerAudit: Sendable {
    private var recomputed: [AccountID: AccountBalance] = [:]
    private var problems: [LedgerProblem] = []
    private var transferCount = 0
    private var currencies: [AccountID: Currency] = [:]
    private var openPending: [(TransferID, Int64?)] = []

    /// An empty audit.
    public init() {}

    /// Counts one record's postings: single → posted; open pending → pending; post → posted; void/expired → nothing.
    public mutating func add(_ record: TransferRecord) {
        transferCount += 1
        switch record.transfer.kind {
        case .single:
            for leg in record.appliedLegs { post(leg, pending: false) }
        case .pending:
            guard let state = record.pendingState else {
                problems.append(.pendingStateInvalid(record.transfer.id))
                return
            }
            if state == .open {
                openPending.append((record.transfer.id, record.expiresAtMs))
                for leg in record.appliedLegs { post(leg, pending: true) }
            }
        case .postPending:
            for leg in record.appliedLegs { post(leg, pending: false) }
        case .voidPending:
            break
        }
    }

    /// Compares stored balances with the recomputed ones and checks totals and limits.
    /// - Parameters:
    ///   - accounts: every account.
    ///   - balances: every stored balance.
    ///   - nowMs: the backend's time; an open pending transfer past its expiry by more than `graceMs` is a problem.
    public func finish(
        accounts: [Account], balances: [AccountBalance], nowMs: Int64, graceMs: Int64 = 60_000
    ) -> LedgerVerification {
        var problems = self.problems
        let accountsByID = Dictionary(uniqueKeysWithValues: accounts.map { ($0.id, $0) })
        for id in recomputed.keys where accountsByID[id] == nil {
            problems.append(.danglingAccount(id))
        }
        var totals: [Currency: CurrencyTotals] = [:]
        for balance in balances {
            var total = totals[balance.currency] ?? CurrencyTotals(currency: balance.currency)
            total.debitsPosted &+= balance.debitsPosted
            total.creditsPosted &+= balance.creditsPosted
            total.debitsPending &+= balance.debitsPending
            total.creditsPending &+= balance.creditsPending
            totals[balance.currency] = total
            let expected = recomputed[balance.id] ?? AccountBalance(id: balance.id, currency: balance.currency)
            if expected != balance {
                problems.append(.balanceMismatch(balance.id, stored: balance, recomputed: expected))
            }
            if let account = accountsByID[balance.id] {
                if account.flags.contains(.debitsMustNotExceedCredits),
                   balance.debitsPosted &+ balance.debitsPending > balance.creditsPosted {
                    problems.append(.accountOverLimit(balance.id))
                }
                if account.flags.contains(.creditsMustNotExceedDebits),
                   balance.creditsPosted &+ balance.creditsPending > balance.debitsPosted {
                    problems.append(.accountOverLimit(balance.id))
                }
            }
        }
        for total in totals.values.sorted(by: { $0.currency < $1.currency }) {
            if total.debitsPosted != total.creditsPosted {
                problems.append(.currencyUnbalanced(total.currency, debits: total.debitsPosted, credits: total.creditsPosted))
            }
            if total.debitsPending != total.creditsPending {
                problems.append(.currencyUnbalanced(total.currency, debits: total.debitsPending, credits: total.creditsPending))
            }
        }
        for (id, expiry) in openPending {
            if let expiry, expiry &+ graceMs < nowMs { problems.append(.pendingStateInvalid(id)) }
        }
        return LedgerVerification(
            totals: totals.values.sorted { $0.currency < $1.currency }, problems: problems,
            accountCount: accounts.count, transferCount: transferCount
        )
    }

    private mutating func post(_ leg: TransferLeg, pending: Bool) {
        let amount = leg.amount.minorUnits
        var debit = recomputed[leg.debit] ?? AccountBalance(id: leg.debit, currency: leg.amount.currency)
        var credit = recomputed[leg.credit] ?? AccountBalance(id: leg.credit, currency: leg.amount.currency)
        if pending {
            debit.debitsPending &+= amount
            credit.creditsPending &+= amount
        } else {
            debit.debitsPosted &+= amount
            credit.creditsPosted &+= amount
        }
        recomputed[leg.debit] = debit
        recomputed[leg.credit] = credit
    }
}
