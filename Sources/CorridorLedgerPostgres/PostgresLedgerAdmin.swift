import CorridorLedger
import Logging
import PostgresNIO

/// Database administration for tests and tools: throwaway databases beside the ledger's own.
enum PostgresLedgerAdmin {
    /// Creates database `name` on the server `url` points at (the URL's own database is used to connect).
    static func createDatabase(url: String, name: String) async throws {
        let name = try PostgresLedgerConfiguration.validatedSchema(name)
        _ = try await withConnection(url: url) { connection, logger in
            try await connection.queryUnlessClosed(#"CREATE DATABASE "\#(unescaped: name)""#, logger: logger)
        }
    }

    /// Drops database `name` (disconnecting its sessions) when it exists.
    static func dropDatabase(url: String, name: String) async throws {
        let name = try PostgresLedgerConfiguration.validatedSchema(name)
        _ = try await withConnection(url: url) { connection, logger in
            try await connection.queryUnlessClosed(
                #"DROP DATABASE IF EXISTS "\#(unescaped: name)" WITH (FORCE)"#, logger: logger
            )
        }
    }

    /// Drops `schema` in the database `url` points at, when it exists.
    static func dropSchema(url: String, schema: String) async throws {
        let configuration = try PostgresLedgerConfiguration(url: url, schema: schema)
        try await withConnection(url: url) { connection, logger in
            try await PostgresLedgerSchema.drop(connection, schema: configuration.schema, logger: logger)
        }
    }

    /// Runs one statement and returns the first column of every row as text (diagnostics in tests).
    static func texts(url: String, sql: String) async throws -> [String] {
        try await withConnection(url: url) { connection, logger in
            var result: [String] = []
            for try await text in try await connection.queryUnlessClosed(PostgresQuery(unsafeSQL: sql), logger: logger)
                .decode(String.self) {
                result.append(text)
            }
            return result
        }
    }

    private static func withConnection<Result: Sendable>(
        url: String, _ body: (PostgresConnection, Logger) async throws -> Result
    ) async throws -> Result {
        let configuration = try PostgresLedgerConfiguration(url: url, schema: "corridor")
        let logger = Logger(label: "corridor.ledger.postgres.admin", factory: { _ in SwiftLogNoOpLogHandler() })
        do {
            let connection = try await PostgresConnection.connect(
                configuration: try configuration.connectionConfiguration(), id: 0, logger: logger
            )
            do {
                let result = try await body(connection, logger)
                try? await connection.close()
                return result
            } catch {
                try? await connection.close()
                throw error
            }
        } catch {
            throw PostgresLedgerErrors.ledgerError(error, doing: "administration", endpoint: configuration.endpointDescription)
        }
    }
}
