import CorridorCore
import CorridorLedger
import Foundation
import GRDB
import Synchronization

/// The embedded default settlement backend (DESIGN.md §4): one SQLite file through GRDB, `corridor.sqlite` by
/// default.
///
/// Guarantees, beyond those of ``SettlementBackend``:
/// - The file is in WAL mode and opened as a GRDB `DatabasePool`: reads (`lookup`, `history`, `verify`, …) run on
///   reader connections concurrently with a batch being written, and see only committed batches.
/// - A batch (`post`, `createAccounts`, `expirePendingTransfers`) is one `BEGIN IMMEDIATE` transaction on the single
///   writer connection. Any SQLite error rolls the whole batch back and is thrown as ``LedgerError/storage(_:)``.
/// - Durability follows ``SQLiteDurability``: at ``SQLiteDurability/full`` (the default) an outcome `post` returned
///   survives a crash or power loss; at ``SQLiteDurability/normal`` a power loss may lose the last batches.
/// - The rules are ``LedgerBook``'s: a batch loads just the rows it touches into a book, applies, and writes the
///   book's changes back.
/// - Several processes may open the same file; writers take turns (waiting up to ``busyTimeoutSeconds``).
public final class SQLiteSettlementBackend: SettlementBackend {
    public let batchSizeMax: Int
    /// The durability mode every connection was opened with.
    public let durability: SQLiteDurability
    /// The file's path.
    public let path: String

    /// How long a batch waits for another process's write lock before failing with ``LedgerError/storage(_:)``.
    public static let busyTimeoutSeconds: TimeInterval = 10
    /// The default file name.
    public static let defaultFileName = "corridor.sqlite"

    private let pool: DatabasePool
    private let clock: any WallClock
    /// Touched only inside writer-connection closures, which GRDB runs one at a time; the mutex makes that
    /// checkable by the compiler.
    private let cache = Mutex(SQLiteAccountCache())
    /// `history_epoch_bits` of the file (fixed when it was created).
    private let historyEpochBits: Int

    /// Opens (creating and migrating when needed) the ledger at `path`.
    /// - Parameters:
    ///   - path: the SQLite file; created when missing.
    ///   - durability: `synchronous=FULL` (default) or `NORMAL`.
    ///   - clock: the time used for commit timestamps and pending timeouts.
    ///   - batchSizeMax: the largest batch accepted.
    /// - Throws: ``LedgerError/schemaTooNew(found:supported:)`` for a file written by a newer build,
    ///   ``LedgerError/storage(_:)`` when the file cannot be opened or migrated.
    public convenience init(
        path: String, durability: SQLiteDurability = .full, clock: any WallClock = SystemWallClock(),
        batchSizeMax: Int = 8190
    ) throws {
        try self.init(path: path, durability: durability, clock: clock, batchSizeMax: batchSizeMax, pageCountMax: nil)
    }

    /// Opens the ledger with a limit on the file's size in pages (`PRAGMA max_page_count`), which tests use to
    /// simulate a full disk, and, for a file without transfers yet, another history epoch size (tests use tiny
    /// epochs to fold often).
    init(
        path: String, durability: SQLiteDurability, clock: any WallClock, batchSizeMax: Int, pageCountMax: Int?,
        historyEpochBits: Int? = nil
    ) throws {
        if let historyEpochBits {
            precondition(SQLiteLedgerSchema.historyEpochBitsRange.contains(historyEpochBits), "historyEpochBits out of range")
        }
        precondition(batchSizeMax > 0, "batchSizeMax must be positive")
        self.batchSizeMax = batchSizeMax
        self.durability = durability
        self.path = path
        self.clock = clock
        var configuration = Configuration()
        configuration.label = "corridor-ledger"
        configuration.busyMode = SQLiteBusyWait.mode(timeoutSeconds: Self.busyTimeoutSeconds)
        configuration.maximumReaderCount = 4
        configuration.prepareDatabase { db in
            // 64 MiB of page cache: a batch's random index pages stay in memory between batches.
            try db.execute(sql: "PRAGMA cache_size = -65536")
            // The commit that crosses this many log pages copies them back into the file and flushes it, with every
            // request waiting: 4,096 pages keep that pause to a few milliseconds (16,384 made 12–20 ms pauses that
            // set the p99 of card authorizations), and batches of 1,000 measured the same throughput with either.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 4096")
            if let pageCountMax {
                try db.execute(sql: "PRAGMA max_page_count = \(pageCountMax)")
            }
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB switches a pool's writer to synchronous=NORMAL when it enables WAL, after `prepareDatabase`
            // ran; only the writer commits, so the durability mode is set on it here, last.
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = \(durability.pragmaValue)")
            }
            try SQLiteLedgerSchema.migrate(pool)
            self.historyEpochBits = try pool.write { db in
                if let historyEpochBits {
                    try db.execute(sql: """
                        UPDATE ledger_setting SET value = ? WHERE name = 'history_epoch_bits'
                        AND NOT EXISTS (SELECT 1 FROM transfer)
                        """, arguments: [historyEpochBits])
                }
                let bits = try Int.fetchOne(db, sql: "SELECT value FROM ledger_setting WHERE name = 'history_epoch_bits'")
                guard let bits, SQLiteLedgerSchema.historyEpochBitsRange.contains(bits) else {
                    throw SQLiteRowCodec.corrupt("history_epoch_bits \(bits.map(String.init) ?? "missing")")
                }
                return bits
            }
        } catch {
            throw SQLiteStorageError.ledgerError(error, while: "opening \(path)")
        }
    }

    // MARK: Batches

    public func createAccounts(_ accounts: [Account]) async throws -> [AccountOutcome] {
        guard accounts.count <= batchSizeMax else {
            throw LedgerError.batchTooLarge(count: accounts.count, max: batchSizeMax)
        }
        guard !accounts.isEmpty else { return [] }
        return try await writeBatch("creating accounts") { transaction, cache in
            try transaction.loadAccounts(accounts.map(\.id), cache: &cache)
            return accounts.map { transaction.book.create($0) }
        }
    }

    public func post(_ transfers: [Transfer]) async throws -> [TransferOutcome] {
        guard transfers.count <= batchSizeMax else {
            throw LedgerError.batchTooLarge(count: transfers.count, max: batchSizeMax)
        }
        let nowMs = clock.now().unixMilliseconds
        return try await writeBatch("posting a batch of \(transfers.count)") { transaction, cache in
            try transaction.loadDuePending(nowMs: nowMs, cache: &cache)
            try transaction.load(for: transfers, cache: &cache)
            transaction.book.expireDue(nowMs: nowMs)
            var outcomes: [TransferOutcome] = []
            outcomes.reserveCapacity(transfers.count)
            for transfer in transfers { outcomes.append(transaction.book.apply(transfer, nowMs: nowMs)) }
            try transaction.checkRejectedIDs(transfers, outcomes: outcomes)
            return outcomes
        }
    }

    public func expirePendingTransfers() async throws -> Int {
        let nowMs = clock.now().unixMilliseconds
        return try await writeBatch("expiring pending transfers") { transaction, cache in
            try transaction.loadDuePending(nowMs: nowMs, cache: &cache)
            return transaction.book.expireDue(nowMs: nowMs).count
        }
    }

    /// Runs `body` on a fresh ``SQLiteLedgerTransaction`` inside `BEGIN IMMEDIATE`, writes the book's changes and
    /// commits; on any error rolls back, forgets the cache and throws ``LedgerError``. The first attempt is
    /// optimistic (see ``SQLiteLedgerTransaction/load(for:cache:)``); when it meets a stored id it is rolled back
    /// and the batch runs again, probing every id.
    private func writeBatch<Result: Sendable>(
        _ action: String,
        _ body: @escaping @Sendable (inout SQLiteLedgerTransaction, inout SQLiteAccountCache) throws -> Result
    ) async throws -> Result {
        let historyEpochBits = historyEpochBits
        do {
            return try await pool.writeWithoutTransaction { db in
                try self.cache.withLock { cache in
                    var isOptimistic = true
                    while true {
                        do {
                            var result: Result?
                            var committed: (created: [SQLiteAccountCache.Entry], balances: [AccountBalance]) = ([], [])
                            try db.inTransaction(.immediate) {
                                var transaction = try SQLiteLedgerTransaction(
                                    db: db, cache: &cache, historyEpochBits: historyEpochBits, isOptimistic: isOptimistic
                                )
                                result = try body(&transaction, &cache)
                                try transaction.writeChanges(cache: &cache)
                                committed = transaction.committedToCache
                                return .commit
                            }
                            for entry in committed.created { cache.store(entry) }
                            for balance in committed.balances { cache.update(balance) }
                            guard let result else { preconditionFailure("a committed batch has a result") }
                            return result
                        } catch is SQLiteLedgerTransaction.StoredIDFound where isOptimistic {
                            cache.invalidate()
                            isOptimistic = false
                        } catch {
                            cache.invalidate()
                            throw error
                        }
                    }
                }
            }
        } catch {
            throw SQLiteStorageError.ledgerError(error, while: "\(action) (rolled back)")
        }
    }

    // MARK: Reads

    public func accounts(_ ids: [AccountID]) async throws -> [Account] {
        try await read("reading accounts") { db in
            let select = try db.cachedStatement(sql: SQLiteRowCodec.selectAccountByIDSQL)
            return try ids.compactMap { id in
                try Row.fetchOne(select, arguments: [SQLiteRowCodec.data(id)]).map { try SQLiteRowCodec.account(from: $0).account }
            }
        }
    }

    public func allAccounts(after cursor: AccountID?, limit: Int) async throws -> [Account] {
        guard limit > 0 else { return [] }
        return try await read("listing accounts") { db in
            let select = try db.cachedStatement(sql: """
                SELECT \(SQLiteRowCodec.accountColumns) FROM \(SQLiteRowCodec.accountSource)
                WHERE a.id > ? ORDER BY a.id LIMIT ?
                """)
            let after = cursor.map(SQLiteRowCodec.data) ?? Data()
            return try Row.fetchAll(select, arguments: [after, limit]).map { try SQLiteRowCodec.account(from: $0).account }
        }
    }

    public func balances(of ids: [AccountID]) async throws -> [AccountBalance] {
        try await read("reading balances") { db in
            let select = try db.cachedStatement(sql: SQLiteRowCodec.selectAccountByIDSQL)
            return try ids.compactMap { id in
                try Row.fetchOne(select, arguments: [SQLiteRowCodec.data(id)]).map { try SQLiteRowCodec.account(from: $0).balance }
            }
        }
    }

    public func lookup(transfers ids: [TransferID]) async throws -> [TransferRecord] {
        try await read("looking up transfers") { db in
            let select = try db.cachedStatement(sql: "SELECT \(SQLiteRowCodec.transferColumns) FROM transfer WHERE id = ?")
            return try ids.compactMap { id in
                try Row.fetchOne(select, arguments: [SQLiteRowCodec.data(id)]).map(SQLiteRowCodec.record)
            }
        }
    }

    public func history(of account: AccountID, after cursor: UInt64?, limit: Int) async throws -> [TransferRecord] {
        guard limit > 0 else { return [] }
        let historyEpochBits = historyEpochBits
        return try await read("reading history") { db in
            let sequences = try SQLiteHistory.sequences(
                of: account, after: Self.sequence(cursor), limit: limit, bits: historyEpochBits, db: db
            )
            let select = try db.cachedStatement(sql: "SELECT \(SQLiteRowCodec.transferColumns) FROM transfer WHERE sequence = ?")
            return try sequences.compactMap { sequence in
                try Row.fetchOne(select, arguments: [sequence]).map(SQLiteRowCodec.record)
            }
        }
    }

    public func allTransfers(after cursor: UInt64?, limit: Int) async throws -> [TransferRecord] {
        guard limit > 0 else { return [] }
        return try await read("listing transfers") { db in
            let select = try db.cachedStatement(sql: """
                SELECT \(SQLiteRowCodec.transferColumns) FROM transfer WHERE sequence > ? ORDER BY sequence LIMIT ?
                """)
            return try Row.fetchAll(select, arguments: [Self.sequence(cursor), limit]).map(SQLiteRowCodec.record)
        }
    }

    /// Streams every record through ``LedgerAudit`` in one read transaction (a consistent snapshot), holding only
    /// the accounts and the audit's per-account sums in memory.
    public func verify() async throws -> LedgerVerification {
        let nowMs = clock.now().unixMilliseconds
        return try await read("verifying") { db in
            var accounts: [Account] = []
            var balances: [AccountBalance] = []
            let accountRows = try Row.fetchCursor(
                db, sql: "SELECT \(SQLiteRowCodec.accountColumns) FROM \(SQLiteRowCodec.accountSource)"
            )
            while let row = try accountRows.next() {
                let (_, account, balance) = try SQLiteRowCodec.account(from: row)
                accounts.append(account)
                balances.append(balance)
            }
            var audit = LedgerAudit()
            let records = try Row.fetchCursor(db, sql: "SELECT \(SQLiteRowCodec.transferColumns) FROM transfer ORDER BY sequence")
            while let row = try records.next() { audit.add(try SQLiteRowCodec.record(from: row)) }
            return audit.finish(accounts: accounts, balances: balances, nowMs: nowMs)
        }
    }

    // MARK: Diagnostics

    /// Reads a pragma's value on the writer connection (`journal_mode`, `synchronous`, …), for tests and `doctor`.
    func writerPragma(_ name: String) async throws -> String {
        try await pool.writeWithoutTransaction { db in
            try String.fetchOne(db, sql: "PRAGMA \(name)") ?? ""
        }
    }

    // MARK: Private

    private func read<T: Sendable>(_ action: String, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(body)
        } catch {
            throw SQLiteStorageError.ledgerError(error, while: action)
        }
    }

    private static func sequence(_ cursor: UInt64?) -> Int64 {
        Int64(clamping: cursor ?? 0)
    }
}
