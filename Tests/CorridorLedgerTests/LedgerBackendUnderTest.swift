import CorridorCore
import CorridorLedger
import CorridorLedgerPostgres
import CorridorLedgerSQLite
import Foundation

/// The settlement backends the conformance suite runs against, each made fresh and empty for one case.
enum LedgerBackendUnderTest: String, CaseIterable, Sendable, CustomStringConvertible {
    /// `InMemorySettlementBackend`.
    case memory
    /// `SQLiteSettlementBackend` on a new temporary file, `synchronous=FULL`.
    case sqlite
    /// `PostgresSettlementBackend` on `CORRIDOR_POSTGRES_URL`, in a new schema per case.
    case postgres

    /// A backend made for one case, and how to dispose of it afterwards.
    struct Instance: Sendable {
        /// The fresh, empty backend.
        let backend: any SettlementBackend
        /// Closes connections and removes what the case left behind. Never throws: cleanup is best effort.
        let tearDown: @Sendable () async -> Void
    }

    var description: String { rawValue }

    /// The PostgreSQL URL the tests use, or nil when `CORRIDOR_POSTGRES_URL` is unset or empty.
    static var postgresURL: String? {
        guard let url = ProcessInfo.processInfo.environment["CORRIDOR_POSTGRES_URL"], !url.isEmpty else { return nil }
        return url
    }

    /// True when running in CI (`CI` set and non-empty), where PostgreSQL must be configured.
    static var isCI: Bool {
        guard let value = ProcessInfo.processInfo.environment["CI"] else { return false }
        return !value.isEmpty
    }

    /// Makes a fresh, empty backend that reads time from `clock`.
    /// - Throws: whatever the backend's initializer throws (`LedgerError`), or a missing-URL error for PostgreSQL.
    func make(clock: SimulatedWallClock) async throws -> Instance {
        switch self {
        case .memory:
            return Instance(backend: InMemorySettlementBackend(clock: clock), tearDown: {})
        case .sqlite:
            let path = FileManager.default.temporaryDirectory
                .appendingPathComponent("corridor-ledger-\(UUID().uuidString.lowercased()).sqlite").path
            let backend = try SQLiteSettlementBackend(path: path, durability: .full, clock: clock)
            return Instance(backend: backend, tearDown: {
                for suffix in ["", "-wal", "-shm", "-journal"] {
                    try? FileManager.default.removeItem(atPath: path + suffix)
                }
            })
        case .postgres:
            guard let url = Self.postgresURL else {
                throw LedgerError.invalidConfiguration("CORRIDOR_POSTGRES_URL is not set")
            }
            let backend = try await PostgresSettlementBackend.connect(url: url, schema: Self.randomSchema(), clock: clock)
            // The backend offers no way to drop its schema; each case's schema stays in the throwaway cluster.
            return Instance(backend: backend, tearDown: { await backend.shutdown() })
        }
    }

    /// "t_" and 16 random lowercase hex digits: a schema name no other case uses.
    static func randomSchema() -> String {
        var generator = SystemRandomNumberGenerator()
        let value = generator.next() as UInt64
        let hex = String(value, radix: 16)
        return "t_" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
