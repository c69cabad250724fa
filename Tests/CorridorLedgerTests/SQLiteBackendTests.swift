import CorridorCore
import CorridorLedger
import Foundation
import GRDB
import Testing

@testable import CorridorLedgerSQLite

/// What only the SQLite backend promises: the file, its pragmas, its schema version and its storage errors. The
/// ledger rules themselves are checked by the shared conformance suite.
@Suite("SQLite backend")
struct SQLiteBackendTests {
    private static let rub = Currency(alphaCode: "RUB")!

    private static func temporaryPath() throws -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("corridor-sqlite-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("ledger.sqlite").path
    }

    private static func account(_ number: UInt128, flags: AccountFlags = []) -> Account {
        Account(id: AccountID(number), currency: rub, owner: "owner-\(number)", kind: .wallet, flags: flags)
    }

    private static func transfer(_ number: UInt128, from: UInt128, to: UInt128, amount: Int64) -> Transfer {
        .single(id: TransferID(number), debit: AccountID(from), credit: AccountID(to),
                amount: Money(minorUnits: amount, currency: rub), userData: .init(paymentID: "pay-\(number)"))
    }

    @Test func reopeningTheFileKeepsAccountsBalancesAndRecords() async throws {
        let path = try Self.temporaryPath()
        do {
            let ledger = try SQLiteSettlementBackend(path: path)
            #expect(try await ledger.createAccounts([Self.account(1), Self.account(2)]) == [.created, .created])
            #expect(try await ledger.post([Self.transfer(10, from: 1, to: 2, amount: 700)]) == [.committed])
        }
        let reopened = try SQLiteSettlementBackend(path: path)
        #expect(try await reopened.balance(of: AccountID(2))?.creditsPosted == 700)
        let records = try await reopened.lookup(transfers: [TransferID(10)])
        #expect(records.map(\.transfer) == [Self.transfer(10, from: 1, to: 2, amount: 700)])
        #expect(try await reopened.post([Self.transfer(10, from: 1, to: 2, amount: 700)]) == [.committed])
        #expect(try await reopened.post([Self.transfer(10, from: 1, to: 2, amount: 701)])
                == [.rejected(.idReusedWithDifferentBody)])
        #expect(try await reopened.post([Self.transfer(11, from: 2, to: 1, amount: 5)]) == [.committed])
        #expect(try await reopened.lookup(transfers: [TransferID(11)]).first?.sequence == 2)
        #expect(try await reopened.verify().isBalanced)
    }

    @Test(arguments: SQLiteDurability.allCases)
    func durabilityModeIsSetOnTheConnection(_ durability: SQLiteDurability) async throws {
        let ledger = try SQLiteSettlementBackend(path: try Self.temporaryPath(), durability: durability)
        #expect(try await ledger.writerPragma("synchronous") == String(durability.pragmaNumber))
    }

    @Test func fileIsInWALMode() async throws {
        let ledger = try SQLiteSettlementBackend(path: try Self.temporaryPath())
        #expect(try await ledger.writerPragma("journal_mode") == "wal")
    }

    @Test func schemaNewerThanSupportedIsRefused() async throws {
        let path = try Self.temporaryPath()
        _ = try SQLiteSettlementBackend(path: path)
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in try db.execute(sql: "PRAGMA user_version = 99") }
        try queue.close()
        #expect(throws: LedgerError.schemaTooNew(found: 99, supported: SQLiteLedgerSchema.versionSupported)) {
            try SQLiteSettlementBackend(path: path)
        }
    }

    @Test func fullDiskIsAStorageErrorAndRollsTheBatchBack() async throws {
        // Root ignores file permissions, so a page limit stands in for a full disk.
        let path = try Self.temporaryPath()
        _ = try SQLiteSettlementBackend(path: path)
        let ledger = try SQLiteSettlementBackend(
            path: path, durability: .full, clock: SystemWallClock(), batchSizeMax: 8190, pageCountMax: 40
        )
        #expect(try await ledger.createAccounts([Self.account(1), Self.account(2)]) == [.created, .created])
        #expect(try await ledger.post([Self.transfer(1, from: 1, to: 2, amount: 1)]) == [.committed])
        var failure: LedgerError?
        var next: UInt128 = 2
        for _ in 0..<100 where failure == nil {
            let batch = (0..<500).map { offset in Self.transfer(next + UInt128(offset), from: 1, to: 2, amount: 1) }
            do {
                _ = try await ledger.post(batch)
                next += 500
            } catch let error as LedgerError {
                failure = error
            }
        }
        let error = try #require(failure)
        guard case .storage(let message) = error else {
            Issue.record("expected a storage error, got \(error)")
            return
        }
        #expect(message.contains("SQLITE_FULL"))
        // The failed batch left nothing behind; the ledger still balances and keeps working.
        #expect(try await ledger.lookup(transfers: [TransferID(next)]).isEmpty)
        let balance = try #require(try await ledger.balance(of: AccountID(2)))
        #expect(balance.creditsPosted == Int64(next) - 1)
        #expect(try await ledger.verify().isBalanced)
        #expect(try await ledger.post([Self.transfer(next, from: 1, to: 2, amount: 1)]) == [.committed])
    }

    @Test func fileThatIsNotADatabaseIsAStorageError() throws {
        let path = try Self.temporaryPath()
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: path))
        #expect {
            try SQLiteSettlementBackend(path: path)
        } throws: { error in
            guard case .storage = error as? LedgerError else { return false }
            return true
        }
    }

    @Test func readersSeeOnlyCommittedBatchesWhileAnotherWriterWaits() async throws {
        let path = try Self.temporaryPath()
        let first = try SQLiteSettlementBackend(path: path)
        let second = try SQLiteSettlementBackend(path: path)
        #expect(try await first.createAccounts([Self.account(1), Self.account(2)]) == [.created, .created])
        // The second connection's cache must notice the first one's commits.
        #expect(try await second.post([Self.transfer(1, from: 1, to: 2, amount: 3)]) == [.committed])
        #expect(try await first.post([Self.transfer(2, from: 1, to: 2, amount: 4)]) == [.committed])
        #expect(try await second.post([Self.transfer(3, from: 1, to: 2, amount: 5)]) == [.committed])
        #expect(try await first.balance(of: AccountID(2))?.creditsPosted == 12)
        #expect(try await second.verify().isBalanced)
    }
}
