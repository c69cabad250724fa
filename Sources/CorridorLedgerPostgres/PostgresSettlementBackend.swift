import CorridorCore
import CorridorLedger
import Logging
import PostgresNIO

/// The settlement backend for many gateway processes: PostgreSQL through postgres-nio, with a connection pool.
///
/// Every rule lives in ``LedgerBook``: a batch loads into a fresh book just the rows it touches, applies the
/// transfers there, and writes back the book's ``LedgerChanges``. Storage guarantees around it:
/// - One transaction per batch (READ COMMITTED), committed with the server's `synchronous_commit` (on by default), so
///   when ``post(_:)`` returns the batch is durable.
/// - Concurrent writers in any number of processes: a batch locks every account it may change with
///   `SELECT … ORDER BY id FOR UPDATE` — in id order, so two batches never deadlock — before it reads balances, and
///   re-reads the state of open pending transfers after that (changing a pending transfer's state always changes its
///   accounts' balances, so it needs those locks too). Balances are therefore never lost or double-spent.
/// - Idempotency by the transfers' primary key: the batch first loads existing records with its ids; an id inserted
///   concurrently after that makes the final insert fail with a unique violation, and the whole batch is retried
///   (up to ``retryCountMax`` times), when it finds the record and replays its outcome.
/// - Commit-ordered sequence numbers from a counter row (see ``PostgresBatchSQL``).
/// - Open pending transfers that are due are expired at the start of every batch (up to ``expiryPerBatchMax`` at a
///   time; a larger backlog is cleared by ``expirePendingTransfers()`` first).
/// - Every failure is a ``LedgerError``; messages hold no credentials and no row values.
public final class PostgresSettlementBackend: SettlementBackend {
    public let batchSizeMax: Int
    /// How often a batch is retried after a conflict with a concurrent writer before giving up.
    public static let retryCountMax = 32
    /// The most due pending transfers one batch expires on the way.
    public static let expiryPerBatchMax = 1000
    /// The most rows one `allAccounts`/`history`/`allTransfers` call returns, whatever `limit` asks.
    public static let pageSizeMax = 100_000

    private let client: PostgresClient
    private let runTask: Task<Void, Never>
    private let configuration: PostgresLedgerConfiguration
    private let clock: any WallClock
    private let logger: Logger

    /// The schema holding this ledger's tables.
    public var schema: String { configuration.schema }

    /// Connects to `url` (`postgres://user:password@host:port/database`, optional `?sslmode=disable|prefer|require`;
    /// loopback hosts default to `disable`, others to `prefer`), uses (creating and migrating when needed) the tables
    /// in `schema`. The schema is never taken from the URL; unknown URL parameters are rejected.
    /// - Parameters:
    ///   - poolSize: the most connections this backend opens.
    /// - Throws: ``LedgerError``.
    public static func connect(
        url: String, schema: String = "corridor", clock: any WallClock = SystemWallClock(),
        poolSize: Int = 8, batchSizeMax: Int = 8190
    ) async throws -> PostgresSettlementBackend {
        guard poolSize >= 1 else { throw LedgerError.invalidConfiguration("poolSize must be at least 1") }
        guard batchSizeMax >= 1 else { throw LedgerError.invalidConfiguration("batchSizeMax must be at least 1") }
        let configuration = try PostgresLedgerConfiguration(url: url, schema: schema)
        let logger = Logger(label: "corridor.ledger.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        // Migrate over one plain connection first: it fails fast when the server is unreachable or refuses us, where a
        // pooled client would wait.
        do {
            let connection = try await PostgresConnection.connect(
                configuration: try configuration.connectionConfiguration(), id: 0, logger: logger
            )
            do {
                try await PostgresLedgerSchema.migrate(connection, schema: configuration.schema, logger: logger)
            } catch {
                try? await connection.close()
                throw error
            }
            try? await connection.close()
        } catch {
            throw PostgresLedgerErrors.ledgerError(
                error, doing: "opening the ledger", endpoint: configuration.endpointDescription
            )
        }
        let client = PostgresClient(configuration: configuration.clientConfiguration(poolSize: poolSize))
        let runTask = Task { await client.run() }
        return PostgresSettlementBackend(
            client: client, runTask: runTask, configuration: configuration, clock: clock, logger: logger,
            batchSizeMax: batchSizeMax
        )
    }

    private init(
        client: PostgresClient, runTask: Task<Void, Never>, configuration: PostgresLedgerConfiguration,
        clock: any WallClock, logger: Logger, batchSizeMax: Int
    ) {
        self.client = client
        self.runTask = runTask
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        self.batchSizeMax = batchSizeMax
    }

    /// Closes the connection pool. Calls made afterwards fail with ``LedgerError/storage(_:)``.
    public func shutdown() async {
        runTask.cancel()
        await runTask.value
    }

    /// Drops this ledger's schema with every table in it (tests and tools), then closes the pool.
    public func dropSchemaAndShutdown() async throws {
        try await withSQL(doing: "dropping the schema") { sql in
            try await PostgresLedgerSchema.drop(sql.connection, schema: sql.schema, logger: sql.logger)
        }
        await shutdown()
    }

    // MARK: Writing

    public func createAccounts(_ accounts: [Account]) async throws -> [AccountOutcome] {
        guard accounts.count <= batchSizeMax else {
            throw LedgerError.batchTooLarge(count: accounts.count, max: batchSizeMax)
        }
        guard !accounts.isEmpty else { return [] }
        return try await retrying(doing: "creating accounts") { sql in
            try await sql.begin()
            do {
                var book = LedgerBook()
                for (account, balance) in try await sql.loadAccounts(Array(Set(accounts.map(\.id)))) {
                    book.load(account, balance: balance)
                }
                let outcomes = accounts.map { book.create($0) }
                if book.changes.createdAccounts.isEmpty {
                    await sql.rollback()
                } else {
                    try await sql.insertAccounts(book.changes.createdAccounts)
                    try await sql.commit()
                }
                return outcomes
            } catch {
                await sql.rollback()
                throw error
            }
        }
    }

    public func post(_ transfers: [Transfer]) async throws -> [TransferOutcome] {
        guard transfers.count <= batchSizeMax else {
            throw LedgerError.batchTooLarge(count: transfers.count, max: batchSizeMax)
        }
        var backlogCleared = false
        while true {
            let result = try await retrying(doing: "posting transfers") { sql in
                try await self.applyBatch(transfers, sql: sql, stopOnExpiryBacklog: !backlogCleared)
            }
            if let outcomes = result.outcomes { return outcomes }
            // More pending transfers are due than one batch expires on the way: clear them first, once.
            _ = try await expirePendingTransfers()
            backlogCleared = true
        }
    }

    public func expirePendingTransfers() async throws -> Int {
        var total = 0
        while true {
            let result = try await retrying(doing: "expiring pending transfers") { sql in
                try await self.applyBatch([], sql: sql, stopOnExpiryBacklog: false)
            }
            total += result.expiredCount
            if result.expiredCount < Self.expiryPerBatchMax { return total }
        }
    }

    private struct BatchResult: Sendable {
        /// Nil when the batch stopped because too many pending transfers are due.
        var outcomes: [TransferOutcome]?
        var expiredCount: Int
    }

    /// One attempt at a batch, in one transaction on `sql`'s connection.
    private func applyBatch(
        _ transfers: [Transfer], sql: PostgresBatchSQL, stopOnExpiryBacklog: Bool
    ) async throws -> BatchResult {
        let nowMs = clock.now().unixMilliseconds
        try await sql.begin()
        do {
            // 1. The records the batch names (replays, pending transfers it posts or voids) and the due ones.
            var wanted = Set(transfers.map(\.id))
            for transfer in transfers { if let id = transfer.kind.pendingID { wanted.insert(id) } }
            var (records, dueCount) = try await sql.loadRecords(
                ids: Array(wanted), dueAtMs: nowMs, dueMax: Self.expiryPerBatchMax
            )
            if stopOnExpiryBacklog && dueCount >= Self.expiryPerBatchMax {
                await sql.rollback()
                return BatchResult(outcomes: nil, expiredCount: 0)
            }
            // 2. Every account the batch may change: its legs, and the legs of every loaded open pending transfer
            //    (posted, voided or expired on the way). Legs never change, so this set is final.
            var accountIDs = LedgerBook.accountIDs(touchedBy: transfers, records: records)
            var openIDs: [TransferID] = []
            for record in records.values where record.pendingState == .open {
                openIDs.append(record.transfer.id)
                for leg in record.transfer.legs {
                    accountIDs.insert(leg.debit)
                    accountIDs.insert(leg.credit)
                }
            }
            // 3. Lock them in id order; then the open pending transfers' states cannot change under us: re-read them.
            let locked = try await sql.lockAccounts(accountIDs)
            if !openIDs.isEmpty {
                let states = try await sql.pendingStates(of: openIDs)
                for id in openIDs { records[id]?.pendingState = states[id] }
            }
            // 4. Apply the rules.
            var book = LedgerBook(nextSequence: 1)
            for (account, balance) in locked { book.load(account, balance: balance) }
            for record in records.values {
                if record.pendingState == .open {
                    for leg in record.transfer.legs where book.balances[leg.debit] == nil || book.balances[leg.credit] == nil {
                        throw LedgerError.storage("pending transfer \(record.transfer.id) names a missing account")
                    }
                }
                book.load(record)
            }
            let expired = book.expireDue(nowMs: nowMs)
            var outcomes: [TransferOutcome] = []
            outcomes.reserveCapacity(transfers.count)
            for transfer in transfers { outcomes.append(book.apply(transfer, nowMs: nowMs)) }
            // 5. Write back what changed, or nothing.
            let changes = book.changes
            guard !changes.isEmpty else {
                await sql.rollback()
                return BatchResult(outcomes: outcomes, expiredCount: expired.count)
            }
            let newIDs = Set(changes.newRecordIDs)
            let balances = changes.touchedAccountIDs.compactMap { book.balances[$0] }
            let pendingStates = changes.changedPendingIDs.filter { !newIDs.contains($0) }.compactMap { id in
                book.records[id]?.pendingState.map { (id, $0) }
            }
            try await sql.updateBalancesAndPendingStates(balances: balances, pendingStates: pendingStates)
            if !changes.newRecordIDs.isEmpty {
                var rows = NewRecordRows(timestampMs: nowMs, capacity: changes.newRecordIDs.count)
                let allocator = ByteBufferAllocator()
                for id in changes.newRecordIDs {
                    guard let record = book.records[id] else { continue }
                    rows.append(record, allocator: allocator)
                }
                try await sql.insertRecords(rows)
            }
            try await sql.commit()
            return BatchResult(outcomes: outcomes, expiredCount: expired.count)
        } catch {
            await sql.rollback()
            throw error
        }
    }

    // MARK: Reading

    public func accounts(_ ids: [AccountID]) async throws -> [Account] {
        guard !ids.isEmpty else { return [] }
        let found = try await withSQL(doing: "reading accounts") { sql in try await sql.loadAccounts(Array(Set(ids))) }
        let byID = Dictionary(found.map { ($0.0.id, $0.0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }

    public func allAccounts(after cursor: AccountID?, limit: Int) async throws -> [Account] {
        guard limit > 0 else { return [] }
        let limit = Int64(min(limit, Self.pageSizeMax))
        let after = PostgresRowCoding.uuid(cursor ?? LedgerIdentifier(1))
        let inclusive = cursor == nil
        return try await withSQL(doing: "listing accounts") { sql in
            try await sql.accounts(
                """
                SELECT \(unescaped: PostgresRowCoding.accountColumns) FROM "\(unescaped: sql.schema)".accounts
                WHERE id > \(after) OR (\(inclusive) AND id = \(after)) ORDER BY id LIMIT \(limit)
                """
            ).map(\.0)
        }
    }

    public func balances(of ids: [AccountID]) async throws -> [AccountBalance] {
        guard !ids.isEmpty else { return [] }
        let found = try await withSQL(doing: "reading balances") { sql in try await sql.loadAccounts(Array(Set(ids))) }
        let byID = Dictionary(found.map { ($0.1.id, $0.1) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }

    public func lookup(transfers ids: [TransferID]) async throws -> [TransferRecord] {
        guard !ids.isEmpty else { return [] }
        let found = try await withSQL(doing: "looking up transfers") { sql in
            try await sql.loadRecords(ids: Array(Set(ids)), dueAtMs: nil, dueMax: 0).records
        }
        return ids.compactMap { found[$0] }
    }

    public func history(of account: AccountID, after cursor: UInt64?, limit: Int) async throws -> [TransferRecord] {
        guard limit > 0 else { return [] }
        let limit = Int64(min(limit, Self.pageSizeMax))
        let after = Int64(clamping: cursor ?? 0)
        let accountUUID = PostgresRowCoding.uuid(account)
        return try await withSQL(doing: "reading history") { sql in
            try await sql.records(
                """
                SELECT \(unescaped: Self.qualifiedTransferColumns("t")) FROM "\(unescaped: sql.schema)".account_history h
                JOIN "\(unescaped: sql.schema)".transfers t ON t.sequence = h.sequence
                WHERE h.account_id = \(accountUUID) AND h.sequence > \(after) ORDER BY h.sequence LIMIT \(limit)
                """
            )
        }
    }

    public func allTransfers(after cursor: UInt64?, limit: Int) async throws -> [TransferRecord] {
        guard limit > 0 else { return [] }
        let limit = Int64(min(limit, Self.pageSizeMax))
        let after = Int64(clamping: cursor ?? 0)
        return try await withSQL(doing: "listing transfers") { sql in
            try await sql.records(
                """
                SELECT \(unescaped: PostgresRowCoding.transferColumns) FROM "\(unescaped: sql.schema)".transfers
                WHERE sequence > \(after) ORDER BY sequence LIMIT \(limit)
                """
            )
        }
    }

    /// Streams every record through ``LedgerAudit`` inside one read-only snapshot, so concurrent writers cannot make
    /// balances and records disagree. Memory grows with the number of accounts, not of records.
    public func verify() async throws -> LedgerVerification {
        try await withSQL(doing: "verifying the ledger") { sql in
            try await sql.beginSnapshot()
            do {
                var audit = LedgerAudit()
                let rows = try await sql.connection.query(
                    """
                    SELECT \(unescaped: PostgresRowCoding.transferColumns) FROM "\(unescaped: sql.schema)".transfers
                    """,
                    logger: sql.logger
                )
                for try await row in rows.decode(PostgresRowCoding.TransferRow.self) {
                    audit.add(try PostgresRowCoding.record(row))
                }
                let accounts = try await sql.accounts(
                    """
                    SELECT \(unescaped: PostgresRowCoding.accountColumns) FROM "\(unescaped: sql.schema)".accounts
                    """
                )
                await sql.rollback()
                return audit.finish(
                    accounts: accounts.map(\.0), balances: accounts.map(\.1), nowMs: self.clock.now().unixMilliseconds
                )
            } catch {
                await sql.rollback()
                throw error
            }
        }
    }

    // MARK: Plumbing

    private static func qualifiedTransferColumns(_ alias: String) -> String {
        PostgresRowCoding.transferColumns.split(separator: ",").map { "\(alias).\($0.trimmingPrefix(" "))" }
            .joined(separator: ", ")
    }

    /// Runs `body` on a pooled connection, mapping every error to a ``LedgerError``.
    private func withSQL<Result: Sendable>(
        doing action: String, _ body: (PostgresBatchSQL) async throws -> Result
    ) async throws -> Result {
        do {
            return try await client.withConnection { connection in
                try await body(PostgresBatchSQL(connection: connection, schema: self.configuration.schema, logger: self.logger))
            }
        } catch {
            throw PostgresLedgerErrors.ledgerError(error, doing: action, endpoint: configuration.endpointDescription)
        }
    }

    /// ``withSQL(doing:_:)``, retrying the whole transaction after a conflict with a concurrent writer.
    private func retrying<Result: Sendable>(
        doing action: String, _ body: (PostgresBatchSQL) async throws -> Result
    ) async throws -> Result {
        var attempt = 0
        while true {
            do {
                return try await client.withConnection { connection in
                    try await body(PostgresBatchSQL(connection: connection, schema: self.configuration.schema, logger: self.logger))
                }
            } catch where PostgresLedgerErrors.isRetryable(error) && attempt + 1 < Self.retryCountMax {
                attempt += 1
            } catch {
                throw PostgresLedgerErrors.ledgerError(error, doing: action, endpoint: configuration.endpointDescription)
            }
        }
    }
}
