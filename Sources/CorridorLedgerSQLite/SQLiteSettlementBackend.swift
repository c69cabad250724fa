import CorridorCore
import CorridorLedger

/// How hard SQLite flushes a commit to disk.
public enum SQLiteDurability: String, Sendable, CaseIterable {
    /// `synchronous=FULL`: every commit is on disk when `post` returns (the default).
    case full
    /// `synchronous=NORMAL`: in WAL mode a power loss may lose the last commits, never corrupt the file.
    case normal
}

/// The embedded default settlement backend: one SQLite file through GRDB. (Stub: being implemented.)
public final class SQLiteSettlementBackend: SettlementBackend {
    public let batchSizeMax: Int

    /// Opens (creating and migrating when needed) the ledger at `path`.
    /// - Throws: ``LedgerError``.
    public init(
        path: String, durability: SQLiteDurability = .full, clock: any WallClock = SystemWallClock(),
        batchSizeMax: Int = 8190
    ) throws {
        self.batchSizeMax = batchSizeMax
        throw LedgerError.storage("SQLite backend not implemented yet")
    }

    public func createAccounts(_ accounts: [Account]) async throws -> [AccountOutcome] { [] }
    public func post(_ transfers: [Transfer]) async throws -> [TransferOutcome] { [] }
    public func accounts(_ ids: [AccountID]) async throws -> [Account] { [] }
    public func allAccounts(after cursor: AccountID?, limit: Int) async throws -> [Account] { [] }
    public func balances(of ids: [AccountID]) async throws -> [AccountBalance] { [] }
    public func lookup(transfers ids: [TransferID]) async throws -> [TransferRecord] { [] }
    public func history(of account: AccountID, after cursor: UInt64?, limit: Int) async throws -> [TransferRecord] { [] }
    public func allTransfers(after cursor: UInt64?, limit: Int) async throws -> [TransferRecord] { [] }
    public func expirePendingTransfers() async throws -> Int { 0 }
    public func verify() async throws -> LedgerVerification {
        LedgerVerification(totals: [], problems: [], accountCount: 0, transferCount: 0)
    }
}
