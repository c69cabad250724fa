import CorridorCore
import CorridorLedger
import Foundation
import GRDB
import Testing

@testable import CorridorLedgerSQLite

/// Files written by an older build open with every account, balance, transfer and history entry intact.
@Suite("SQLite schema migrations")
struct SQLiteMigrationTests {
    private static let rub = Currency(alphaCode: "RUB")!
    private static let accountCount: UInt128 = 40

    private static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("corridor-sqlite-migration-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    private static func money(_ minorUnits: Int64) -> Money { Money(minorUnits: minorUnits, currency: rub) }

    /// Everything a reader can see of a ledger.
    private struct Snapshot: Equatable {
        var accounts: [Account] = []
        var balances: [AccountBalance] = []
        var transfers: [TransferRecord] = []
        var histories: [[TransferRecord]] = []
    }

    private static func snapshot(_ ledger: SQLiteSettlementBackend) async throws -> Snapshot {
        var snapshot = Snapshot()
        snapshot.accounts = try await ledger.allAccounts(after: nil, limit: 1000)
        snapshot.balances = try await ledger.balances(of: snapshot.accounts.map(\.id))
        snapshot.transfers = try await ledger.allTransfers(after: nil, limit: 10_000)
        for account in snapshot.accounts {
            snapshot.histories.append(try await ledger.history(of: account.id, after: nil, limit: 10_000))
        }
        return snapshot
    }

    /// A ledger with flagged accounts, single and multi-leg transfers, open, posted, partially posted and voided
    /// pending transfers, and rejections; history in epochs of 8 sequences, so some are folded and some are not.
    private static func populate(_ ledger: SQLiteSettlementBackend) async throws {
        let accounts = (1...accountCount).map { number in
            Account(id: AccountID(number), currency: rub, owner: "owner-\(number)",
                    kind: number % 2 == 0 ? .wallet : .merchant,
                    flags: number == 1 ? .debitsMustNotExceedCredits : [], userData: "account \(number)")
        }
        #expect(try await ledger.createAccounts(accounts).allSatisfy { $0 == .created })
        var next: UInt128 = 1
        var outcomes: [TransferOutcome] = []
        for round in 0..<5 {
            var batch: [Transfer] = []
            for offset in 0..<UInt128(30) {
                let debit = AccountID(2 + (offset * 7 + UInt128(round)) % (accountCount - 1))
                let credit = AccountID(2 + (offset * 11 + UInt128(round) + 1) % (accountCount - 1))
                guard debit != credit else { continue }
                batch.append(.single(id: TransferID(next), debit: debit, credit: credit,
                                     amount: money(Int64(100 + offset)), userData: .init(paymentID: "pay-\(next)")))
                next += 1
            }
            // Two legs in one transfer, and a debit of flagged account 1 beyond its credits (rejected).
            batch.append(Transfer(id: TransferID(next), legs: [
                TransferLeg(debit: AccountID(3), credit: AccountID(4), amount: money(5)),
                TransferLeg(debit: AccountID(5), credit: AccountID(6), amount: money(7)),
            ], userData: .init(paymentID: "multi", rail: "sbp", reference: "r\(round)")))
            batch.append(.single(id: TransferID(next + 1), debit: AccountID(1), credit: AccountID(2),
                                 amount: money(1_000_000)))
            // Pending transfers: one left open, one posted in part, one voided.
            let pending = [next + 2, next + 3, next + 4]
            for id in pending {
                batch.append(Transfer(id: TransferID(id), kind: .pending(timeoutSeconds: 3600), legs: [
                    TransferLeg(debit: AccountID(7), credit: AccountID(8), amount: money(50)),
                ]))
            }
            outcomes += try await ledger.post(batch)
            outcomes += try await ledger.post([
                Transfer(id: TransferID(next + 5), kind: .postPending(TransferID(pending[1]), amounts: [20]), legs: []),
                Transfer(id: TransferID(next + 6), kind: .voidPending(TransferID(pending[2])), legs: []),
            ])
            next += 7
        }
        #expect(outcomes.filter(\.isCommitted).count == outcomes.count - 5)
    }

    /// Copies a ledger written by this build into a file laid out as version 1 (made by the version 1 migration
    /// itself): balances back in `account`, no `balance` table, `user_version` 1.
    private static func writeVersion1(of source: String, to path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try SQLiteLedgerSchema.migrator.migrate(queue, upTo: "v1 accounts, transfers, history")
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS source", arguments: [source])
            try db.inTransaction {
                try db.execute(sql: """
                    INSERT INTO account (number, id, currency, owner, kind, flags, user_data, debits_posted,
                        credits_posted, debits_pending, credits_pending)
                    SELECT a.number, a.id, a.currency, a.owner, a.kind, a.flags, a.user_data, b.debits_posted,
                        b.credits_posted, b.debits_pending, b.credits_pending
                    FROM source.account a JOIN source.balance b ON b.number = a.number;
                    INSERT INTO transfer SELECT * FROM source.transfer;
                    INSERT INTO history SELECT * FROM source.history;
                    DELETE FROM ledger_setting;
                    INSERT INTO ledger_setting SELECT * FROM source.ledger_setting;
                    """)
                return .commit
            }
            try db.execute(sql: "DETACH DATABASE source")
        }
        try queue.read { db in
            let accountColumns = try db.columns(in: "account").map(\.name)
            #expect(try Int.fetchOne(db, sql: "PRAGMA user_version") == 1)
            #expect(try db.tableExists("balance") == false)
            #expect(accountColumns.contains("debits_posted"))
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM history") ?? 0 > 0)
        }
        try queue.close()
    }

    @Test func version1FileOpensWithEveryBalanceTransferAndHistoryIntact() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sourcePath = directory.appendingPathComponent("current.sqlite").path
        let oldPath = directory.appendingPathComponent("v1.sqlite").path
        let expected: Snapshot
        do {
            let ledger = try SQLiteSettlementBackend(
                path: sourcePath, durability: .full, clock: SystemWallClock(), batchSizeMax: 8190, pageCountMax: nil,
                historyEpochBits: 3
            )
            try await Self.populate(ledger)
            expected = try await Self.snapshot(ledger)
            #expect(try await ledger.verify().isBalanced)
        }
        #expect(expected.transfers.count > 150)
        #expect(expected.balances.contains { $0.debitsPending > 0 })
        try Self.writeVersion1(of: sourcePath, to: oldPath)

        let migrated = try SQLiteSettlementBackend(path: oldPath)
        #expect(try await Self.snapshot(migrated) == expected)
        #expect(try await migrated.verify().isBalanced)
        let queue = try DatabaseQueue(path: oldPath)
        try await queue.read { db in
            let accountColumns = try db.columns(in: "account").map(\.name)
            #expect(try Int.fetchOne(db, sql: "PRAGMA user_version") == SQLiteLedgerSchema.versionSupported)
            #expect(!accountColumns.contains("debits_posted"))
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM balance") == Int(Self.accountCount))
        }
        try queue.close()
        // The migrated file keeps working: a transfer moves both balances, and a replay is recognised.
        let before = try #require(try await migrated.balance(of: AccountID(9)))
        let transfer = Transfer.single(
            id: TransferID(9_999), debit: AccountID(10), credit: AccountID(9), amount: Self.money(3)
        )
        #expect(try await migrated.post([transfer]) == [.committed])
        #expect(try await migrated.post([expected.transfers[0].transfer]) == [.committed])
        #expect(try await migrated.balance(of: AccountID(9))?.creditsPosted == before.creditsPosted + 3)
        #expect(try await migrated.allTransfers(after: nil, limit: 10_000).count == expected.transfers.count + 1)
        #expect(try await migrated.verify().isBalanced)
    }
}
