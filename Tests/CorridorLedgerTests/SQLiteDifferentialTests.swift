import CorridorCore
import CorridorLedger
import Foundation
import Testing

@testable import CorridorLedgerSQLite

/// Random batches of every transfer kind, applied to the in-memory reference and to SQLite: outcomes, records,
/// balances and histories must be identical.
@Suite("SQLite matches the in-memory reference")
struct SQLiteDifferentialTests {
    private static let currencies = [Currency(alphaCode: "RUB")!, Currency(alphaCode: "USD")!]

    /// Seeds × history epoch sizes: the default (no epoch completes here) and tiny epochs, so history folds often,
    /// sometimes from the writer's buffer and sometimes (after the other connection wrote) from the table.
    @Test(arguments: [1 as UInt64, 2, 3], [nil, 2, 4] as [Int?])
    func randomBatchesGiveTheSameOutcomesRecordsAndBalances(seed: UInt64, historyEpochBits: Int?) async throws {
        let clock = SimulatedWallClock(start: SimulatedWallClock.defaultStart)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("l.sqlite").path
        let sqlite = try SQLiteSettlementBackend(
            path: path, durability: .full, clock: clock, batchSizeMax: 8190, pageCountMax: nil,
            historyEpochBits: historyEpochBits
        )
        // A second connection to the same file posts some batches: the first one's caches must notice.
        let other = try SQLiteSettlementBackend(path: path, clock: clock)
        let memory = InMemorySettlementBackend(clock: clock)
        var random = SeededRandom(seed: seed)
        let accountCount = 12
        let accounts: [Account] = (1...accountCount).map { number in
            let flags: AccountFlags = number % 4 == 0 ? .debitsMustNotExceedCredits
                : number % 5 == 0 ? .creditsMustNotExceedDebits : []
            return Account(id: AccountID(UInt128(number)), currency: Self.currencies[number % 2], owner: "o\(number)",
                           kind: .wallet, flags: flags)
        }
        let created = try await memory.createAccounts(accounts)
        #expect(try await sqlite.createAccounts(accounts) == created)
        var nextID: UInt128 = 1
        var pendingIDs: [TransferID] = []
        for _ in 0..<60 {
            var batch: [Transfer] = []
            for _ in 0..<Int.random(in: 1...12, using: &random) {
                let choice = Int.random(in: 0..<10, using: &random)
                if choice < 2, let pending = pendingIDs.randomElement(using: &random) {
                    let kind: TransferKind = choice == 0
                        ? .postPending(pending, amounts: Bool.random(using: &random) ? nil : [Int64.random(in: 0...50, using: &random)])
                        : .voidPending(pending)
                    batch.append(Transfer(id: TransferID(nextID), kind: kind, legs: []))
                } else if choice == 2, nextID > 2 {
                    // A replay of an earlier id, sometimes with another body.
                    let old = TransferID(UInt128.random(in: 1..<nextID, using: &random))
                    if let record = await memory.lookup(transfers: [old]).first {
                        batch.append(Bool.random(using: &random) ? record.transfer
                            : Transfer(id: old, legs: [], userData: .init(paymentID: "other")))
                    }
                    continue
                } else {
                    let debit = Int.random(in: 1...accountCount, using: &random)
                    let credit = Int.random(in: 1...accountCount, using: &random)
                    let currency = Self.currencies[Int.random(in: 0..<8, using: &random) == 0 ? 0 : debit % 2]
                    let leg = TransferLeg(debit: AccountID(UInt128(debit)), credit: AccountID(UInt128(credit)),
                                          amount: Money(minorUnits: Int64.random(in: -2...90, using: &random), currency: currency))
                    let isPending = choice >= 8
                    let kind: TransferKind = isPending
                        ? .pending(timeoutSeconds: Bool.random(using: &random) ? Int64.random(in: 1...4, using: &random) : nil)
                        : .single
                    if isPending { pendingIDs.append(TransferID(nextID)) }
                    batch.append(Transfer(id: TransferID(nextID), kind: kind, legs: [leg],
                                          userData: .init(paymentID: "p\(nextID)", rail: "card")))
                }
                nextID += 1
            }
            let expected = try await memory.post(batch)
            let actual = try await (Int.random(in: 0..<4, using: &random) == 0 ? other : sqlite).post(batch)
            #expect(actual == expected)
            clock.advance(by: Double(Int.random(in: 0...1500, using: &random)) / 1000)
        }
        let allRecords = await memory.allTransfers(after: nil, limit: 10_000)
        #expect(try await sqlite.allTransfers(after: nil, limit: 10_000) == allRecords)
        let ids = accounts.map(\.id)
        let balances = await memory.balances(of: ids)
        #expect(try await sqlite.balances(of: ids) == balances)
        let page = await memory.allAccounts(after: AccountID(3), limit: 4)
        #expect(try await sqlite.allAccounts(after: AccountID(3), limit: 4) == page)
        for id in ids + [AccountID(999)] {
            let history = await memory.history(of: id, after: 5, limit: 7)
            #expect(try await sqlite.history(of: id, after: 5, limit: 7) == history)
            let whole = await memory.history(of: id, after: nil, limit: 10_000)
            #expect(try await other.history(of: id, after: nil, limit: 10_000) == whole)
            // Page by page, across epoch boundaries and into the tail.
            var paged: [TransferRecord] = []
            var cursor: UInt64?
            while true {
                let page = try await sqlite.history(of: id, after: cursor, limit: 3)
                paged += page
                guard let last = page.last, page.count == 3 else { break }
                cursor = last.sequence
            }
            #expect(paged == whole)
        }
        clock.advance(by: 10)
        let expired = await memory.expirePendingTransfers()
        #expect(try await sqlite.expirePendingTransfers() == expired)
        let finalRecords = await memory.allTransfers(after: nil, limit: 10_000)
        #expect(try await sqlite.allTransfers(after: nil, limit: 10_000) == finalRecords)
        let verification = try await sqlite.verify()
        #expect(verification.problems == [])
        let reference = await memory.verify()
        #expect(verification.totals == reference.totals)
        #expect(verification.transferCount == reference.transferCount)
    }
}
