/// `postgres_transfers_per_s` and friends. Filled in by the PostgreSQL backend work.
enum PostgresLedgerBench {
    static func run(_ options: BenchOptions) async throws {}
}
