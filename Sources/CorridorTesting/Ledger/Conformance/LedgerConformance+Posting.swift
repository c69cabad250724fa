import CorridorCore
import CorridorLedger

private typealias Check = ConformanceCheck

extension LedgerConformance {
    /// Single-phase posting, multi-leg atomicity, batches.
    static let postingCases: [LedgerConformanceCase] = [
        LedgerConformanceCase("postingMovesBothBalances") { f in
            let tourist = try await f.createAccount(.tourist)
            let merchant = try await f.createAccount(.merchant)
            let funding = try await f.fund(tourist, 10_000)
            try await f.expectCommitted([f.single(from: tourist, to: merchant, 2_500)])
            try await f.expectBalance(funding, debitsPosted: 10_000, "funding")
            try await f.expectBalance(tourist, debitsPosted: 2_500, creditsPosted: 10_000, "tourist")
            try await f.expectBalance(merchant, creditsPosted: 2_500, "merchant")
            let available = try await f.balance(tourist).available
            try Check.expectEqual(available, f.money(7_500), "tourist's available amount")
            try await f.expectVerified()
        },

        LedgerConformanceCase("multiLegTransferIsAtomicWhenTheLastLegExceedsCredits") { f in
            let tourist = try await f.createAccount(.tourist)
            let merchant = try await f.createAccount(.merchant)
            let acquirer = try await f.createAccount(.bank)
            let fee = try await f.createAccount(.merchant)
            try await f.fund(tourist, 1_000)
            let legs = [
                TransferLeg(debit: tourist, credit: merchant, amount: f.money(600)),
                TransferLeg(debit: acquirer, credit: fee, amount: f.money(7)),
                TransferLeg(debit: tourist, credit: fee, amount: f.money(401)),
            ]
            try await f.expectRejected(Transfer(id: f.nextTransferID(), legs: legs), .exceedsCredits(tourist))
            try await f.expectBalance(tourist, creditsPosted: 1_000, "tourist")
            try await f.expectBalance(merchant, "merchant")
            try await f.expectBalance(acquirer, "acquirer")
            try await f.expectBalance(fee, "fee")
            var fitting = legs
            fitting[2] = TransferLeg(debit: tourist, credit: fee, amount: f.money(400))
            try await f.expectCommitted([Transfer(id: f.nextTransferID(), legs: fitting)])
            try await f.expectBalance(tourist, debitsPosted: 1_000, creditsPosted: 1_000, "tourist")
            try await f.expectBalance(merchant, creditsPosted: 600, "merchant")
            try await f.expectBalance(acquirer, debitsPosted: 7, "acquirer")
            try await f.expectBalance(fee, creditsPosted: 407, "fee")
            try await f.expectVerified()
        },

        LedgerConformanceCase("multiLegTransferIsAtomicAcrossCurrencies") { f in
            let currencies: [Currency] = [.rub, .cny, .jpy, .kwd]
            var banks: [AccountID] = []
            var merchants: [AccountID] = []
            for currency in currencies {
                banks.append(try await f.createAccount(.bank, currency: currency))
                merchants.append(try await f.createAccount(.merchant, currency: currency))
            }
            let amounts: [Int64] = [150_000, 7_300, 20_000, 12_345]
            let legs = currencies.indices.map { index in
                TransferLeg(debit: banks[index], credit: merchants[index], amount: f.money(amounts[index], currencies[index]))
            }
            // A fifth leg in the wrong currency makes the whole transfer fail.
            let badLeg = TransferLeg(debit: banks[0], credit: merchants[1], amount: f.money(1, .cny))
            try await f.expectRejected(
                Transfer(id: f.nextTransferID(), legs: legs + [badLeg]), .currencyMismatch(leg: 4, account: banks[0])
            )
            try await f.expectCommitted([Transfer(id: f.nextTransferID(), legs: legs)])
            for index in currencies.indices {
                try await f.expectBalance(banks[index], debitsPosted: amounts[index], "\(currencies[index]) bank")
                try await f.expectBalance(merchants[index], creditsPosted: amounts[index], "\(currencies[index]) merchant")
            }
            let verification = try await f.expectVerified()
            for (index, currency) in currencies.enumerated() {
                let totals = try Check.require(
                    verification.totals.first { $0.currency == currency }, "verify totals for \(currency)"
                )
                try Check.expectEqual(
                    totals, CurrencyTotals(currency: currency, debitsPosted: amounts[index], creditsPosted: amounts[index]),
                    "\(currency) totals"
                )
            }
        },

        LedgerConformanceCase("legsOnTheSameAccountAddUpAgainstItsLimit") { f in
            let tourist = try await f.createAccount(.tourist)
            let merchant = try await f.createAccount(.merchant)
            let fee = try await f.createAccount(.merchant)
            try await f.fund(tourist, 100)
            let tooMuch = Transfer(id: f.nextTransferID(), legs: [
                TransferLeg(debit: tourist, credit: merchant, amount: f.money(60)),
                TransferLeg(debit: tourist, credit: fee, amount: f.money(41)),
            ])
            try await f.expectRejected(tooMuch, .exceedsCredits(tourist))
            // The same account on both sides of different legs: merchant receives 60 and passes 10 on to fee.
            let fits = Transfer(id: f.nextTransferID(), legs: [
                TransferLeg(debit: tourist, credit: merchant, amount: f.money(60)),
                TransferLeg(debit: tourist, credit: fee, amount: f.money(40)),
                TransferLeg(debit: merchant, credit: fee, amount: f.money(10)),
                TransferLeg(debit: merchant, credit: fee, amount: f.money(5)),
            ])
            try await f.expectCommitted([fits])
            try await f.expectBalance(tourist, debitsPosted: 100, creditsPosted: 100, "tourist")
            try await f.expectBalance(merchant, debitsPosted: 15, creditsPosted: 60, "merchant")
            try await f.expectBalance(fee, creditsPosted: 55, "fee")
            try await f.expectVerified()
        },

        LedgerConformanceCase("transfersInOneBatchSeeEachOthersEffectsInOrder") { f in
            let tourist = try await f.createAccount(.tourist)
            let merchant = try await f.createAccount(.merchant)
            let bank = try await f.createAccount(.bank)
            let batch = [
                f.single(from: tourist, to: merchant, 100),  // nothing to spend yet
                f.single(from: bank, to: tourist, 100),
                f.single(from: tourist, to: merchant, 70),
                f.single(from: tourist, to: merchant, 31),  // 30 left
                f.single(from: tourist, to: merchant, 30),
            ]
            let outcomes = try await f.backend.post(batch)
            try Check.expectEqual(
                outcomes,
                [.rejected(.exceedsCredits(tourist)), .committed, .committed, .rejected(.exceedsCredits(tourist)), .committed],
                "outcomes"
            )
            try await f.expectBalance(tourist, debitsPosted: 100, creditsPosted: 100, "tourist")
            try await f.expectBalance(merchant, creditsPosted: 100, "merchant")
            let found = try await f.backend.lookup(transfers: batch.map(\.id))
            try Check.expectEqual(
                Set(found.map(\.transfer.id)), Set([batch[1].id, batch[2].id, batch[4].id]), "recorded transfers"
            )
        },

        LedgerConformanceCase("batchLargerThanLimitThrowsAndChangesNothing") { f in
            let bank = try await f.createAccount(.bank)
            let merchant = try await f.createAccount(.merchant)
            try await f.expectCommitted([f.single(from: bank, to: merchant, 1)])
            let before = try await f.snapshot()
            let limit = f.backend.batchSizeMax
            let batch = (0...limit).map { _ in f.single(from: bank, to: merchant, 1) }
            do {
                _ = try await f.backend.post(batch)
                try Check.fail("a batch of \(batch.count) transfers was accepted (limit \(limit))")
            } catch let error as LedgerError {
                try Check.expectEqual(error, .batchTooLarge(count: limit + 1, max: limit), "error")
            }
            try await f.expectUnchanged(since: before)
            try await f.expectCommitted(Array(batch.prefix(limit)))
            try await f.expectBalance(merchant, creditsPosted: Int64(limit) + 1)
        },

        LedgerConformanceCase("emptyBatchReturnsNoOutcomesAndChangesNothing") { f in
            let bank = try await f.createAccount(.bank)
            let merchant = try await f.createAccount(.merchant)
            try await f.expectCommitted([f.single(from: bank, to: merchant, 1)])
            let before = try await f.snapshot()
            try Check.expectEqual(try await f.backend.post([]), [], "outcomes of an empty batch")
            try Check.expectEqual(try await f.backend.createAccounts([]), [], "outcomes of an empty account batch")
            try await f.expectUnchanged(since: before)
        },
    ]
}
