import CorridorCore
import CorridorLedger
import Logging
import PostgresNIO
import Synchronization

/// The settlement backend for many gateway processes: PostgreSQL through postgres-nio, with a connection pool.
///
/// Every rule lives in ``LedgerBook``: a batch loads into a fresh book just the rows it needs, applies the transfers
/// there, and writes back the book's ``LedgerChanges``. Storage guarantees around it:
/// - One transaction per batch (READ COMMITTED), committed with the server's `synchronous_commit` (on by default), so
///   when ``post(_:)`` returns the batch is durable.
/// - Balances change by adding deltas (`SET debits_posted = debits_posted + d`), which commute, so concurrent batches
///   need not lock an account just to move money through it. Locks are taken only where a rule reads a balance
///   (lock order in ``PostgresBatchSQL``): an account flagged `debitsMustNotExceedCredits`/`creditsMustNotExceedDebits`
///   is locked (`FOR UPDATE`) before its balance is read, so its limit holds under any number of writers in any number
///   of processes; an open pending transfer the batch may post, void or expire is locked before its state is re-read,
///   so it is resolved once. Other accounts enter the book with zero balances (their rules read only the batch's own
///   change): an overflow of a stored counter then fails the update with 22003 and the batch is retried in exact mode,
///   which locks every account it touches and so rejects the culprit with ``TransferRejection/balanceOverflow(_:)``.
/// - Idempotency by the transfers' primary key. A first attempt loads only the records it must (pending transfers it
///   posts or voids, due ones): a committed transfer whose id exists fails the insert with a unique violation, and a
///   rejected transfer whose id exists is found by a look-up before commit; either way the batch is retried in exact
///   mode, which loads every record with the batch's ids first and replays their outcomes. A concurrent insert of the
///   same id is also a unique violation. Retries: up to ``retryCountMax``.
/// - Sequence numbers from a SEQUENCE, with a horizon for readers so a cursor never skips a record that commits later
///   (see ``PostgresBatchSQL``).
/// - Account descriptions (everything but balances) never change once created, so they are cached per backend
///   (up to ``accountCacheCountMax``) and a batch of known accounts reads no account rows unless it must lock them.
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
    /// The most account descriptions one backend caches; the cache starts over when full.
    public static let accountCacheCountMax = 1_000_000

    private let accountCache = Mutex<[AccountID: Account]>([:])

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
                let existing = try await sql.loadAccounts(Array(Set(accounts.map(\.id)))).map(\.0)
                for account in existing {
                    book.load(account, balance: AccountBalance(id: account.id, currency: account.currency))
                }
                let outcomes = accounts.map { book.create($0) }
                if book.changes.createdAccounts.isEmpty {
                    await sql.rollback()
                } else {
                    try await sql.insertAccounts(book.changes.createdAccounts)
                    try await sql.commit()
                }
                self.cache(existing + book.changes.createdAccounts)
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
            let result = try await posting(transfers, stopOnExpiryBacklog: !backlogCleared)
            if let outcomes = result.outcomes { return outcomes }
            // More pending transfers are due than one batch expires on the way: clear them first, once.
            _ = try await expirePendingTransfers()
            backlogCleared = true
        }
    }

    public func expirePendingTransfers() async throws -> Int {
        var total = 0
        while true {
            let result = try await posting([], stopOnExpiryBacklog: false)
            total += result.expiredCount
            if result.expiredCount < Self.expiryPerBatchMax { return total }
        }
    }

    private struct BatchResult: Sendable {
        /// Nil when the batch stopped because too many pending transfers are due.
        var outcomes: [TransferOutcome]?
        var expiredCount: Int
    }

    /// How a batch attempt treats what it did not lock.
    private enum BatchMode {
        /// Loads only the records it must and gives unlocked accounts zero balances (deltas); see the type's doc.
        case optimistic
        /// Loads every record the batch names and locks every account it touches (flagged ones first): exact.
        case exact
    }

    /// An optimistic attempt found something only an exact one decides (an existing id, a balance overflow).
    private struct NeedsExactMode: Error {}

    /// Runs a batch: optimistic first, then exact after any conflict, up to ``retryCountMax`` attempts.
    private func posting(_ transfers: [Transfer], stopOnExpiryBacklog: Bool) async throws -> BatchResult {
        var mode = BatchMode.optimistic
        var attempt = 0
        while true {
            do {
                return try await client.withConnection { connection in
                    let sql = PostgresBatchSQL(
                        connection: connection, schema: self.configuration.schema, logger: self.logger
                    )
                    return try await self.applyBatch(
                        transfers, sql: sql, stopOnExpiryBacklog: stopOnExpiryBacklog, mode: mode
                    )
                }
            } catch where attempt + 1 < Self.retryCountMax
                && (error is NeedsExactMode || PostgresLedgerErrors.isRetryable(error)
                    || PostgresLedgerErrors.isOverflow(error)) {
                attempt += 1
                mode = .exact
            } catch is NeedsExactMode {
                throw LedgerError.storage("posting transfers: gave up after \(Self.retryCountMax) conflicting attempts")
            } catch {
                throw PostgresLedgerErrors.ledgerError(
                    error, doing: "posting transfers", endpoint: configuration.endpointDescription
                )
            }
        }
    }

    /// One attempt at a batch, in one transaction on `sql`'s connection.
    private func applyBatch(
        _ transfers: [Transfer], sql: PostgresBatchSQL, stopOnExpiryBacklog: Bool, mode: BatchMode
    ) async throws -> BatchResult {
        let nowMs = clock.now().unixMilliseconds
        try await sql.begin()
        do {
            try await sql.holdSequenceLock()
            // 1. The records the batch must see: pending transfers it posts or voids, the due ones, and in exact mode
            //    any record with one of its ids (replays).
            var resolving = Set<TransferID>()
            for transfer in transfers { if let id = transfer.kind.pendingID { resolving.insert(id) } }
            let wanted = mode == .exact ? resolving.union(transfers.lazy.map(\.id)) : resolving
            var (records, dueCount) = try await sql.loadRecords(
                ids: Array(wanted), dueAtMs: nowMs, dueMax: Self.expiryPerBatchMax
            )
            if stopOnExpiryBacklog && dueCount >= Self.expiryPerBatchMax {
                await sql.rollback()
                return BatchResult(outcomes: nil, expiredCount: 0)
            }
            // 2. Every account the batch may change: its legs, and the legs of every loaded open pending transfer
            //    (posted, voided or expired on the way). Legs never change, so this set is final.
            var accountIDs = Set<AccountID>(minimumCapacity: 2 * transfers.count + 2 * records.count)
            for transfer in transfers {
                for leg in transfer.legs {
                    accountIDs.insert(leg.debit)
                    accountIDs.insert(leg.credit)
                }
            }
            var openIDs: [TransferID] = []
            var releasing = Set<AccountID>()
            for record in records.values {
                // The legs of pending transfers the batch posts or voids, and of every open one (which it may expire).
                guard record.pendingState == .open || resolving.contains(record.transfer.id) else { continue }
                if record.pendingState == .open { openIDs.append(record.transfer.id) }
                for leg in record.transfer.legs {
                    accountIDs.insert(leg.debit)
                    accountIDs.insert(leg.credit)
                    if record.pendingState == .open {
                        releasing.insert(leg.debit)
                        releasing.insert(leg.credit)
                    }
                }
            }
            let accounts = try await describe(accountIDs, sql: sql)
            // 3. Locks, in the order of ``PostgresBatchSQL``: open pending transfers (then re-read their state, which
            //    cannot change any more), flagged accounts, and in exact mode every other account. `base` holds the
            //    balances read; every other account enters the book at zero and its change is written as a delta.
            if !openIDs.isEmpty {
                let states = try await sql.lockPendingStates(of: openIDs.sorted())
                for id in openIDs { records[id]?.pendingState = states[id] }
            }
            var flagged = Set<AccountID>()
            for account in accounts where account.flags.contains(.debitsMustNotExceedCredits)
                || account.flags.contains(.creditsMustNotExceedDebits) {
                flagged.insert(account.id)
            }
            var base: [AccountID: AccountBalance] = [:]
            for (account, balance) in try await sql.lockAccounts(flagged) { base[account.id] = balance }
            if mode == .exact {
                let unflagged = Set(accounts.lazy.map(\.id).filter { !flagged.contains($0) })
                for (account, balance) in try await sql.lockAccounts(unflagged) { base[account.id] = balance }
            } else if !releasing.isEmpty {
                // Releasing a hold lowers a pending counter, so the book needs one that includes the hold: any balance
                // read now does (the pending transfer committed with its hold, and only we may release it).
                let needed = Array(releasing.subtracting(flagged))
                for (account, balance) in try await sql.loadAccounts(needed) { base[account.id] = balance }
            }
            // 4. Apply the rules.
            var book = LedgerBook(nextSequence: 1)
            book.reserveAccountCapacity(accounts.count)
            for account in accounts {
                let balance = base.isEmpty ? nil : base[account.id]
                book.load(account, balance: balance ?? AccountBalance(id: account.id, currency: account.currency))
            }
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
            if mode == .optimistic {
                try await checkOptimisticOutcomes(transfers, outcomes, book: book, sql: sql)
            }
            // 5. Write back what changed, or nothing, in one statement: records first, balances last (their row locks
            //    are then held only for the update and the commit).
            let changes = book.changes
            guard !changes.isEmpty else {
                await sql.rollback()
                return BatchResult(outcomes: outcomes, expiredCount: expired.count)
            }
            var newRecords = NewRecordRows(
                timestampMs: nowMs, capacity: changes.newRecordIDs.count, allocator: ByteBufferAllocator()
            )
            for id in changes.newRecordIDs {
                guard let record = book.records[id] else { continue }
                newRecords.append(record)
            }
            let newIDs = Set(changes.newRecordIDs)
            let pendingStates = changes.changedPendingIDs.filter { !newIDs.contains($0) }.sorted().compactMap { id in
                book.records[id]?.pendingState.map { (id, $0) }
            }
            let deltas = BalanceDeltas(from: base, to: changes.touchedAccounts.compactMap { book.balances[$0] })
            let updated = try await sql.writeChanges(newRecords, deltas: deltas, pendingStates: pendingStates)
            guard updated == deltas.count else {
                throw LedgerError.storage("\(deltas.count - updated) account(s) vanished during a batch")
            }
            try await sql.commit()
            return BatchResult(outcomes: outcomes, expiredCount: expired.count)
        } catch {
            await sql.rollback()
            throw error
        }
    }

    /// An optimistic attempt did not load the records with the batch's ids, nor exact balances of unflagged accounts:
    /// a rejection it returns may be wrong when that id has a record (a replay) or when it is an overflow. Committed
    /// transfers need no check here, their insert fails on an existing id.
    /// - Throws: ``NeedsExactMode`` when the batch must run again in exact mode.
    private func checkOptimisticOutcomes(
        _ transfers: [Transfer], _ outcomes: [TransferOutcome], book: LedgerBook, sql: PostgresBatchSQL
    ) async throws {
        var unknown: [TransferID] = []
        for (transfer, outcome) in zip(transfers, outcomes) {
            guard case .rejected(let rejection) = outcome else { continue }
            if case .balanceOverflow = rejection { throw NeedsExactMode() }
            if book.records[transfer.id] == nil { unknown.append(transfer.id) }
        }
        if !(try await sql.existingTransferIDs(unknown)).isEmpty { throw NeedsExactMode() }
    }

    /// The descriptions of the existing accounts among `ids` (each once), from the cache or read (without locking) and
    /// cached.
    private func describe(_ ids: Set<AccountID>, sql: PostgresBatchSQL) async throws -> [Account] {
        var found: [Account] = []
        found.reserveCapacity(ids.count)
        let missing: [AccountID] = accountCache.withLock { cache in
            var missing: [AccountID] = []
            for id in ids {
                if let account = cache[id] { found.append(account) } else { missing.append(id) }
            }
            return missing
        }
        guard !missing.isEmpty else { return found }
        let read = try await sql.loadAccounts(missing).map(\.0)
        found += read
        cache(read)
        return found
    }

    /// Remembers committed account descriptions (they never change).
    private func cache(_ accounts: [Account]) {
        guard !accounts.isEmpty else { return }
        accountCache.withLock { cache in
            if cache.count + accounts.count > Self.accountCacheCountMax { cache.removeAll() }
            for account in accounts { cache[account.id] = account }
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
            let horizon = try await sql.sequenceHorizon()
            return try await sql.records(
                """
                SELECT \(unescaped: Self.qualifiedTransferColumns("t")) FROM "\(unescaped: sql.schema)".account_history h
                JOIN "\(unescaped: sql.schema)".transfers t ON t.sequence = h.sequence
                WHERE h.account_id = \(accountUUID) AND h.sequence > \(after) AND h.sequence <= \(horizon)
                ORDER BY h.sequence LIMIT \(limit)
                """
            )
        }
    }

    public func allTransfers(after cursor: UInt64?, limit: Int) async throws -> [TransferRecord] {
        guard limit > 0 else { return [] }
        let limit = Int64(min(limit, Self.pageSizeMax))
        let after = Int64(clamping: cursor ?? 0)
        return try await withSQL(doing: "listing transfers") { sql in
            let horizon = try await sql.sequenceHorizon()
            return try await sql.records(
                """
                SELECT \(unescaped: PostgresRowCoding.transferColumns) FROM "\(unescaped: sql.schema)".transfers
                WHERE sequence > \(after) AND sequence <= \(horizon) ORDER BY sequence LIMIT \(limit)
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
                let rows = try await sql.connection.queryUnlessClosed(
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

