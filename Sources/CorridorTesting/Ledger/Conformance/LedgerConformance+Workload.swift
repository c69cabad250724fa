import CorridorCore
import CorridorLedger

private typealias Check = ConformanceCheck

extension LedgerConformance {
    /// Whole-ledger invariants: a seeded random workload against an independent model, totals, concurrency.
    static let workloadCases: [LedgerConformanceCase] = [
        LedgerConformanceCase("seededWorkloadMatchesAnIndependentModelAndVerifies") { f in
            try await runSeededWorkload(f, seed: 20_260_101, transferCount: 3_000, batchSize: 100)
        },

        LedgerConformanceCase("verifyTotalsMatchIndependentlySummedAmounts") { f in
            // Postings written out by hand; the totals below are their sums, not the backend's.
            let rubBank = try await f.createAccount(.bank, currency: .rub)
            let rubShop = try await f.createAccount(.merchant, currency: .rub)
            let cnyBank = try await f.createAccount(.bank, currency: .cny)
            let cnyShop = try await f.createAccount(.merchant, currency: .cny)
            let kwdBank = try await f.createAccount(.bank, currency: .kwd)
            let kwdShop = try await f.createAccount(.merchant, currency: .kwd)
            let rubHold = f.pending(from: rubBank, to: rubShop, 7_000, .rub)
            let cnyHold = f.pending(from: cnyBank, to: cnyShop, 900, .cny)
            let kwdHold = f.pending(from: kwdBank, to: kwdShop, 1_250, .kwd)
            try await f.expectCommitted([
                f.single(from: rubBank, to: rubShop, 150_000, .rub),
                f.single(from: rubShop, to: rubBank, 20_000, .rub),
                f.single(from: cnyBank, to: cnyShop, 4_321, .cny),
                rubHold, cnyHold, kwdHold,
                f.single(from: kwdBank, to: kwdShop, 3, .kwd),
            ])
            try await f.expectCommitted([f.post(rubHold.id, amounts: [6_500]), f.void(cnyHold.id)])
            // RUB posted: 150000 + 20000 + 6500; CNY posted: 4321 (the hold was voided); KWD posted 3, held 1250.
            let verification = try await f.expectVerified()
            try Check.expectEqual(verification.totals.sorted { $0.currency.alphaCode < $1.currency.alphaCode }, [
                CurrencyTotals(currency: .cny, debitsPosted: 4_321, creditsPosted: 4_321),
                CurrencyTotals(currency: .kwd, debitsPosted: 3, creditsPosted: 3, debitsPending: 1_250, creditsPending: 1_250),
                CurrencyTotals(currency: .rub, debitsPosted: 176_500, creditsPosted: 176_500),
            ], "totals")
            try Check.expectEqual(verification.accountCount, 6, "accounts checked")
            try Check.expectEqual(verification.transferCount, 9, "records checked")
            try await f.expectBalance(rubShop, debitsPosted: 20_000, creditsPosted: 156_500, "RUB shop")
            try await f.expectBalance(kwdShop, creditsPosted: 3, creditsPending: 1_250, "KWD shop")
        },

        LedgerConformanceCase("concurrentSpendersNeverDoubleSpendALimitedAccount") { f in
            let unitsFunded: Int64 = 200
            let taskCount = 12
            let transfersPerTask = 30
            let batchSize = 5
            let source = try await f.createAccount(.tourist)
            var merchants: [AccountID] = []
            for _ in 0..<3 { merchants.append(try await f.createAccount(.merchant)) }
            try await f.fund(source, unitsFunded)
            let plans: [[Transfer]] = (0..<taskCount).map { task in
                (0..<transfersPerTask).map { index in
                    f.single(from: source, to: merchants[(task + index) % merchants.count], 1)
                }
            }
            let backend = f.backend
            let results = try await withThrowingTaskGroup(of: [(Transfer, TransferOutcome)].self) { group in
                for plan in plans {
                    group.addTask {
                        var results: [(Transfer, TransferOutcome)] = []
                        for start in stride(from: 0, to: plan.count, by: batchSize) {
                            let batch = Array(plan[start..<min(start + batchSize, plan.count)])
                            let outcomes = try await backend.post(batch)
                            results += zip(batch, outcomes).map { ($0, $1) }
                        }
                        return results
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            try Check.expectEqual(results.count, taskCount * transfersPerTask, "outcomes")
            var committedPerMerchant: [AccountID: Int64] = [:]
            for (transfer, outcome) in results {
                switch outcome {
                case .committed: committedPerMerchant[transfer.legs[0].credit, default: 0] += 1
                case .rejected(let rejection):
                    try Check.expectEqual(rejection, .exceedsCredits(source), "rejection of \(transfer.id)")
                }
            }
            let committed = committedPerMerchant.values.reduce(0, +)
            try Check.expectEqual(committed, unitsFunded, "transfers committed")
            try await f.expectBalance(source, debitsPosted: unitsFunded, creditsPosted: unitsFunded, "source")
            for merchant in merchants {
                try await f.expectBalance(merchant, creditsPosted: committedPerMerchant[merchant] ?? 0, "merchant")
            }
            let records = try await f.snapshot().records
            try Check.expectEqual(records.count, Int(unitsFunded) + 1, "records (funding + committed)")
            for (previous, next) in zip(records, records.dropFirst()) {
                try Check.expect(previous.sequence < next.sequence, "sequences strictly increase")
            }
            try await f.expectVerified()
        },

        LedgerConformanceCase("concurrentBatchesOnHotAccountsKeepExactBalances") { f in
            let taskCount = 8
            let batchesPerTask = 15
            var hot: [AccountID] = []
            for _ in 0..<4 { hot.append(try await f.createAccount(.merchant)) }
            var banks: [AccountID] = []
            for _ in 0..<taskCount { banks.append(try await f.createAccount(.bank)) }
            // Each task moves money from its bank to the hot accounts, between hot accounts, and through a
            // pending transfer it posts in part; the expected balances are summed here as the plans are built.
            var expected: [AccountID: (debits: Int64, credits: Int64)] = [:]
            func add(_ debit: AccountID, _ credit: AccountID, _ amount: Int64) {
                expected[debit, default: (0, 0)].debits += amount
                expected[credit, default: (0, 0)].credits += amount
            }
            var plans: [[[Transfer]]] = []
            for task in 0..<taskCount {
                var batches: [[Transfer]] = []
                for batch in 0..<batchesPerTask {
                    let amount = Int64(task * 100 + batch + 1)
                    let target = hot[(task + batch) % hot.count]
                    let next = hot[(task + batch + 1) % hot.count]
                    let hold = f.pending(from: banks[task], to: next, amount * 2)
                    batches.append([
                        f.single(from: banks[task], to: target, amount),
                        f.single(from: target, to: next, amount / 2 + 1),
                        hold,
                        f.post(hold.id, amounts: [amount]),
                    ])
                    add(banks[task], target, amount)
                    add(target, next, amount / 2 + 1)
                    add(banks[task], next, amount)
                }
                plans.append(batches)
            }
            let backend = f.backend
            try await withThrowingTaskGroup(of: [TransferOutcome].self) { group in
                for batches in plans {
                    group.addTask {
                        var outcomes: [TransferOutcome] = []
                        for batch in batches { outcomes += try await backend.post(batch) }
                        return outcomes
                    }
                }
                for try await outcomes in group {
                    let rejected = outcomes.filter { !$0.isCommitted }
                    try Check.expect(rejected.isEmpty, "every transfer commits; rejected: \(rejected)")
                }
            }
            for account in hot + banks {
                let sums = expected[account] ?? (0, 0)
                try await f.expectBalance(account, debitsPosted: sums.debits, creditsPosted: sums.credits)
            }
            try await f.expectVerified()
        },
    ]

    /// Runs `transferCount` random transfers (fundings, payments, holds, posts, voids, replays and deliberate
    /// rejections) in batches, predicting every outcome and balance with a model of its own.
    static func runSeededWorkload(_ f: LedgerFixture, seed: UInt64, transferCount: Int, batchSize: Int) async throws {
        var random = SeededRandom(seed: seed)
        var model = WorkloadModel()
        let currencies: [Currency] = [.rub, .cny]
        var tourists: [Currency: [AccountID]] = [:]
        var merchants: [Currency: [AccountID]] = [:]
        var banks: [Currency: AccountID] = [:]
        for currency in currencies {
            banks[currency] = try await f.createAccount(.bank, currency: currency)
            model.open(banks[currency]!, currency: currency, limited: false)
            for _ in 0..<12 {
                let id = try await f.createAccount(.tourist, currency: currency)
                model.open(id, currency: currency, limited: true)
                tourists[currency, default: []].append(id)
            }
            for _ in 0..<4 {
                let id = try await f.createAccount(.merchant, currency: currency)
                model.open(id, currency: currency, limited: false)
                merchants[currency, default: []].append(id)
            }
        }
        var committedSingles: [Transfer] = []
        var resolvedPendings: [TransferID] = []
        var submitted = 0
        while submitted < transferCount {
            var batch: [Transfer] = []
            var expected: [TransferOutcome] = []
            for _ in 0..<min(batchSize, transferCount - submitted) {
                let currency = currencies[Int(random.next() % UInt64(currencies.count))]
                let tourist = tourists[currency]![Int(random.next() % 12)]
                let merchant = merchants[currency]![Int(random.next() % 4)]
                let amount = Int64(random.next() % 3_000) + 1
                let roll = random.next() % 100
                let transfer: Transfer
                let outcome: TransferOutcome
                switch roll {
                case 0..<15:
                    transfer = f.single(from: banks[currency]!, to: tourist, amount * 2, currency)
                    outcome = model.apply(transfer)
                case 15..<55:
                    transfer = f.single(from: tourist, to: merchant, amount, currency)
                    outcome = model.apply(transfer)
                case 55..<70:
                    transfer = f.pending(from: tourist, to: merchant, amount, currency)
                    outcome = model.apply(transfer)
                case 70..<88 where !model.openPendings.isEmpty:
                    let pending = model.openPendings[Int(random.next() % UInt64(model.openPendings.count))]
                    if roll < 80 {
                        let full = random.next() % 2 == 0
                        let held = model.pendingAmount(pending)
                        transfer = f.post(pending, amounts: full ? nil : [Int64(random.next() % UInt64(held + 1))])
                    } else {
                        transfer = f.void(pending)
                    }
                    outcome = model.apply(transfer)
                    resolvedPendings.append(pending)
                case 88..<92 where !resolvedPendings.isEmpty:
                    let pending = resolvedPendings[Int(random.next() % UInt64(resolvedPendings.count))]
                    transfer = random.next() % 2 == 0 ? f.post(pending) : f.void(pending)
                    outcome = model.apply(transfer)
                case 92..<95:
                    let unknown = f.nextAccountID()
                    transfer = f.single(from: tourist, to: unknown, amount, currency)
                    outcome = model.apply(transfer)
                case 95..<98 where !committedSingles.isEmpty:
                    transfer = committedSingles[Int(random.next() % UInt64(committedSingles.count))]
                    outcome = model.apply(transfer)
                default:
                    let other = currencies.first { $0 != currency }!
                    transfer = f.single(from: tourist, to: merchant, amount, other)
                    outcome = model.apply(transfer)
                }
                if outcome == .committed, case .single = transfer.kind { committedSingles.append(transfer) }
                batch.append(transfer)
                expected.append(outcome)
            }
            let outcomes = try await f.backend.post(batch)
            try Check.expectEqual(outcomes.count, batch.count, "outcomes of batch at transfer \(submitted)")
            for index in batch.indices where outcomes[index] != expected[index] {
                try Check.fail(
                    "transfer \(submitted + index) (\(batch[index].kind)): expected \(expected[index]), "
                        + "got \(outcomes[index])"
                )
            }
            submitted += batch.count
        }
        for (id, expected) in model.balances.sorted(by: { $0.key < $1.key }) {
            try await f.expectBalance(
                id, debitsPosted: expected.debitsPosted, creditsPosted: expected.creditsPosted,
                debitsPending: expected.debitsPending, creditsPending: expected.creditsPending
            )
        }
        let verification = try await f.expectVerified()
        try Check.expectEqual(verification.transferCount, model.recordCount, "records checked by verify")
        for currency in currencies {
            let totals = try Check.require(verification.totals.first { $0.currency == currency }, "\(currency) totals")
            try Check.expectEqual(totals, model.totals(currency), "\(currency) totals")
        }
        try Check.expect(model.recordCount > transferCount / 2, "the workload committed most transfers")
        try Check.expect(model.rejectionCount > 0, "the workload had rejections")
    }
}

/// The seeded workload's own model of the rules it exercises (no timeouts, one leg per transfer): plain arithmetic
/// written independently of `LedgerBook`.
private struct WorkloadModel {
    struct Counters {
        var currency: Currency
        var limited: Bool
        var debitsPosted: Int64 = 0
        var creditsPosted: Int64 = 0
        var debitsPending: Int64 = 0
        var creditsPending: Int64 = 0
    }
    enum PendingFate { case open, posted, voided }

    var balances: [AccountID: Counters] = [:]
    var bodies: [TransferID: Transfer] = [:]
    var pendings: [TransferID: (leg: TransferLeg, fate: PendingFate)] = [:]
    var openPendings: [TransferID] = []
    var recordCount = 0
    var rejectionCount = 0

    mutating func open(_ id: AccountID, currency: Currency, limited: Bool) {
        balances[id] = Counters(currency: currency, limited: limited)
    }

    func pendingAmount(_ id: TransferID) -> Int64 { pendings[id]!.leg.amount.minorUnits }

    func totals(_ currency: Currency) -> CurrencyTotals {
        var totals = CurrencyTotals(currency: currency)
        for counters in balances.values where counters.currency == currency {
            totals.debitsPosted += counters.debitsPosted
            totals.creditsPosted += counters.creditsPosted
            totals.debitsPending += counters.debitsPending
            totals.creditsPending += counters.creditsPending
        }
        return totals
    }

    mutating func apply(_ transfer: Transfer) -> TransferOutcome {
        let outcome = decide(transfer)
        if case .rejected = outcome { rejectionCount += 1 }
        return outcome
    }

    private mutating func decide(_ transfer: Transfer) -> TransferOutcome {
        if let earlier = bodies[transfer.id] { return earlier == transfer ? .committed : .rejected(.idReusedWithDifferentBody) }
        switch transfer.kind {
        case .single, .pending:
            let leg = transfer.legs[0]
            let amount = leg.amount.minorUnits
            guard let debit = balances[leg.debit] else { return .rejected(.accountNotFound(leg.debit)) }
            guard let credit = balances[leg.credit] else { return .rejected(.accountNotFound(leg.credit)) }
            guard debit.currency == leg.amount.currency else {
                return .rejected(.currencyMismatch(leg: 0, account: leg.debit))
            }
            guard credit.currency == leg.amount.currency else {
                return .rejected(.currencyMismatch(leg: 0, account: leg.credit))
            }
            if debit.limited, debit.debitsPosted + debit.debitsPending + amount > debit.creditsPosted {
                return .rejected(.exceedsCredits(leg.debit))
            }
            if case .pending = transfer.kind {
                balances[leg.debit]!.debitsPending += amount
                balances[leg.credit]!.creditsPending += amount
                pendings[transfer.id] = (leg, .open)
                openPendings.append(transfer.id)
            } else {
                balances[leg.debit]!.debitsPosted += amount
                balances[leg.credit]!.creditsPosted += amount
            }
        case .postPending(let id, _), .voidPending(let id):
            guard let pending = pendings[id] else { return .rejected(.pendingNotFound(id)) }
            switch pending.fate {
            case .posted: return .rejected(.pendingAlreadyPosted(id))
            case .voided: return .rejected(.pendingAlreadyVoided(id))
            case .open: break
            }
            let held = pending.leg.amount.minorUnits
            var posted: Int64 = 0
            if case .postPending(_, let amounts) = transfer.kind { posted = amounts?[0] ?? held }
            balances[pending.leg.debit]!.debitsPending -= held
            balances[pending.leg.credit]!.creditsPending -= held
            balances[pending.leg.debit]!.debitsPosted += posted
            balances[pending.leg.credit]!.creditsPosted += posted
            if case .postPending = transfer.kind { pendings[id]!.fate = .posted } else { pendings[id]!.fate = .voided }
            openPendings.removeAll { $0 == id }
        }
        bodies[transfer.id] = transfer
        recordCount += 1
        return .committed
    }
}
