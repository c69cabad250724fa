import CorridorGateway
import CorridorGatewayPostgres
import CorridorGatewaySQLite
import Foundation
import Testing

/// The PostgreSQL the tests use: `CORRIDOR_POSTGRES_URL` (`eval "$(Tools/postgres-test-cluster.sh start)"`).
/// Without it the PostgreSQL cases are skipped, except in CI (`CI` set), where they fail instead.
enum PostgresTestDatabase {
    static let url: String? = {
        let value = ProcessInfo.processInfo.environment["CORRIDOR_POSTGRES_URL"] ?? ""
        return value.isEmpty ? nil : value
    }()

    static let isCI = !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty

    /// True when the PostgreSQL cases run (and fail for want of a URL in CI).
    static var isEnabled: Bool { url != nil || isCI }

    /// The URL, or a failure naming the variable.
    static func requireURL() throws -> String {
        try #require(url, "CORRIDOR_POSTGRES_URL must be set in CI")
    }

    /// A schema no other test uses.
    static func randomSchema(_ prefix: String) -> String {
        "\(prefix)_\(UInt64.random(in: 0...UInt64.max))"
    }
}

/// One implementation of ``PaymentStore`` the conformance suite runs against.
enum PaymentStoreUnderTest: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case memory, sqlite, postgres

    /// Every store: memory, SQLite, and PostgreSQL when configured (or in CI).
    static var all: [PaymentStoreUnderTest] { durable + [.memory] }
    /// The stores that write records down (and so refuse card data).
    static var durable: [PaymentStoreUnderTest] { PostgresTestDatabase.isEnabled ? [.sqlite, .postgres] : [.sqlite] }

    var testDescription: String { rawValue }

    /// Runs `body` with a new, empty store of this kind, then removes it (the file, the schema).
    func with<Result>(_ body: (any PaymentStore) async throws -> Result) async throws -> Result {
        switch self {
        case .memory:
            return try await body(InMemoryPaymentStore())
        case .sqlite:
            let directory = try TemporaryDirectory()
            let result = try await body(try SQLitePaymentStore(path: directory.databasePath))
            withExtendedLifetime(directory) {}
            return result
        case .postgres:
            let store = try await PostgresPaymentStore.connect(
                url: try PostgresTestDatabase.requireURL(), schema: PostgresTestDatabase.randomSchema("payments"))
            do {
                let result = try await body(store)
                try await store.dropSchemaAndShutdown()
                return result
            } catch {
                try? await store.dropSchemaAndShutdown()
                throw error
            }
        }
    }

    /// The error this store throws for a card request still holding `field`.
    func cardDataRefused(id: String, field: Int) -> any Error & Equatable {
        switch self {
        case .memory: StoredPaymentColumnsError.cardDataRefused(id: id, field: field)
        case .sqlite: SQLitePaymentStoreError.cardDataRefused(id: id, field: field)
        case .postgres: PostgresPaymentStoreError.cardDataRefused(id: id, field: field)
        }
    }
}
