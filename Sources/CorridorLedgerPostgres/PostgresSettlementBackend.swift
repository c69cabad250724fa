import CorridorCore
import CorridorLedger

/// The settlement backend for many gateway processes: PostgreSQL through postgres-nio. (Stub: being implemented.)
public final class PostgresSettlementBackend: SettlementBackend {
    public let batchSizeMax: Int

    /// Connects to `url` (`postgres://user:password@host:port/database`), uses (creating and migrating when needed)
    /// the tables in `schema`.
    /// - Throws: ``LedgerError``.
    public static func connect(
        url: String, schema: String = "corridor", clock: any WallClock = SystemWallClock(),
        poolSize: Int = 8, batchSizeMax: Int = 8190
    ) async throws -> PostgresSettlementBackend {
        throw LedgerError.storage("PostgreSQL backend not implemented yet")
    }

    private init(batchSizeMax: Int) { self.batchSizeMax = batchSizeMax }

    /// Closes the connection pool.
    public func shutdown() async {}

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
