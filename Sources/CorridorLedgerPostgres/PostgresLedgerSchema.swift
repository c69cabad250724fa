import CorridorLedger
import Logging
import PostgresNIO

/// The ledger's tables and their migrations.
///
/// Tables (all in one schema, so several ledgers can share a database):
/// - `accounts`: one row per account with its four balance counters. `fillfactor = 80` leaves room on each page so a
///   balance update (no indexed column changes) is a HOT update that touches no index.
/// - `transfers`: one row per committed transfer: the request (`body`, see ``TransferBodyCoding``), the legs it moved
///   when they differ from the request's (`applied`, post/void only), its commit `sequence`, and for pending
///   transfers their state and expiry. A partial index finds open pending transfers that are due.
/// - `account_history`: (account, sequence) for every account a record touched: the history cursor.
/// - `transfer_sequence` (version 2; version 1 had a counter row, `ledger_counter`): hands out sequence numbers, and
///   `sequence_horizon()` tells readers how far every number handed out is settled (see ``PostgresBatchSQL``).
/// - `schema_migrations`: the versions applied.
///
/// Migrations run in one transaction under a transaction-scoped advisory lock keyed by the schema name, so processes
/// starting together apply them exactly once; DDL is transactional in PostgreSQL, so a failed migration leaves
/// nothing behind.
enum PostgresLedgerSchema {
    /// The newest schema version this build understands.
    static let versionSupported = 2
    /// The first key of the advisory lock (the second is the hash of the schema name): "CRDR".
    static let advisoryLockClass: Int32 = 0x4352_4452
    /// The first key of the sequence lock (the second is the hash of the schema name): "CRDS". Writers hold it shared
    /// from the start of a batch to its end; ``sequenceHorizonFunction`` takes it exclusively (``PostgresBatchSQL``).
    static let sequenceLockClass: Int32 = 0x4352_4453
    /// How many sequence numbers one `nextval` of `transfer_sequence` hands out (a block: `n … n + size - 1`).
    static let sequenceBlockSize: Int64 = 8192
    /// The function readers call before reading by sequence.
    static let sequenceHorizonFunction = "sequence_horizon"

    /// The migrations, in order: version → statements.
    static func migrations(schema s: String) -> [(version: Int, statements: [String])] {
        [
            (1, [
                """
                CREATE TABLE "\(s)".accounts (
                    id uuid PRIMARY KEY,
                    currency int2 NOT NULL,
                    owner text NOT NULL,
                    kind text NOT NULL,
                    flags int2 NOT NULL,
                    user_data text NOT NULL,
                    debits_posted int8 NOT NULL DEFAULT 0 CHECK (debits_posted >= 0),
                    credits_posted int8 NOT NULL DEFAULT 0 CHECK (credits_posted >= 0),
                    debits_pending int8 NOT NULL DEFAULT 0 CHECK (debits_pending >= 0),
                    credits_pending int8 NOT NULL DEFAULT 0 CHECK (credits_pending >= 0)
                ) WITH (fillfactor = 80)
                """,
                """
                CREATE TABLE "\(s)".transfers (
                    id uuid PRIMARY KEY,
                    sequence int8 NOT NULL UNIQUE,
                    timestamp_ms int8 NOT NULL,
                    body bytea NOT NULL,
                    applied bytea,
                    pending_state int2 CHECK (pending_state BETWEEN 0 AND 3),
                    expires_at_ms int8
                )
                """,
                """
                CREATE INDEX transfers_open_expiry ON "\(s)".transfers (expires_at_ms)
                    WHERE pending_state = 0 AND expires_at_ms IS NOT NULL
                """,
                """
                CREATE TABLE "\(s)".account_history (
                    account_id uuid NOT NULL,
                    sequence int8 NOT NULL,
                    PRIMARY KEY (account_id, sequence)
                )
                """,
                """
                CREATE TABLE "\(s)".ledger_counter (
                    singleton bool PRIMARY KEY DEFAULT true CHECK (singleton),
                    next_sequence int8 NOT NULL CHECK (next_sequence > 0)
                )
                """,
                #"INSERT INTO "\#(s)".ledger_counter (singleton, next_sequence) VALUES (true, 1)"#,
            ]),
            // Sequence numbers from a SEQUENCE instead of the counter row, whose lock serialized every batch's insert
            // and commit. Each nextval hands out a block of `sequenceBlockSize` numbers (one call per batch: a call per
            // record cost 6 µs, 6 ms per batch of 1000). CACHE 1 is required: with a per-session cache, a block below
            // the horizon could still be handed out later.
            (2, [
                """
                CREATE SEQUENCE "\(s)".transfer_sequence AS int8 INCREMENT BY \(sequenceBlockSize) MINVALUE 1 START 1
                    CACHE 1 NO CYCLE
                """,
                """
                SELECT setval('"\(s)".transfer_sequence', c.next_sequence, false) FROM "\(s)".ledger_counter c
                """,
                #"DROP TABLE "\#(s)".ledger_counter"#,
                """
                CREATE FUNCTION "\(s)".\(sequenceHorizonFunction)() RETURNS int8 LANGUAGE plpgsql VOLATILE AS $$
                BEGIN
                    -- Waits until no writer holds the lock shared: every number handed out so far belongs to a
                    -- transaction that has ended. Writers take numbers only while holding it, so the next number handed
                    -- out is above the value read here.
                    PERFORM pg_advisory_xact_lock(\(sequenceLockClass), hashtext('\(s)'));
                    RETURN (SELECT CASE WHEN is_called THEN last_value + \(sequenceBlockSize - 1)
                                        ELSE last_value - 1 END
                            FROM "\(s)".transfer_sequence);
                END
                $$
                """,
            ]),
        ]
    }

    /// Creates the schema when missing and applies the migrations it lacks.
    /// - Throws: ``LedgerError/schemaTooNew(found:supported:)`` when another build migrated further; PostgreSQL errors.
    static func migrate(_ connection: PostgresConnection, schema: String, logger: Logger) async throws {
        try await connection.queryUnlessClosed("BEGIN", logger: logger)
        do {
            try await PostgresSchemaMigrationLock.acquire(connection, schema: schema, logger: logger)
            try await connection.queryUnlessClosed(
                #"CREATE SCHEMA IF NOT EXISTS "\#(unescaped: schema)""#, logger: logger
            )
            try await connection.queryUnlessClosed(
                """
                CREATE TABLE IF NOT EXISTS "\(unescaped: schema)".schema_migrations (
                    version int4 PRIMARY KEY,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """,
                logger: logger
            )
            var current = 0
            let rows = try await connection.queryUnlessClosed(
                #"SELECT coalesce(max(version), 0) FROM "\#(unescaped: schema)".schema_migrations"#, logger: logger
            )
            for try await version in rows.decode(Int32.self) { current = Int(version) }
            guard current <= versionSupported else {
                throw LedgerError.schemaTooNew(found: current, supported: versionSupported)
            }
            for migration in migrations(schema: schema) where migration.version > current {
                for statement in migration.statements {
                    try await connection.queryUnlessClosed(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.queryUnlessClosed(
                    #"INSERT INTO "\#(unescaped: schema)".schema_migrations (version) VALUES (\#(Int32(migration.version)))"#,
                    logger: logger
                )
            }
            try await connection.queryUnlessClosed("COMMIT", logger: logger)
        } catch {
            _ = try? await connection.queryUnlessClosed("ROLLBACK", logger: logger)
            throw error
        }
    }

    /// Drops the schema and everything in it (tests and tools).
    static func drop(_ connection: PostgresConnection, schema: String, logger: Logger) async throws {
        try await connection.queryUnlessClosed(
            #"DROP SCHEMA IF EXISTS "\#(unescaped: schema)" CASCADE"#, logger: logger
        )
    }
}
