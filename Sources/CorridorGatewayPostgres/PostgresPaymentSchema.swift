import CorridorGateway
import CorridorLedgerPostgres
import Logging
import PostgresNIO

/// The payment store's table and its migrations, in the ledger's schema.
///
/// Layout of `gateway_payments` (one row per payment, refund or reversal id; the columns of `StoredPaymentColumns`,
/// as in the SQLite store):
/// - `id` (primary key): the payment id.
/// - `business_date`: `YYYY-MM-DD` of the clearing item the record had when it was first saved, NULL when it had
///   none; never changed by an update, so a day's listing is fixed at first save, as in `InMemoryPaymentStore`.
/// - `sequence`: an identity column, assigned on insert in the order of a `save` call's records; never changed by an
///   update. Numbers are increasing, not dense (an upsert that updates consumes one too).
/// - the body: `result`, `trail`, `amounts`, `parties`, `clearing_item`, `messages` as JSON text (text, not jsonb:
///   the stored bytes are the codec's own), `fingerprint` as text, `refunded_minor_units` as int8, `card_request`
///   as bytea.
///
/// The store keeps its versions in its own `gateway_migrations`: the ledger's `schema_migrations` refuses a version
/// it does not know. Migrations run in one transaction under ``PostgresSchemaMigrationLock``, the lock the ledger's
/// migrations take too, so processes starting together (each opening the ledger and the store in any order) create
/// the schema and each table exactly once; DDL is transactional, so a failed migration leaves nothing behind.
enum PostgresPaymentSchema {
    /// The newest version this build understands.
    static let versionSupported = 1
    /// The table's name.
    static let table = "gateway_payments"

    /// The migrations, in order: version → statements.
    static func migrations(schema s: String) -> [(version: Int, statements: [String])] {
        [
            (1, [
                """
                CREATE TABLE "\(s)".\(table) (
                    id text PRIMARY KEY,
                    business_date text,
                    sequence int8 NOT NULL GENERATED ALWAYS AS IDENTITY,
                    result text NOT NULL,
                    trail text NOT NULL,
                    fingerprint text NOT NULL,
                    clearing_item text,
                    amounts text,
                    refunded_minor_units int8 NOT NULL,
                    messages text NOT NULL,
                    parties text,
                    card_request bytea
                )
                """,
                """
                CREATE INDEX gateway_payments_business_date ON "\(s)".\(table) (business_date, sequence)
                    WHERE business_date IS NOT NULL
                """,
            ]),
        ]
    }

    /// The columns a `save` writes and a read returns, in `StoredPaymentColumns`' order.
    static let columns = StoredPaymentColumns.names
    /// The columns an update replaces: all but `id` and `business_date` (and `sequence`, which is not written).
    static let bodyColumns = Array(columns.dropFirst(2))

    /// The element type of each column's array parameter in ``upsertSQL(schema:)``.
    static let arrayTypes = ["text", "text", "text", "text", "text", "text", "text", "int8", "text", "text", "bytea"]

    /// Inserts every record of a call, or replaces the body of the stored one with the same id, in one statement:
    /// one array parameter per column, unnested in the call's order, so new rows take identity values in that order.
    /// An updated row keeps its sequence and business date. The ids of one statement must be distinct.
    static func upsertSQL(schema: String) -> String {
        let parameters = arrayTypes.enumerated().map { "$\($0.offset + 1)::\($0.element)[]" }.joined(separator: ", ")
        let names = columns.joined(separator: ", ")
        return """
            INSERT INTO "\(schema)".\(table) (\(names))
            SELECT \(names) FROM unnest(\(parameters)) WITH ORDINALITY AS r(\(names), ordinal)
            ORDER BY ordinal
            ON CONFLICT (id) DO UPDATE SET \(bodyColumns.map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
            """
    }

    /// Reads one record by id.
    static func selectByIDSQL(schema: String) -> String {
        #"SELECT \#(columns.joined(separator: ", ")) FROM "\#(schema)".\#(table) WHERE id = $1"#
    }

    /// Reads a business day's records in booking order.
    static func selectByBusinessDateSQL(schema: String) -> String {
        """
        SELECT \(columns.joined(separator: ", ")) FROM "\(schema)".\(table)
        WHERE business_date = $1 ORDER BY sequence
        """
    }

    /// Creates the schema when missing and applies the migrations the table lacks.
    /// - Throws: ``PostgresPaymentStoreError/schemaTooNew(schema:found:supported:)`` when another build migrated
    ///   further; postgres-nio's errors.
    static func migrate(_ connection: PostgresConnection, schema: String, logger: Logger) async throws {
        try await connection.queryUnlessClosed("BEGIN", logger: logger)
        do {
            try await PostgresSchemaMigrationLock.acquire(connection, schema: schema, logger: logger)
            try await connection.queryUnlessClosed(
                #"CREATE SCHEMA IF NOT EXISTS "\#(unescaped: schema)""#, logger: logger
            )
            try await connection.queryUnlessClosed(
                """
                CREATE TABLE IF NOT EXISTS "\(unescaped: schema)".gateway_migrations (
                    version int4 PRIMARY KEY,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """,
                logger: logger
            )
            var current = 0
            let rows = try await connection.queryUnlessClosed(
                #"SELECT coalesce(max(version), 0) FROM "\#(unescaped: schema)".gateway_migrations"#, logger: logger
            )
            for try await version in rows.decode(Int32.self) { current = Int(version) }
            guard current <= versionSupported else {
                throw PostgresPaymentStoreError.schemaTooNew(
                    schema: schema, found: current, supported: versionSupported)
            }
            for migration in migrations(schema: schema) where migration.version > current {
                for statement in migration.statements {
                    try await connection.queryUnlessClosed(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                let version = Int32(migration.version)
                try await connection.queryUnlessClosed(
                    #"INSERT INTO "\#(unescaped: schema)".gateway_migrations (version) VALUES (\#(version))"#,
                    logger: logger
                )
            }
            try await connection.queryUnlessClosed("COMMIT", logger: logger)
        } catch {
            _ = try? await connection.queryUnlessClosed("ROLLBACK", logger: logger)
            throw error
        }
    }
}
