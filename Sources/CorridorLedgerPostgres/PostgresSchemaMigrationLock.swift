import Logging
import PostgresNIO

/// The lock every component that migrates tables in a schema takes first (the ledger, the gateway's payment store):
/// a transaction-scoped advisory lock keyed by ("CRDR", the hash of the schema name).
///
/// Processes starting together, whichever component each opens first, thus run their migrations one at a time:
/// `CREATE SCHEMA IF NOT EXISTS` and `CREATE TABLE IF NOT EXISTS` are not safe against a concurrent creator on their
/// own (the loser fails with a unique violation on the catalog), and each migration is applied exactly once.
public enum PostgresSchemaMigrationLock {
    /// Takes the lock for `schema`, waiting for its holder; it is released when the transaction ends.
    /// - Parameters:
    ///   - connection: a connection inside a transaction (`BEGIN` sent).
    ///   - schema: the schema name, validated by ``PostgresLedgerConfiguration/validatedSchema(_:)``.
    ///   - logger: the connection's logger.
    /// - Throws: postgres-nio's error when the statement fails.
    public static func acquire(_ connection: PostgresConnection, schema: String, logger: Logger) async throws {
        let lockClass = PostgresLedgerSchema.advisoryLockClass
        try await connection.queryUnlessClosed(
            "SELECT pg_advisory_xact_lock(\(lockClass), hashtext(\(schema)))", logger: logger
        )
    }
}
