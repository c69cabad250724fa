import CorridorCore
import CorridorLedger
import CorridorLedgerPostgres
import CorridorTesting
import Foundation

/// `corridor-bench ledger`, PostgreSQL part (issue 3 §5): runs when `CORRIDOR_POSTGRES_URL` is set (see
/// `Tools/postgres-test-cluster.sh`), each configuration in a fresh schema that is dropped afterwards.
///
/// One-leg transfers (a debit and a credit) between 10,000 accounts from ``LedgerWorkload``, in batches of 1000,
/// posted one batch at a time by one client:
/// - `postgres_transfers_per_s`, `postgres_p50_ms`, `postgres_p99_ms` (batch latency): uniform mix;
/// - the same with `_hot`: 80% of credits on 1% of the accounts;
/// - `postgres_transfers_per_s_2proc`: two `corridor-bench` processes, each with its own pool, posting concurrently to
///   the same accounts, uniform mix (see ``LedgerTwoProcessBench``);
/// - `postgres_transfers_per_s_2pool`: the same with two backends (two `PostgresClient`s) in this one process.
/// `fsync_ms` (4 KiB write + fsync in the temporary directory, median) is measured in the same run and printed beside
/// every figure; on loopback a commit's WAL flush is the floor of a batch's latency.
enum PostgresLedgerBench {
    private static let accountCount = 10_000
    private static let batchSize = 1000

    static func run(_ options: BenchOptions) async throws {
        guard let url = ProcessInfo.processInfo.environment["CORRIDOR_POSTGRES_URL"], !url.isEmpty else {
            FileHandleOutput.standardError(
                "postgres: CORRIDOR_POSTGRES_URL is not set; skipping (eval \"$(Tools/postgres-test-cluster.sh start)\")\n"
            )
            return
        }
        let fsyncMs = try FlushTimer.medianMs(in: FileManager.default.temporaryDirectory, samples: options.quick ? 10 : 50)
        let batchCount = options.quick ? 10 : 100
        for distribution in LedgerWorkload.Distribution.allCases {
            let result = try await measureOneClient(url: url, distribution: distribution, batchCount: batchCount)
            let suffix = distribution == .hot ? "_hot" : ""
            let note = "batch=\(batchSize) mix=\(distribution) accounts=\(accountCount) batches=\(batchCount) clients=1"
            MetricLine(suite: "ledger", metric: "postgres_transfers_per_s\(suffix)",
                       value: result.transfersPerSecond.rounded(), unit: "1/s", fsyncMs: fsyncMs, note: note).emit()
            MetricLine(suite: "ledger", metric: "postgres_p50_ms\(suffix)", value: result.percentileMs(0.50),
                       unit: "ms", fsyncMs: fsyncMs, note: note).emit()
            MetricLine(suite: "ledger", metric: "postgres_p99_ms\(suffix)", value: result.percentileMs(0.99),
                       unit: "ms", fsyncMs: fsyncMs, note: note).emit()
        }
        let twoProcesses = try await withLedger(url: url, poolSize: 2) { _, schema in
            try LedgerTwoProcessBench.measure(
                url: url, schema: schema, accountCount: accountCount, batchSize: batchSize, batchCount: batchCount
            )
        }
        MetricLine(
            suite: "ledger", metric: "postgres_transfers_per_s_2proc", value: twoProcesses.transfersPerSecond.rounded(),
            unit: "1/s", fsyncMs: fsyncMs,
            note: "batch=\(batchSize) mix=uniform accounts=\(accountCount) batches=\(batchCount)x2 "
                + "processes=2 (corridor-bench workers, a pool of 2 each), same accounts"
        ).emit()
        let twoClients = try await measureTwoClients(url: url, batchCount: batchCount)
        MetricLine(
            suite: "ledger", metric: "postgres_transfers_per_s_2pool", value: twoClients.rounded(), unit: "1/s",
            fsyncMs: fsyncMs,
            note: "batch=\(batchSize) mix=uniform accounts=\(accountCount) batches=\(batchCount)x2 "
                + "clients=2 PostgresClient pools in one process, same accounts"
        ).emit()
    }

    private struct Result {
        let transfersPerSecond: Double
        /// Sorted ascending.
        let latenciesMs: [Double]

        func percentileMs(_ fraction: Double) -> Double {
            guard !latenciesMs.isEmpty else { return 0 }
            let index = min(latenciesMs.count - 1, Int((Double(latenciesMs.count) * fraction).rounded(.up)) - 1)
            return (latenciesMs[max(0, index)] * 1000).rounded() / 1000
        }
    }

    /// A fresh schema with the workload's accounts; `body` runs with it, then the schema is dropped.
    private static func withLedger<T>(
        url: String, poolSize: Int, _ body: (PostgresSettlementBackend, String) async throws -> T
    ) async throws -> T {
        let schema = "bench_\(UInt32.random(in: 0...UInt32.max))"
        let backend = try await PostgresSettlementBackend.connect(url: url, schema: schema, poolSize: poolSize)
        do {
            let workload = LedgerWorkload(accountCount: accountCount, seed: 3)
            for batch in workload.accountBatches(size: batchSize) {
                let outcomes = try await backend.createAccounts(batch)
                precondition(outcomes.allSatisfy { $0 == .created }, "bench accounts are valid")
            }
            let result = try await body(backend, schema)
            try await backend.dropSchemaAndShutdown()
            return result
        } catch {
            try? await backend.dropSchemaAndShutdown()
            throw error
        }
    }

    private static func measureOneClient(
        url: String, distribution: LedgerWorkload.Distribution, batchCount: Int
    ) async throws -> Result {
        try await withLedger(url: url, poolSize: 2) { backend, _ in
            var workload = LedgerWorkload(accountCount: accountCount, distribution: distribution, seed: 3)
            for batch in workload.nextBatches(count: max(2, batchCount / 10), size: batchSize) {
                _ = try await backend.post(batch)
            }
            let batches = workload.nextBatches(count: batchCount, size: batchSize)
            let clock = ContinuousClock()
            var latenciesMs: [Double] = []
            latenciesMs.reserveCapacity(batchCount)
            let start = clock.now
            for batch in batches {
                let batchStart = clock.now
                let outcomes = try await backend.post(batch)
                latenciesMs.append(milliseconds(clock.now - batchStart))
                precondition(outcomes.allSatisfy(\.isCommitted), "every bench transfer commits")
            }
            let seconds = milliseconds(clock.now - start) / 1000
            return Result(transfersPerSecond: Double(batchCount * batchSize) / seconds, latenciesMs: latenciesMs.sorted())
        }
    }

    /// Two backends, each with its own pool, posting `batchCount` batches each to the same accounts at once.
    private static func measureTwoClients(url: String, batchCount: Int) async throws -> Double {
        try await withLedger(url: url, poolSize: 2) { first, schema in
            let second = try await PostgresSettlementBackend.connect(url: url, schema: schema, poolSize: 2)
            do {
                let result = try await postConcurrently(first, second, batchCount: batchCount)
                await second.shutdown()
                return result
            } catch {
                await second.shutdown()
                throw error
            }
        }
    }

    private static func postConcurrently(
        _ first: PostgresSettlementBackend, _ second: PostgresSettlementBackend, batchCount: Int
    ) async throws -> Double {
        var work: [[[Transfer]]] = []
        for (index, seed) in [UInt64(5), 6].enumerated() {
            var workload = LedgerWorkload(
                accountCount: accountCount, seed: seed,
                transferIDHigh: LedgerWorkload.defaultTransferIDHigh + 0x100 + UInt64(index)
            )
            work.append(workload.nextBatches(count: batchCount + max(2, batchCount / 10), size: batchSize))
        }
        let warmUp = max(2, batchCount / 10)
        for (backend, batches) in zip([first, second], work) {
            for batch in batches.prefix(warmUp) { _ = try await backend.post(batch) }
        }
        let clock = ContinuousClock()
        let start = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (backend, batches) in zip([first, second], work) {
                group.addTask {
                    for batch in batches.dropFirst(warmUp) {
                        let outcomes = try await backend.post(batch)
                        precondition(outcomes.allSatisfy(\.isCommitted), "every bench transfer commits")
                    }
                }
            }
            try await group.waitForAll()
        }
        let seconds = milliseconds(clock.now - start) / 1000
        return Double(2 * batchCount * batchSize) / seconds
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }
}
