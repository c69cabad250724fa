/// `corridor-bench ledger`. Filled in by the ledger work.
enum LedgerSuite {
    static func run(_ options: BenchOptions) async throws {}
}
