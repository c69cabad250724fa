import ArgumentParser
import CorridorLedger
import CorridorLedgerPostgres
import CorridorLedgerSQLite

/// Where a command finds the settlement ledger: `sqlite:PATH` (the default, `sqlite:corridor.sqlite`),
/// `postgres:URL` (or a bare `postgres://…` URL), or `memory` (an empty ledger that lives as long as the command).
enum BackendLocation: Sendable, Hashable, CustomStringConvertible, ExpressibleByArgument {
    case sqlite(path: String)
    case postgres(url: String)
    case memory

    /// `sqlite:corridor.sqlite`.
    static let defaultLocation = BackendLocation.sqlite(path: SQLiteSettlementBackend.defaultFileName)

    /// Parses `sqlite:PATH`, `postgres:URL`, `postgres://…`, `postgresql://…` or `memory`; nil for anything else.
    init?(argument: String) {
        if argument == "memory" {
            self = .memory
        } else if argument.hasPrefix("sqlite:") {
            let path = String(argument.dropFirst("sqlite:".count))
            guard !path.isEmpty else { return nil }
            self = .sqlite(path: path)
        } else if argument.hasPrefix("postgres://") || argument.hasPrefix("postgresql://") {
            self = .postgres(url: argument)
        } else if argument.hasPrefix("postgres:") {
            let url = String(argument.dropFirst("postgres:".count))
            guard !url.isEmpty else { return nil }
            self = .postgres(url: url)
        } else {
            return nil
        }
    }

    var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        // The URL may hold a password: describe the kind, never the credentials.
        case .postgres: "postgres"
        case .memory: "memory"
        }
    }

    var defaultValueDescription: String { "sqlite:\(SQLiteSettlementBackend.defaultFileName)" }

    /// Opens the backend, runs `body` with it, then closes it (PostgreSQL connections are shut down even when
    /// `body` throws).
    /// - Throws: ``LedgerError`` when the backend cannot be opened, or whatever `body` throws.
    func withBackend<Result>(
        _ body: (any SettlementBackend) async throws -> Result
    ) async throws -> Result {
        switch self {
        case .sqlite(let path):
            return try await body(try SQLiteSettlementBackend(path: path))
        case .memory:
            return try await body(InMemorySettlementBackend())
        case .postgres(let url):
            let backend = try await PostgresSettlementBackend.connect(url: url)
            do {
                let result = try await body(backend)
                await backend.shutdown()
                return result
            } catch {
                await backend.shutdown()
                throw error
            }
        }
    }
}
