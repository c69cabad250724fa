import CorridorLedger
import Foundation
import Logging
import PostgresNIO

/// The statements a batch runs, each a single round trip whatever the batch size: ids and values travel as arrays
/// (`unnest($1::uuid[], …)`, `= ANY($1::uuid[])`), so a batch of 1000 transfers is about six statements.
///
/// Sequence numbers come from one counter row (`ledger_counter`), incremented by the statement that inserts the new
/// records — the last one before COMMIT. Its row lock is held until the commit, so batches take sequence ranges in
/// commit order: once a reader sees sequence N, every record below N is committed too, and history cursors never skip
/// a record that commits later. (A PostgreSQL SEQUENCE hands out numbers at call time, not commit time, so a cursor
/// could pass a gap that fills afterwards.) The cost is that the insert statement and the commit's WAL flush of
/// concurrent batches run one at a time; everything before them — reading, locking accounts, applying the rules,
/// updating balances — still overlaps.
struct PostgresBatchSQL {
    let connection: PostgresConnection
    let schema: String
    let logger: Logger

    private var s: String { schema }

    // MARK: Transactions

    func begin() async throws { try await connection.query("BEGIN", logger: logger) }
    func commit() async throws { try await connection.query("COMMIT", logger: logger) }
    func rollback() async { _ = try? await connection.query("ROLLBACK", logger: logger) }

    /// Starts a read-only transaction that sees one snapshot throughout (verify).
    func beginSnapshot() async throws {
        try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
    }

    // MARK: Reading

    /// The records with these ids, plus up to `dueMax` open pending transfers whose expiry is at or before `nowMs`.
    ///
    /// The ids are joined from `unnest` rather than matched with `id = ANY(…)`: for a batch of 1000 ids the planner
    /// estimates 1% of the table and scans all of it (measured: 15 ms at 100,000 transfers, growing with the table),
    /// where the join probes the primary key once per id (4 ms, independent of the table's size).
    /// - Returns: the records by id, and how many due ones were found.
    func loadRecords(
        ids: [TransferID], dueAtMs nowMs: Int64?, dueMax: Int
    ) async throws -> (records: [TransferID: TransferRecord], dueCount: Int) {
        let uuids = ids.map(PostgresRowCoding.uuid)
        let columns = PostgresRowCoding.transferColumns
        let qualified = columns.split(separator: ",").map { "t.\($0.trimmingPrefix(" "))" }.joined(separator: ", ")
        let rows: PostgresRowSequence
        if let nowMs {
            rows = try await connection.query(
                """
                SELECT \(unescaped: qualified), false
                FROM unnest(\(uuids)::uuid[]) AS k(id) JOIN "\(unescaped: s)".transfers t ON t.id = k.id
                UNION ALL
                (SELECT \(unescaped: columns), true FROM "\(unescaped: s)".transfers
                  WHERE pending_state = 0 AND expires_at_ms <= \(nowMs) ORDER BY expires_at_ms LIMIT \(Int64(dueMax)))
                """,
                logger: logger
            )
        } else {
            rows = try await connection.query(
                """
                SELECT \(unescaped: qualified), false
                FROM unnest(\(uuids)::uuid[]) AS k(id) JOIN "\(unescaped: s)".transfers t ON t.id = k.id
                """,
                logger: logger
            )
        }
        var records: [TransferID: TransferRecord] = [:]
        var dueCount = 0
        for try await (id, sequence, timestamp, body, applied, state, expires, due)
            in rows.decode((UUID, Int64, Int64, ByteBuffer, ByteBuffer?, Int16?, Int64?, Bool).self) {
            let record = try PostgresRowCoding.record((id, sequence, timestamp, body, applied, state, expires))
            if due { dueCount += 1 }
            records[record.transfer.id] = record
        }
        return (records, dueCount)
    }

    /// The current pending state of these transfers (read after their accounts are locked, so it cannot change
    /// until this transaction ends).
    func pendingStates(of ids: [TransferID]) async throws -> [TransferID: PendingState] {
        let rows = try await connection.query(
            """
            SELECT t.id, t.pending_state
            FROM unnest(\(ids.map(PostgresRowCoding.uuid))::uuid[]) AS k(id) JOIN "\(unescaped: s)".transfers t ON t.id = k.id
            """,
            logger: logger
        )
        var states: [TransferID: PendingState] = [:]
        for try await (uuid, code) in rows.decode((UUID, Int16?).self) {
            if let code { states[try PostgresRowCoding.identifier(uuid)] = try PostgresRowCoding.pendingState(code) }
        }
        return states
    }

    /// Locks the existing accounts among `ids` (`FOR UPDATE`, in id order so concurrent batches never deadlock) and
    /// returns them with their balances.
    func lockAccounts(_ ids: Set<AccountID>) async throws -> [(Account, AccountBalance)] {
        guard !ids.isEmpty else { return [] }
        return try await accounts(
            """
            SELECT \(unescaped: PostgresRowCoding.accountColumns) FROM "\(unescaped: s)".accounts
            WHERE id = ANY(\(ids.map(PostgresRowCoding.uuid))::uuid[]) ORDER BY id FOR UPDATE
            """
        )
    }

    /// The existing accounts among `ids`, without locking.
    func loadAccounts(_ ids: [AccountID]) async throws -> [(Account, AccountBalance)] {
        guard !ids.isEmpty else { return [] }
        return try await accounts(
            """
            SELECT \(unescaped: PostgresRowCoding.accountColumns) FROM "\(unescaped: s)".accounts
            WHERE id = ANY(\(ids.map(PostgresRowCoding.uuid))::uuid[])
            """
        )
    }

    func accounts(_ query: PostgresQuery) async throws -> [(Account, AccountBalance)] {
        var result: [(Account, AccountBalance)] = []
        for try await row in try await connection.query(query, logger: logger) {
            result.append(try PostgresRowCoding.account(row))
        }
        return result
    }

    func records(_ query: PostgresQuery) async throws -> [TransferRecord] {
        var result: [TransferRecord] = []
        for try await row in try await connection.query(query, logger: logger).decode(PostgresRowCoding.TransferRow.self) {
            result.append(try PostgresRowCoding.record(row))
        }
        return result
    }

    // MARK: Writing

    /// Inserts new accounts (zero balances). A concurrent insert of the same id fails with 23505 (retried).
    func insertAccounts(_ accounts: [Account]) async throws {
        guard !accounts.isEmpty else { return }
        try await connection.query(
            """
            INSERT INTO "\(unescaped: s)".accounts (id, currency, owner, kind, flags, user_data)
            SELECT * FROM unnest(\(accounts.map { PostgresRowCoding.uuid($0.id) })::uuid[],
                \(accounts.map { Int16($0.currency.numericCode) })::int2[], \(accounts.map(\.owner))::text[],
                \(accounts.map(\.kind.rawValue))::text[],
                \(accounts.map { Int16(bitPattern: $0.flags.rawValue) })::int2[], \(accounts.map(\.userData))::text[])
            """,
            logger: logger
        )
    }

    /// Writes back balances and the pending states of existing records, in one statement.
    func updateBalancesAndPendingStates(
        balances: [AccountBalance], pendingStates: [(TransferID, PendingState)]
    ) async throws {
        guard !balances.isEmpty || !pendingStates.isEmpty else { return }
        try await connection.query(
            """
            WITH pending AS (
                UPDATE "\(unescaped: s)".transfers t SET pending_state = u.state
                FROM unnest(\(pendingStates.map { PostgresRowCoding.uuid($0.0) })::uuid[],
                            \(pendingStates.map { PostgresRowCoding.pendingStateCode($0.1) })::int2[]) AS u(id, state)
                WHERE t.id = u.id
            )
            UPDATE "\(unescaped: s)".accounts a
            SET debits_posted = u.dp, credits_posted = u.cp, debits_pending = u.dpe, credits_pending = u.cpe
            FROM unnest(\(balances.map { PostgresRowCoding.uuid($0.id) })::uuid[],
                        \(balances.map(\.debitsPosted))::int8[], \(balances.map(\.creditsPosted))::int8[],
                        \(balances.map(\.debitsPending))::int8[], \(balances.map(\.creditsPending))::int8[])
                 AS u(id, dp, cp, dpe, cpe)
            WHERE a.id = u.id
            """,
            logger: logger
        )
    }

    /// Takes `records.count` sequence numbers from the counter and inserts the records and their history rows, in one
    /// statement. `records[i]` gets sequence `base + i`; each history entry names its record by index.
    /// - Returns: the first sequence number taken.
    @discardableResult
    func insertRecords(_ rows: NewRecordRows) async throws -> Int64 {
        let count = Int64(rows.ids.count)
        let result = try await connection.query(
            """
            WITH counter AS (
                UPDATE "\(unescaped: s)".ledger_counter SET next_sequence = next_sequence + \(count)
                WHERE singleton RETURNING next_sequence - \(count) AS base
            ), inserted AS (
                INSERT INTO "\(unescaped: s)".transfers
                    (id, sequence, timestamp_ms, body, applied, pending_state, expires_at_ms)
                SELECT r.id, counter.base + r.ord - 1, \(rows.timestampMs), r.body, nullif(r.applied, ''::bytea),
                       nullif(r.state, -1::int2), nullif(r.expires, \(NewRecordRows.noExpiry))
                FROM counter, unnest(\(rows.ids)::uuid[], \(rows.bodies)::bytea[], \(rows.applied)::bytea[],
                                     \(rows.states)::int2[], \(rows.expiresAtMs)::int8[])
                     WITH ORDINALITY AS r(id, body, applied, state, expires, ord)
            ), history AS (
                INSERT INTO "\(unescaped: s)".account_history (account_id, sequence)
                SELECT h.account, counter.base + h.ord
                FROM counter, unnest(\(rows.historyAccounts)::uuid[], \(rows.historyIndexes)::int8[]) AS h(account, ord)
            )
            SELECT base FROM counter
            """,
            logger: logger
        )
        var base: Int64 = 0
        for try await value in result.decode(Int64.self) { base = value }
        return base
    }
}

/// The columns of a batch's new records, as arrays for one `unnest`. Absent values use sentinels (empty `applied`,
/// state -1, expiry ``noExpiry``) that the insert turns back into NULL.
struct NewRecordRows {
    static let noExpiry = Int64.min

    let timestampMs: Int64
    var ids: [UUID] = []
    var bodies: [ByteBuffer] = []
    var applied: [ByteBuffer] = []
    var states: [Int16] = []
    var expiresAtMs: [Int64] = []
    var historyAccounts: [UUID] = []
    /// 0-based index of the record each history entry belongs to.
    var historyIndexes: [Int64] = []

    init(timestampMs: Int64, capacity: Int) {
        self.timestampMs = timestampMs
        ids.reserveCapacity(capacity)
        bodies.reserveCapacity(capacity)
        applied.reserveCapacity(capacity)
        states.reserveCapacity(capacity)
        expiresAtMs.reserveCapacity(capacity)
        historyAccounts.reserveCapacity(capacity * 2)
        historyIndexes.reserveCapacity(capacity * 2)
    }

    /// Adds a record; its history entries are the distinct accounts of the legs it moved (the request's legs when it
    /// moved none), as the in-memory backend indexes them.
    mutating func append(_ record: TransferRecord, allocator: ByteBufferAllocator) {
        let index = Int64(ids.count)
        ids.append(PostgresRowCoding.uuid(record.transfer.id))
        var body = allocator.buffer(capacity: 64 + 44 * record.transfer.legs.count)
        TransferBodyCoding.encode(record.transfer, into: &body)
        bodies.append(body)
        if record.appliedLegs == record.transfer.legs {
            applied.append(allocator.buffer(capacity: 0))
        } else {
            var legs = allocator.buffer(capacity: 2 + 42 * record.appliedLegs.count)
            TransferBodyCoding.encodeLegs(record.appliedLegs, into: &legs)
            applied.append(legs)
        }
        states.append(record.pendingState.map(PostgresRowCoding.pendingStateCode) ?? -1)
        expiresAtMs.append(record.expiresAtMs ?? Self.noExpiry)
        var seen: [AccountID] = []
        for leg in record.appliedLegs.isEmpty ? record.transfer.legs : record.appliedLegs {
            for account in [leg.debit, leg.credit] where !seen.contains(account) {
                seen.append(account)
                historyAccounts.append(PostgresRowCoding.uuid(account))
                historyIndexes.append(index)
            }
        }
    }
}
