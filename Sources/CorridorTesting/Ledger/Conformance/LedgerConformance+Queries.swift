import CorridorCore
import CorridorLedger

private typealias Check = ConformanceCheck

extension LedgerConformance {
    /// 2026-01-01T00:00:00Z in milliseconds: where ``LedgerFixture/makeClock()`` starts.
    static let fixtureStartMs: Int64 = 1_767_225_600_000

    /// Lookup, history, allTransfers, sequences, timestamps, verify on an empty ledger.
    static let queryCases: [LedgerConformanceCase] = [
        LedgerConformanceCase("lookupReturnsCommittedRecordsAndLeavesOutUnknownIDs") { f in
            let bank = try await f.createAccount(.bank)
            let merchant = try await f.createAccount(.merchant)
            let single = Transfer(
                id: f.nextTransferID(), legs: [TransferLeg(debit: bank, credit: merchant, amount: f.money(100))],
                userData: TransferUserData(paymentID: "pay-7", rail: "card", reference: "RRN123456789")
            )
            let hold = f.pending(from: bank, to: merchant, 40, timeoutSeconds: 90)
            f.clock.advance(by: 2.5)
            try await f.expectCommitted([single, hold])
            let unknown = f.nextTransferID()
            let found = try await f.backend.lookup(transfers: [unknown, hold.id, single.id, unknown])
            let byID = Dictionary(found.map { ($0.transfer.id, $0) }, uniquingKeysWith: { first, _ in first })
            try Check.expectEqual(found.count, 2, "records found")
            let singleRecord = try Check.require(byID[single.id], "record of the single transfer")
            let holdRecord = try Check.require(byID[hold.id], "record of the pending transfer")
            let nowMs = fixtureStartMs + 2_500
            try Check.expectEqual(singleRecord.transfer, single, "single request")
            try Check.expectEqual(singleRecord.appliedLegs, single.legs, "single applied legs")
            try Check.expectEqual(singleRecord.timestampMs, nowMs, "single timestamp")
            try Check.expectEqual(singleRecord.pendingState, nil, "single pending state")
            try Check.expectEqual(singleRecord.expiresAtMs, nil, "single expiry")
            try Check.expectEqual(holdRecord.transfer, hold, "pending request")
            try Check.expectEqual(holdRecord.timestampMs, nowMs, "pending timestamp")
            try Check.expectEqual(holdRecord.pendingState, .open, "pending state")
            try Check.expectEqual(holdRecord.expiresAtMs, nowMs + 90_000, "pending expiry")
            try Check.expect(singleRecord.sequence < holdRecord.sequence, "sequence follows batch order")
            try Check.expectEqual(try await f.backend.lookup(transfers: []), [], "lookup of nothing")
        },

        LedgerConformanceCase("recordsHaveIncreasingSequencesAndTimestampsFromTheInjectedClock") { f in
            let bank = try await f.createAccount(.bank)
            let merchant = try await f.createAccount(.merchant)
            var expected: [(TransferID, Int64)] = []
            var elapsedMs: Int64 = 0
            for batch in 0..<6 {
                let transfers = (0...batch).map { _ in f.single(from: bank, to: merchant, 1) }
                try await f.expectCommitted(transfers)
                expected += transfers.map { ($0.id, fixtureStartMs + elapsedMs) }
                f.clock.advance(by: 1.25)
                elapsedMs += 1_250
            }
            let records = try await f.backend.allTransfers(after: nil, limit: 100)
            try Check.expectEqual(records.map(\.transfer.id), expected.map(\.0), "records in commit order")
            try Check.expectEqual(records.map(\.timestampMs), expected.map(\.1), "timestamps")
            for (previous, next) in zip(records, records.dropFirst()) {
                try Check.expect(
                    previous.sequence < next.sequence,
                    "sequences strictly increase: \(previous.sequence) then \(next.sequence)"
                )
            }
            try Check.expect((records.first?.sequence ?? 0) > 0, "sequences start above 0 (0 is never a cursor)")
        },

        LedgerConformanceCase("allTransfersPagesInCommitOrderWithCursorAndLimit") { f in
            let bank = try await f.createAccount(.bank)
            let tourist = try await f.createAccount(.tourist)
            let merchant = try await f.createAccount(.merchant)
            var committed: [TransferID] = []
            for round in 0..<4 {
                let fund = f.single(from: bank, to: tourist, 10)
                let rejected = f.single(from: tourist, to: merchant, 1_000)
                let hold = f.pending(from: tourist, to: merchant, 5)
                let resolve = round.isMultiple(of: 2) ? f.post(hold.id) : f.void(hold.id)
                let outcomes = try await f.backend.post([fund, rejected, hold, resolve])
                try Check.expectEqual(
                    outcomes, [.committed, .rejected(.exceedsCredits(tourist)), .committed, .committed], "round \(round)"
                )
                committed += [fund.id, hold.id, resolve.id]
            }
            var pages: [[TransferRecord]] = []
            var cursor: UInt64?
            for _ in 0..<10 {
                let page = try await f.backend.allTransfers(after: cursor, limit: 5)
                if page.isEmpty { break }
                pages.append(page)
                cursor = page.last?.sequence
            }
            try Check.expectEqual(pages.map(\.count), [5, 5, 2], "page sizes")
            let all = pages.flatMap { $0 }
            try Check.expectEqual(all.map(\.transfer.id), committed, "ids in commit order")
            try Check.expectEqual(
                try await f.backend.allTransfers(after: all[6].sequence, limit: 2).map(\.transfer.id),
                Array(committed[7..<9]), "page after the seventh record"
            )
            try Check.expectEqual(try await f.backend.allTransfers(after: nil, limit: 0), [], "limit 0")
            try Check.expectEqual(
                try await f.backend.allTransfers(after: all[11].sequence, limit: 5), [], "after the last record"
            )
        },

        LedgerConformanceCase("historyListsEveryRecordTouchingAnAccountWithCursorAndLimit") { f in
            let bank = try await f.createAccount(.bank)
            let a = try await f.createAccount(.merchant)
            let b = try await f.createAccount(.merchant)
            let c = try await f.createAccount(.merchant)
            let t1 = f.single(from: bank, to: a, 500)
            let t2 = f.single(from: bank, to: b, 500)
            let t3 = f.pending(from: a, to: b, 100)
            let t4 = f.post(t3.id, amounts: [60])
            let t5 = f.single(from: b, to: c, 10)
            let t6 = f.pending(from: b, to: a, 30)
            let t7 = f.void(t6.id)
            let t8 = Transfer(id: f.nextTransferID(), legs: [
                TransferLeg(debit: a, credit: c, amount: f.money(1)),
                TransferLeg(debit: c, credit: a, amount: f.money(1)),
            ])
            try await f.expectCommitted([t1, t2, t3])
            try await f.expectCommitted([t4, t5, t6])
            try await f.expectCommitted([t7, t8])
            let expectedA = [t1, t3, t4, t6, t7, t8].map(\.id)
            let expectedC = [t5, t8].map(\.id)
            let allA = try await f.backend.history(of: a, after: nil, limit: 100)
            try Check.expectEqual(allA.map(\.transfer.id), expectedA, "history of a (each record once)")
            try Check.expectEqual(
                try await f.backend.history(of: c, after: nil, limit: 100).map(\.transfer.id), expectedC, "history of c"
            )
            var paged: [TransferID] = []
            var cursor: UInt64?
            var pageSizes: [Int] = []
            for _ in 0..<10 {
                let page = try await f.backend.history(of: a, after: cursor, limit: 4)
                if page.isEmpty { break }
                pageSizes.append(page.count)
                paged += page.map(\.transfer.id)
                cursor = page.last?.sequence
            }
            try Check.expectEqual(pageSizes, [4, 2], "page sizes")
            try Check.expectEqual(paged, expectedA, "paged history of a")
            let afterPost = try await f.backend.history(of: a, after: allA[2].sequence, limit: 2)
            try Check.expectEqual(afterPost.map(\.transfer.id), [t6.id, t7.id], "history of a after the post")
            try Check.expectEqual(try await f.backend.history(of: a, after: nil, limit: 0), [], "limit 0")
            try Check.expectEqual(
                try await f.backend.history(of: f.nextAccountID(), after: nil, limit: 10), [], "history of an unknown account"
            )
            for (previous, next) in zip(allA, allA.dropFirst()) {
                try Check.expect(previous.sequence < next.sequence, "history in commit order")
            }
        },

        LedgerConformanceCase("verifyOnAnEmptyLedgerIsBalanced") { f in
            let empty = try await f.expectVerified()
            try Check.expectEqual(empty.accountCount, 0, "accounts checked")
            try Check.expectEqual(empty.transferCount, 0, "transfers checked")
            try Check.expect(empty.totals.allSatisfy { $0 == CurrencyTotals(currency: $0.currency) }, "totals all zero")
            try await f.createAccount(.tourist, currency: .kwd)
            let one = try await f.expectVerified()
            try Check.expectEqual(one.accountCount, 1, "accounts checked")
        },
    ]
}
