import CorridorGateway
import CorridorISO20022
import Foundation
import CorridorLedgerSQLite
import GRDB

/// The durable ``PaymentStore``: payment records in the ledger's SQLite file (`corridor.sqlite` by default), in the
/// table `gateway_payments`, through a GRDB `DatabasePool`.
///
/// Guarantees, beyond those of ``PaymentStore`` (whose reference is `InMemoryPaymentStore`):
/// - `save` returns only after the records are committed, durably at ``Synchronous/full`` (the default). All records
///   of one call are in one write transaction (insert, or replace by id): they land together or not at all.
/// - Group commit: calls from concurrent tasks share transactions (up to ``batchRowCountMax`` rows each: rows queue
///   while a batch is being written and the next batch takes them), so a payment does not cost an `fsync` of its
///   own. A call is never split: one larger than the limit goes alone. Calls commit in the order they queued.
/// - `records(businessDate:)` lists what `InMemoryPaymentStore` lists for the same saves: records that had a
///   clearing item when first saved, under that item's business date, in first-save order; an update replaces the
///   body but keeps the position.
/// - A record reads back equal to the one saved, except that ISO 20022 text outside the CBPR+ Latin set reads back
///   transliterated (the messages are stored as the XML that was sent) and the clearing item's `bookedAt` keeps
///   whole milliseconds.
/// - No row holds a full PAN, expiry, track data, PIN block or chip data: a card request still carrying one of those
///   fields is refused with ``SQLitePaymentStoreError/cardDataRefused(id:field:)``.
/// - The file is in WAL mode: reads run on reader connections concurrently with a batch being written and see only
///   committed batches. The ledger may use the same file: the store touches only its own tables and keeps its
///   migrations apart from the ledger's, in `gateway_migrations`.
public final class SQLitePaymentStore: PaymentStore {
    /// The file's path.
    public let path: String
    /// The `PRAGMA synchronous` mode the writer connection commits with.
    public let synchronous: Synchronous
    /// The most rows one group commit gathers from several `save` calls.
    public var batchRowCountMax: Int { queue.batchRowCountMax }

    /// The default file name, shared with the ledger.
    public static let defaultFileName = "corridor.sqlite"
    /// How long a write waits for another connection's write lock (the ledger's, another process's) before failing.
    public static let busyTimeoutSeconds: TimeInterval = 10
    /// The default of ``batchRowCountMax``.
    public static let batchRowCountMaxDefault = 1024

    private let pool: DatabasePool
    private let queue: SQLitePaymentCommitQueue

    /// Opens (creating and migrating when needed) the payment store at `path`.
    /// - Parameters:
    ///   - path: the SQLite file, usually the ledger's; created when missing.
    ///   - synchronous: `synchronous=FULL` (default) or `NORMAL` on the writer connection.
    /// - Throws: ``SQLitePaymentStoreError/schemaTooNew(path:unknownMigrations:)`` for a file migrated by a newer
    ///   build, ``SQLitePaymentStoreError/openFailed(path:reason:)`` when the file cannot be opened or migrated.
    public convenience init(path: String, synchronous: Synchronous = .full) throws {
        try self.init(path: path, synchronous: synchronous, batchRowCountMax: Self.batchRowCountMaxDefault)
    }

    /// Opens the store with another limit on the rows of one group commit.
    /// - Parameters:
    ///   - path: the SQLite file; created when missing.
    ///   - synchronous: `synchronous=FULL` or `NORMAL` on the writer connection.
    ///   - batchRowCountMax: the most rows one group commit gathers from several calls; positive.
    /// - Throws: as ``init(path:synchronous:)``.
    public init(path: String, synchronous: Synchronous, batchRowCountMax: Int) throws {
        precondition(batchRowCountMax > 0, "batchRowCountMax must be positive")
        self.path = path
        self.synchronous = synchronous
        var configuration = Configuration()
        configuration.label = "corridor-gateway-store"
        configuration.busyMode = SQLiteBusyWait.mode(timeoutSeconds: Self.busyTimeoutSeconds)
        configuration.maximumReaderCount = 4
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB switches a pool's writer to synchronous=NORMAL when it enables WAL, after `prepareDatabase` ran;
            // only the writer commits, so the mode is set on it here, last (as the ledger does).
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = \(synchronous.pragmaValue)")
            }
            try SQLitePaymentSchema.migrate(pool, path: path)
        } catch let error as SQLitePaymentStoreError {
            throw error
        } catch {
            throw SQLitePaymentStoreError.openFailed(path: path, reason: SQLitePaymentStoreError.reason(error))
        }
        queue = SQLitePaymentCommitQueue(pool: pool, batchRowCountMax: batchRowCountMax)
    }

    /// Saves records (new or updated by id) in one transaction, in the next group commit.
    /// - Parameter records: the records; a later record with the same id as an earlier one replaces it.
    /// - Throws: ``SQLitePaymentStoreError/cardDataRefused(id:field:)`` or
    ///   ``SQLitePaymentStoreError/encodingFailed(id:column:reason:)`` before anything is written, naming the record;
    ///   ``SQLitePaymentStoreError/writeFailed(ids:reason:)`` when the transaction rolled back.
    public func save(_ records: [PaymentRecord]) async throws {
        guard !records.isEmpty else { return }
        // Encoding (JSON, XML, ISO 8583) runs here, in the caller's task, so the writer only binds values.
        var rows: [SQLitePaymentRow] = []
        rows.reserveCapacity(records.count)
        for record in records { rows.append(try SQLitePaymentRow(record)) }
        try await queue.commit(rows)
    }

    /// The record of a payment, refund or reversal id; nil when none was saved.
    /// - Throws: ``SQLitePaymentStoreError/readFailed(id:reason:)`` when SQLite fails,
    ///   ``SQLitePaymentStoreError/decodingFailed(id:column:reason:)`` naming the column that does not decode.
    public func record(_ id: String) async throws -> PaymentRecord? {
        let row: SQLitePaymentRow?
        do {
            row = try await pool.read { db in
                let select = try db.cachedStatement(sql: """
                    SELECT \(SQLitePaymentSchema.selectedColumns) FROM gateway_payments WHERE id = ?
                    """)
                return try Row.fetchOne(select, arguments: [id]).map(SQLitePaymentRow.init(row:))
            }
        } catch let error as SQLitePaymentStoreError {
            throw error
        } catch {
            throw SQLitePaymentStoreError.readFailed(id: id, reason: SQLitePaymentStoreError.reason(error))
        }
        return try row?.record()
    }

    /// Every record booked on a business day, in first-save order.
    /// - Throws: ``SQLitePaymentStoreError/businessDayReadFailed(businessDate:reason:)`` when SQLite fails,
    ///   ``SQLitePaymentStoreError/decodingFailed(id:column:reason:)`` naming the record and column that do not
    ///   decode.
    public func records(businessDate: ISODate) async throws -> [PaymentRecord] {
        let rows: [SQLitePaymentRow]
        do {
            rows = try await pool.read { db in
                let select = try db.cachedStatement(sql: """
                    SELECT \(SQLitePaymentSchema.selectedColumns) FROM gateway_payments
                    WHERE business_date = ? ORDER BY sequence
                    """)
                return try Row.fetchAll(select, arguments: [businessDate.text]).map(SQLitePaymentRow.init(row:))
            }
        } catch let error as SQLitePaymentStoreError {
            throw error
        } catch {
            throw SQLitePaymentStoreError.businessDayReadFailed(
                businessDate: businessDate, reason: SQLitePaymentStoreError.reason(error))
        }
        // Decoding (XML above all) runs here, after the reader connection is back in the pool.
        var records: [PaymentRecord] = []
        records.reserveCapacity(rows.count)
        for row in rows { records.append(try row.record()) }
        return records
    }

    // MARK: Diagnostics

    /// Transactions the group commit has committed since the store was opened.
    var commitCount: Int {
        get async { await queue.commitCount }
    }

    /// Reads a pragma's value on the writer connection (`journal_mode`, `synchronous`, …), for tests.
    func writerPragma(_ name: String) async throws -> String {
        try await pool.writeWithoutTransaction { db in
            try String.fetchOne(db, sql: "PRAGMA \(name)") ?? ""
        }
    }

    /// Runs SQL on the writer connection, for tests that damage a row or fake a newer schema.
    func executeOnWriter(_ sql: String, arguments: StatementArguments = StatementArguments()) async throws {
        try await pool.write { db in try db.execute(sql: sql, arguments: arguments) }
    }
}
