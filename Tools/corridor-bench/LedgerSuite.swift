/// `corridor-bench ledger`: memory and SQLite here; PostgreSQL in PostgresLedgerBench.swift.
enum LedgerSuite {
    static func run(_ options: BenchOptions) async throws {
        try await PostgresLedgerBench.run(options)
    }
}
