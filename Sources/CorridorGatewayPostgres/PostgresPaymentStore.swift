import CorridorGateway
import CorridorISO20022
import CorridorLedgerPostgres
import Foundation
import Logging
import PostgresNIO

/// The ``PaymentStore`` of a PostgreSQL deployment: payment records in the table `gateway_payments` of the ledger's
/// schema (default `corridor`), so every `corridor serve` on one database, on any machine, sees the same records.
///
/// Guarantees, beyond those of ``PaymentStore`` (whose reference is `InMemoryPaymentStore`):
/// - `save` is one statement, one round trip whatever the number of records (one array parameter per column,
///   `unnest`, `INSERT … ON CONFLICT (id) DO UPDATE`): its records land together or not at all. It returns once the
///   commit is durable (every session runs with `synchronous_commit = on`, whatever the server's default).
/// - `records(businessDate:)` lists what `InMemoryPaymentStore` lists for the same saves: records that had a
///   clearing item when first saved, under that item's business date, in first-save order (an identity column
///   assigned on insert, kept on update); an update replaces the body but keeps the position. Records saved by
///   concurrent calls are ordered as their statements took identity values, which may differ from commit order.
/// - A record reads back equal to the one saved, except that ISO 20022 text outside the CBPR+ Latin set reads back
///   transliterated and the clearing item's `bookedAt` keeps whole milliseconds (as in the SQLite store: both store
///   `StoredPaymentColumns`).
/// - No row holds a full PAN, expiry, track data, PIN block or chip data: a card request still carrying one of those
///   fields is refused with ``PostgresPaymentStoreError/cardDataRefused(id:field:)`` before anything is sent.
/// - The table is created and migrated under the schema's migration lock (the ledger's), so processes starting
///   together are safe; the store touches only its own tables.
/// - Every failure is a ``PostgresPaymentStoreError``; messages hold no credentials and no row values. A call
///   PostgreSQL did not complete is ``PaymentStoreFailure/isDatabaseUnavailable`` (the HTTP face answers 503).
public final class PostgresPaymentStore: PaymentStore {
    /// The default of ``connect(url:schema:poolSize:)``'s `poolSize`.
    public static let poolSizeDefault = 4
    /// The most records one `save` call may hold (each column is one array parameter of that many elements).
    public static let saveCountMax = 100_000
    /// How often a `save` is retried after a deadlock or serialization failure with a concurrent writer.
    public static let retryCountMax = 8

    /// The schema holding the table.
    public var schema: String { configuration.schema }

    private let client: PostgresClient
    private let runTask: Task<Void, Never>
    private let configuration: PostgresLedgerConfiguration
    private let logger: Logger
    private let upsertSQL: String
    private let selectByIDSQL: String
    private let selectByBusinessDateSQL: String

    /// Connects to `url` and uses (creating and migrating when needed) the table in `schema`.
    /// - Parameters:
    ///   - url: `postgres://user:password@host:port/database`, optional `?sslmode=disable|prefer|require`, as the
    ///     ledger's (`PostgresLedgerConfiguration`); the schema is never taken from the URL.
    ///   - schema: the ledger's schema.
    ///   - poolSize: the most connections this store opens; at least 1.
    /// - Throws: ``PostgresPaymentStoreError/invalidConfiguration(_:)`` for a bad URL, schema or pool size;
    ///   ``PostgresPaymentStoreError/openFailed(endpoint:reason:)`` when the server cannot be reached or the table
    ///   cannot be created; ``PostgresPaymentStoreError/schemaTooNew(schema:found:supported:)``.
    public static func connect(
        url: String, schema: String = "corridor", poolSize: Int = poolSizeDefault
    ) async throws(PostgresPaymentStoreError) -> PostgresPaymentStore {
        guard poolSize >= 1 else { throw .invalidConfiguration("poolSize must be at least 1") }
        let configuration: PostgresLedgerConfiguration
        do {
            configuration = try PostgresLedgerConfiguration(url: url, schema: schema)
        } catch {
            // LedgerError.invalidConfiguration's text names what is wrong, never the password.
            throw .invalidConfiguration("\(error)")
        }
        let logger = Logger(label: "corridor.gateway.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        // Migrate over one plain connection first: it fails fast when the server is unreachable or refuses us, where a
        // pooled client would wait.
        do {
            let connection = try await PostgresConnection.connect(
                configuration: try configuration.connectionConfiguration(), id: 0, logger: logger)
            do {
                try await PostgresPaymentSchema.migrate(connection, schema: configuration.schema, logger: logger)
            } catch {
                try? await connection.close()
                throw error
            }
            try? await connection.close()
        } catch let error as PostgresPaymentStoreError {
            throw error
        } catch {
            throw .openFailed(
                endpoint: configuration.endpointDescription,
                reason: PostgresPaymentErrors.reason(error, endpoint: configuration.endpointDescription))
        }
        var clientConfiguration = configuration.clientConfiguration(poolSize: poolSize)
        // Durable on return whatever the server's default: a commit waits for its WAL flush.
        clientConfiguration.options.additionalStartupParameters.append(("synchronous_commit", "on"))
        let client = PostgresClient(configuration: clientConfiguration, backgroundLogger: logger)
        let runTask = Task { await client.run() }
        return PostgresPaymentStore(client: client, runTask: runTask, configuration: configuration, logger: logger)
    }

    private init(
        client: PostgresClient, runTask: Task<Void, Never>, configuration: PostgresLedgerConfiguration, logger: Logger
    ) {
        self.client = client
        self.runTask = runTask
        self.configuration = configuration
        self.logger = logger
        upsertSQL = PostgresPaymentSchema.upsertSQL(schema: configuration.schema)
        selectByIDSQL = PostgresPaymentSchema.selectByIDSQL(schema: configuration.schema)
        selectByBusinessDateSQL = PostgresPaymentSchema.selectByBusinessDateSQL(schema: configuration.schema)
    }

    /// Closes the connection pool. Calls made afterwards fail with an error that is
    /// ``PaymentStoreFailure/isDatabaseUnavailable``.
    public func shutdown() async {
        runTask.cancel()
        await runTask.value
    }

    /// Drops this store's schema with every table in it, the ledger's too (tests and tools), then closes the pool.
    /// - Throws: ``PostgresPaymentStoreError/writeFailed(ids:reason:)`` (with no ids) when the drop fails.
    public func dropSchemaAndShutdown() async throws(PostgresPaymentStoreError) {
        do {
            try await withRows(PostgresQuery(unsafeSQL: #"DROP SCHEMA IF EXISTS "\#(schema)" CASCADE"#)) { _ in }
        } catch {
            await shutdown()
            throw .writeFailed(ids: [], reason: reason(error))
        }
        await shutdown()
    }

    // MARK: PaymentStore

    /// Saves records (new or updated) in one statement, durably.
    /// - Parameter records: at most ``saveCountMax``; a later record with the same id as an earlier one replaces its
    ///   body and keeps its position and business date.
    /// - Throws: ``PostgresPaymentStoreError/cardDataRefused(id:field:)`` or
    ///   ``PostgresPaymentStoreError/encodingFailed(id:column:reason:)`` before anything is sent, naming the record;
    ///   ``PostgresPaymentStoreError/writeFailed(ids:reason:)`` when the statement did not commit.
    public func save(_ records: [PaymentRecord]) async throws {
        guard !records.isEmpty else { return }
        precondition(records.count <= Self.saveCountMax, "save holds at most \(Self.saveCountMax) records")
        // Encoding (JSON, XML, ISO 8583) runs here, before a connection is taken.
        var rows: [StoredPaymentColumns] = []
        rows.reserveCapacity(records.count)
        var positions: [String: Int] = [:]
        for record in records {
            let columns: StoredPaymentColumns
            do {
                columns = try StoredPaymentColumns(record)
            } catch {
                throw PostgresPaymentStoreError(error)
            }
            // One statement may not touch a row twice (ON CONFLICT DO UPDATE refuses it): a repeated id replaces the
            // body of its first occurrence, keeping that occurrence's position and business date, as the sequential
            // upserts of the SQLite store and the in-memory store do.
            if let position = positions[columns.id] {
                let businessDate = rows[position].businessDate
                rows[position] = columns
                rows[position].businessDate = businessDate
            } else {
                positions[columns.id] = rows.count
                rows.append(columns)
            }
        }
        var query = PostgresQuery(unsafeSQL: upsertSQL)
        query.binds.append(rows.map(\.id), context: .default)
        query.binds.append(PostgresNullableArray(rows.map(\.businessDate)), context: .default)
        query.binds.append(rows.map(\.result), context: .default)
        query.binds.append(rows.map(\.trail), context: .default)
        query.binds.append(rows.map(\.fingerprint), context: .default)
        query.binds.append(PostgresNullableArray(rows.map(\.clearingItem)), context: .default)
        query.binds.append(PostgresNullableArray(rows.map(\.amounts)), context: .default)
        query.binds.append(rows.map(\.refundedMinorUnits), context: .default)
        query.binds.append(rows.map(\.messages), context: .default)
        query.binds.append(PostgresNullableArray(rows.map(\.parties)), context: .default)
        query.binds.append(PostgresNullableArray(rows.map(\.cardRequest)), context: .default)
        var attempt = 0
        while true {
            do {
                // Drained: the statement is done (committed) when its (empty) result ends.
                try await withRows(query) { rows in for try await _ in rows {} }
                return
            } catch {
                attempt += 1
                if PostgresPaymentErrors.isRetryable(error), attempt < Self.retryCountMax, !Task.isCancelled {
                    continue
                }
                throw PostgresPaymentStoreError.writeFailed(ids: rows.map(\.id), reason: reason(error))
            }
        }
    }

    /// The record of a payment, refund or reversal id; nil when none was saved.
    /// - Throws: ``PostgresPaymentStoreError/readFailed(id:reason:)`` when PostgreSQL fails,
    ///   ``PostgresPaymentStoreError/decodingFailed(id:column:reason:)`` naming the column that does not decode.
    public func record(_ id: String) async throws -> PaymentRecord? {
        var query = PostgresQuery(unsafeSQL: selectByIDSQL)
        query.binds.append(id, context: .default)
        let rows: [StoredPaymentColumns]
        do {
            rows = try await fetch(query)
        } catch let error as PostgresPaymentStoreError {
            throw error
        } catch {
            throw PostgresPaymentStoreError.readFailed(id: id, reason: reason(error))
        }
        guard let row = rows.first else { return nil }
        return try Self.record(row)
    }

    /// Every record booked on a business day, in first-save order.
    /// - Throws: ``PostgresPaymentStoreError/businessDayReadFailed(businessDate:reason:)`` when PostgreSQL fails,
    ///   ``PostgresPaymentStoreError/decodingFailed(id:column:reason:)`` naming the record and column that do not
    ///   decode.
    public func records(businessDate: ISODate) async throws -> [PaymentRecord] {
        var query = PostgresQuery(unsafeSQL: selectByBusinessDateSQL)
        query.binds.append(businessDate.text, context: .default)
        let rows: [StoredPaymentColumns]
        do {
            rows = try await fetch(query)
        } catch let error as PostgresPaymentStoreError {
            throw error
        } catch {
            throw PostgresPaymentStoreError.businessDayReadFailed(businessDate: businessDate, reason: reason(error))
        }
        // Decoding (XML above all) runs here, after the connection is back in the pool.
        var records: [PaymentRecord] = []
        records.reserveCapacity(rows.count)
        for row in rows { records.append(try Self.record(row)) }
        return records
    }

    // MARK: Rows

    /// Runs a select of ``PostgresPaymentSchema/columns`` and returns its rows' values.
    /// - Throws: ``PostgresPaymentStoreError/decodingFailed(id:column:reason:)`` for a value of the wrong type;
    ///   postgres-nio's errors.
    private func fetch(_ query: PostgresQuery) async throws -> [StoredPaymentColumns] {
        try await withRows(query) { rows in
            var found: [StoredPaymentColumns] = []
            for try await row in rows { found.append(try Self.columns(row.makeRandomAccess())) }
            return found
        }
    }

    /// Runs `query` on a pooled connection and hands its rows to `body`; the connection goes back to the pool when
    /// `body` returns. Through ``PostgresConnection/queryUnlessClosed(_:logger:file:line:)``, so a statement sent on
    /// a connection that PostgreSQL has just closed fails instead of waiting forever (postgres-nio loses it).
    private func withRows<Result: Sendable>(
        _ query: PostgresQuery, _ body: (PostgresRowSequence) async throws -> Result
    ) async throws -> Result {
        try await client.withConnection { connection in
            try await body(try await connection.queryUnlessClosed(query, logger: self.logger))
        }
    }

    /// The values of one row, each checked against its column's type.
    private static func columns(_ row: PostgresRandomAccessRow) throws(PostgresPaymentStoreError)
        -> StoredPaymentColumns
    {
        let names = PostgresPaymentSchema.columns
        func value<Value: PostgresDecodable>(_ index: Int, _ type: Value.Type, id: String)
            throws(PostgresPaymentStoreError) -> Value?
        {
            let cell = row[index]
            if cell.bytes == nil { return nil }
            do {
                return try cell.decode(Value.self)
            } catch {
                // The type names only: the cell's bytes may be a record body.
                throw .decodingFailed(
                    id: id, column: names[index], reason: "not \(Value.self): PostgreSQL type \(cell.dataType)")
            }
        }
        func required<Value: PostgresDecodable>(_ index: Int, _ type: Value.Type, id: String)
            throws(PostgresPaymentStoreError) -> Value
        {
            guard let value = try value(index, type, id: id) else {
                throw .decodingFailed(id: id, column: names[index], reason: "NULL")
            }
            return value
        }
        let id = try required(0, String.self, id: "?")
        return StoredPaymentColumns(
            id: id, businessDate: try value(1, String.self, id: id), result: try required(2, String.self, id: id),
            trail: try required(3, String.self, id: id), fingerprint: try required(4, String.self, id: id),
            clearingItem: try value(5, String.self, id: id), amounts: try value(6, String.self, id: id),
            refundedMinorUnits: try required(7, Int64.self, id: id), messages: try required(8, String.self, id: id),
            parties: try value(9, String.self, id: id), cardRequest: try value(10, Data.self, id: id))
    }

    /// The record of stored values.
    private static func record(_ row: StoredPaymentColumns) throws(PostgresPaymentStoreError) -> PaymentRecord {
        do {
            return try row.record()
        } catch {
            throw PostgresPaymentStoreError(error)
        }
    }

    private func reason(_ error: any Error) -> String {
        PostgresPaymentErrors.reason(error, endpoint: configuration.endpointDescription)
    }
}
