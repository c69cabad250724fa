import Foundation
import Logging
import PostgresNIO
import Testing

@testable import CorridorLedgerPostgres

/// A statement sent on a connection that has closed fails; it never waits forever. postgres-nio (1.33.2) loses such a
/// statement (its write fails with no promise to report it) and its `query` never returns: this is what hung
/// `corridor serve` after PostgreSQL restarted under it (a ledger batch sent ROLLBACK on the connection the server had
/// just closed, and every later payment queued behind that batch). Every statement of ours goes through
/// ``PostgresConnection/queryUnlessClosed(_:logger:file:line:)``.
@Suite("PostgreSQL: statements on a closed connection")
struct PostgresClosedConnectionTests {
    static let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    static func connect() async throws -> PostgresConnection {
        let configuration = try PostgresLedgerConfiguration(url: try PostgresTestEnvironment.requireURL(), schema: "t")
        return try await PostgresConnection.connect(
            configuration: try configuration.connectionConfiguration(), id: 1, logger: logger)
    }

    @Test(.enabled(if: PostgresTestEnvironment.shouldRun), .timeLimit(.minutes(1)))
    func aStatementOnAConnectionThatClosedFailsInsteadOfWaitingForever() async throws {
        let connection = try await Self.connect()
        // The connection works, and answers through the guard as it would directly.
        var answers: [Int] = []
        for try await value in try await connection.queryUnlessClosed("SELECT 42", logger: Self.logger).decode(Int.self) {
            answers.append(value)
        }
        #expect(answers == [42])
        try await connection.close()
        #expect(connection.isClosed)

        // The lost statement (postgres-nio's `query` would wait here forever) is reported as such.
        await #expect(throws: PostgresConnectionClosedError.self) {
            try await connection.queryUnlessClosed("ROLLBACK", logger: Self.logger)
        }
    }

    @Test(.enabled(if: PostgresTestEnvironment.shouldRun), .timeLimit(.minutes(1)))
    func aServerErrorComesThroughTheGuardUnchanged() async throws {
        let connection = try await Self.connect()
        defer { Task { [connection] in try? await connection.close() } }
        let error = await #expect(throws: PSQLError.self) {
            try await connection.queryUnlessClosed("SELECT * FROM no_such_table_here", logger: Self.logger)
        }
        #expect(error?.serverInfo?[.sqlState] == "42P01")
        // The connection is still usable afterwards.
        var answers: [Int] = []
        for try await value in try await connection.queryUnlessClosed("SELECT 7", logger: Self.logger).decode(Int.self) {
            answers.append(value)
        }
        #expect(answers == [7])
    }
}
