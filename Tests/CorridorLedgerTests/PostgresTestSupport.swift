import CorridorCore
import CorridorLedger
import Foundation
import Testing

@testable import CorridorLedgerPostgres

/// Where the PostgreSQL tests find their server: `CORRIDOR_POSTGRES_URL` (see `Tools/postgres-test-cluster.sh`).
///
/// Outside CI a missing URL skips the PostgreSQL tests; in CI (`CI` set) they run and fail on the missing URL, so the
/// suite never passes there by skipping itself.
enum PostgresTestEnvironment {
    static let url: String? = {
        let value = ProcessInfo.processInfo.environment["CORRIDOR_POSTGRES_URL"] ?? ""
        return value.isEmpty ? nil : value
    }()

    static let isCI: Bool = !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty

    /// Whether PostgreSQL tests run: when a URL is set, or in CI (where they then fail).
    static let shouldRun = url != nil || isCI

    /// The URL, or a failure explaining how to provide one.
    static func requireURL() throws -> String {
        guard let url else {
            throw PostgresTestSetupError(
                "CORRIDOR_POSTGRES_URL is not set but CI is: the PostgreSQL suite must not skip in CI. Start a cluster "
                    + "with `eval \"$(Tools/postgres-test-cluster.sh start)\"` before `swift test`."
            )
        }
        return url
    }

    /// A fresh schema name nobody else uses.
    static func randomSchema(_ prefix: String = "t") -> String {
        "\(prefix)_\(UInt64.random(in: 0...UInt64.max))"
    }

    /// Connects a backend to a fresh random schema.
    static func makeBackend(
        schema: String = randomSchema(), clock: any WallClock = SystemWallClock(), poolSize: Int = 4
    ) async throws -> PostgresSettlementBackend {
        try await PostgresSettlementBackend.connect(url: try requireURL(), schema: schema, clock: clock, poolSize: poolSize)
    }

    /// `url` with its database replaced.
    static func url(_ url: String, database: String) throws -> String {
        guard var components = URLComponents(string: url) else {
            throw PostgresTestSetupError("CORRIDOR_POSTGRES_URL is not a URL")
        }
        components.path = "/" + database
        guard let result = components.string else { throw PostgresTestSetupError("cannot rebuild the URL") }
        return result
    }

    /// Creates a throwaway database, runs `body` with its URL, and drops it afterwards (also on failure).
    static func withScratchDatabase<Result: Sendable>(
        _ body: (String) async throws -> Result
    ) async throws -> Result {
        let base = try requireURL()
        let name = randomSchema("corridor_scratch")
        try await PostgresLedgerAdmin.createDatabase(url: base, name: name)
        let scratchURL = try url(base, database: name)
        do {
            let result = try await body(scratchURL)
            try await PostgresLedgerAdmin.dropDatabase(url: base, name: name)
            return result
        } catch {
            try? await PostgresLedgerAdmin.dropDatabase(url: base, name: name)
            throw error
        }
    }
}

/// A PostgreSQL test could not be set up (no URL in CI, no binary): says what to do.
struct PostgresTestSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A seeded generator for reproducible kill moments and workloads (SplitMix64).
struct PostgresTestRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
