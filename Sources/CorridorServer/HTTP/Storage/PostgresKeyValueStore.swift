import Foundation
import Logging
import CorridorLedgerPostgres
import PostgresNIO

/// ``HTTPKeyValueStore`` as the table `http_kv` in the ledger's PostgreSQL schema, so every `corridor serve` on one
/// database sees the same API keys and idempotent responses.
public final class PostgresKeyValueStore: HTTPKeyValueStore {
    private let client: PostgresClient
    private let runTask: Task<Void, Never>
    private let table: String

    private init(client: PostgresClient, runTask: Task<Void, Never>, table: String) {
        self.client = client
        self.runTask = runTask
        self.table = table
    }

    /// Connects to `url` and creates the table in `schema` when needed.
    /// - Parameters:
    ///   - url: `postgres://user[:password]@host[:port]/database`.
    ///   - schema: the ledger's schema (a plain lowercase identifier, as the ledger validated it).
    /// - Throws: ``HTTPStorageError`` for a bad URL or schema, or PostgresNIO's error.
    public static func connect(url: String, schema: String) async throws -> PostgresKeyValueStore {
        guard schema.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }),
            !schema.isEmpty
        else { throw HTTPStorageError.configurationInvalid("schema name") }
        var configuration = try PostgresEndpoint(url: url).clientConfiguration
        configuration.options.maximumConnections = 4
        // Quiet, as the ledger's pool: its only chatter is about the pool starting, and it must never log values.
        let client = PostgresClient(
            configuration: configuration,
            backgroundLogger: Logger(label: "corridor.http.kv", factory: { _ in SwiftLogNoOpLogHandler() }))
        let runTask = Task { await client.run() }
        let table = "\"\(schema)\".http_kv"
        let store = PostgresKeyValueStore(client: client, runTask: runTask, table: table)
        do {
            try await store.execute(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \"\(schema)\""))
            try await store.execute(
                PostgresQuery(
                    unsafeSQL:
                        "CREATE TABLE IF NOT EXISTS \(table) (key TEXT PRIMARY KEY, value TEXT NOT NULL)"))
        } catch {
            runTask.cancel()
            throw error
        }
        return store
    }

    /// Closes the connections.
    public func shutdown() async {
        runTask.cancel()
        _ = await runTask.value
    }

    /// The value under `key`.
    public func value(for key: String) async throws -> String? {
        var query = PostgresQuery(unsafeSQL: "SELECT value FROM \(table) WHERE key = $1")
        query.binds.append(key, context: .default)
        return try await withRows(query) { rows in
            for try await value in rows.decode(String.self) { return value }
            return nil
        }
    }

    /// Stores unless present: `INSERT … ON CONFLICT DO NOTHING`, then reads the winner.
    public func insertIfAbsent(_ value: String, for key: String) async throws -> String? {
        var query = PostgresQuery(
            unsafeSQL: "INSERT INTO \(table) (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING key")
        query.binds.append(key, context: .default)
        query.binds.append(value, context: .default)
        let inserted = try await withRows(query) { rows in
            for try await _ in rows.decode(String.self) { return true }
            return false
        }
        if inserted { return nil }
        return try await self.value(for: key) ?? value
    }

    /// Stores, replacing.
    public func setValue(_ value: String, for key: String) async throws {
        var query = PostgresQuery(
            unsafeSQL:
                "INSERT INTO \(table) (key, value) VALUES ($1, $2) "
                    + "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"
        )
        query.binds.append(key, context: .default)
        query.binds.append(value, context: .default)
        try await execute(query)
    }

    /// Removes.
    public func removeValue(for key: String) async throws {
        var query = PostgresQuery(unsafeSQL: "DELETE FROM \(table) WHERE key = $1")
        query.binds.append(key, context: .default)
        try await execute(query)
    }

    /// Replaces (or removes) only when the value there is `expected`: one conditional statement, atomic under
    /// concurrent writers (the row lock serializes them, and a writer that waited re-checks the value).
    public func replaceValue(_ expected: String, with replacement: String?, for key: String) async throws -> Bool {
        var query: PostgresQuery
        if let replacement {
            query = PostgresQuery(unsafeSQL: "UPDATE \(table) SET value = $3 WHERE key = $1 AND value = $2 RETURNING key")
            query.binds.append(key, context: .default)
            query.binds.append(expected, context: .default)
            query.binds.append(replacement, context: .default)
        } else {
            query = PostgresQuery(unsafeSQL: "DELETE FROM \(table) WHERE key = $1 AND value = $2 RETURNING key")
            query.binds.append(key, context: .default)
            query.binds.append(expected, context: .default)
        }
        return try await withRows(query) { rows in
            for try await _ in rows.decode(String.self) { return true }
            return false
        }
    }

    /// The keys starting with `prefix`, sorted byte by byte whatever the database's collation.
    public func values(withKeyPrefix prefix: String) async throws -> [(key: String, value: String)] {
        var query = PostgresQuery(
            unsafeSQL: "SELECT key, value FROM \(table) WHERE starts_with(key, $1) ORDER BY key COLLATE \"C\"")
        query.binds.append(prefix, context: .default)
        return try await withRows(query) { rows in
            var found: [(key: String, value: String)] = []
            for try await (key, value) in rows.decode((String, String).self) { found.append((key, value)) }
            return found
        }
    }

    /// Runs a statement whose rows (none) are not wanted, to its end.
    private func execute(_ query: PostgresQuery) async throws {
        try await withRows(query) { rows in for try await _ in rows {} }
    }

    /// Runs `query` on a pooled connection and hands its rows to `body`; the connection goes back to the pool when
    /// `body` returns. Through ``PostgresConnection/queryUnlessClosed(_:logger:file:line:)``, so a statement sent on
    /// a connection that PostgreSQL has just closed fails instead of waiting forever (postgres-nio loses it).
    private func withRows<Result: Sendable>(
        _ query: PostgresQuery, _ body: (PostgresRowSequence) async throws -> Result
    ) async throws -> Result {
        try await client.withConnection { connection in
            try await body(try await connection.queryUnlessClosed(query, logger: Self.statementLogger))
        }
    }

    /// The statements' logger: silent, as the pool's (values must never be logged).
    private static let statementLogger = Logger(
        label: "corridor.http.kv", factory: { _ in SwiftLogNoOpLogHandler() })
}
