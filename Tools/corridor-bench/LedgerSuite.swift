import CorridorCore
import CorridorLedger
import CorridorLedgerSQLite
import CorridorTesting
import Foundation

/// `corridor-bench ledger` (issue 3 §5): one-leg (debit + credit, "two-leg" in double-entry terms) transfers between
/// 10,000 accounts from ``LedgerWorkload``, uniform and hot (80% of credits on 1% of the accounts), in batches of
/// 1, 100 and 1000, on the in-memory and the SQLite (`synchronous=FULL`) backends. PostgreSQL is in
/// PostgresLedgerBench.swift.
///
/// Metric names: `{backend}_transfers_per_s`, `{backend}_p50_ms`, `{backend}_p99_ms` (batch latency), with `_hot`
/// appended for the hot mix, and `_b1` / `_b100` for batch sizes other than the headline 1000. `fsync_ms` (4 KiB
/// write + fsync in the directory holding the SQLite files, median of 50) is printed first and beside every SQLite
/// figure. The SQLite files go to `CORRIDOR_BENCH_DIR` or the temporary directory. `CORRIDOR_BENCH_LEDGER` (a comma-
/// separated subset of `memory,sqlite,postgres`, default all) picks the backends measured, and
/// `CORRIDOR_BENCH_LEDGER_BATCH` (e.g. `1000`) the batch sizes, for profiling one configuration.
enum LedgerSuite {
    private static let accountCount = 10_000
    private static var batchSizes: [Int] {
        let all = [1, 100, 1000]
        guard let list = ProcessInfo.processInfo.environment["CORRIDOR_BENCH_LEDGER_BATCH"], !list.isEmpty else { return all }
        let chosen = list.split(separator: ",").compactMap { Int($0) }
        return all.filter(chosen.contains)
    }

    static func run(_ options: BenchOptions) async throws {
        if ProcessInfo.processInfo.environment[LedgerTwoProcessBench.workerVariable] != nil {
            // A copy started by LedgerTwoProcessBench: post and report to the parent, nothing else.
            try await LedgerTwoProcessBench.runWorker()
            return
        }
        let directory = try makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fsyncMs = try FlushTimer.medianMs(in: directory, samples: options.quick ? 10 : 50)
        MetricLine(suite: "ledger", metric: "fsync_ms", value: fsyncMs, unit: "ms", fsyncMs: fsyncMs,
                   note: "4 KiB write + fsync, median").emit()
        let backends = selectedBackends
        for distribution in LedgerWorkload.Distribution.allCases where backends.contains("memory") {
            for batchSize in batchSizes {
                let memory = InMemorySettlementBackend()
                let result = try await measure(memory, distribution: distribution, batchSize: batchSize,
                                               transferCount: transferCount(memory: true, batchSize, options))
                result.emit(backend: "memory", fsyncMs: nil)
            }
        }
        for distribution in LedgerWorkload.Distribution.allCases where backends.contains("sqlite") {
            for batchSize in batchSizes {
                let path = directory.appendingPathComponent("ledger-\(distribution)-\(batchSize).sqlite").path
                let sqlite = try SQLiteSettlementBackend(path: path, durability: .full)
                let result = try await measure(sqlite, distribution: distribution, batchSize: batchSize,
                                               transferCount: transferCount(memory: false, batchSize, options))
                result.emit(backend: "sqlite", fsyncMs: fsyncMs)
            }
        }
        if backends.contains("postgres") { try await PostgresLedgerBench.run(options) }
    }

    /// The backends `CORRIDOR_BENCH_LEDGER` names, or all three.
    private static var selectedBackends: Set<String> {
        guard let list = ProcessInfo.processInfo.environment["CORRIDOR_BENCH_LEDGER"], !list.isEmpty else {
            return ["memory", "sqlite", "postgres"]
        }
        return Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    }

    /// How many transfers one configuration posts: enough for a stable figure, bounded so the suite stays short.
    private static func transferCount(memory: Bool, _ batchSize: Int, _ options: BenchOptions) -> Int {
        let full: Int
        switch (memory, batchSize) {
        case (true, 1): full = 100_000
        case (true, _): full = 1_000_000
        case (false, 1): full = 2_000
        case (false, 100): full = 100_000
        case (false, _): full = 300_000
        }
        return max(batchSize * 10, options.quick ? full / 20 : full)
    }

    /// Creates the accounts, posts a warm-up tenth, then times `transferCount` transfers batch by batch.
    private static func measure(
        _ backend: some SettlementBackend, distribution: LedgerWorkload.Distribution, batchSize: Int,
        transferCount: Int
    ) async throws -> LedgerMeasurement {
        var workload = LedgerWorkload(accountCount: accountCount, distribution: distribution, seed: 3)
        for batch in workload.accountBatches(size: 1000) {
            let outcomes = try await backend.createAccounts(batch)
            precondition(outcomes.allSatisfy { $0 == .created }, "bench accounts are valid")
        }
        let batchCount = max(1, transferCount / batchSize)
        let warmUp = workload.nextBatches(count: max(1, batchCount / 10), size: batchSize)
        for batch in warmUp { _ = try await backend.post(batch) }
        let batches = workload.nextBatches(count: batchCount, size: batchSize)
        var latenciesMs: [Double] = []
        latenciesMs.reserveCapacity(batchCount)
        let clock = ContinuousClock()
        let start = clock.now
        for batch in batches {
            let batchStart = clock.now
            let outcomes = try await backend.post(batch)
            latenciesMs.append(Self.milliseconds(clock.now - batchStart))
            precondition(outcomes.allSatisfy(\.isCommitted), "every bench transfer commits")
        }
        let seconds = Self.milliseconds(clock.now - start) / 1000
        return LedgerMeasurement(
            distribution: distribution, batchSize: batchSize,
            transfersPerSecond: Double(batchCount * batchSize) / seconds, latenciesMs: latenciesMs.sorted()
        )
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    private static func makeDirectory() throws -> URL {
        let base = ProcessInfo.processInfo.environment["CORRIDOR_BENCH_DIR"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory
        let directory = base.appendingPathComponent("corridor-bench-ledger-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}

/// The figures of one backend × mix × batch size.
private struct LedgerMeasurement {
    let distribution: LedgerWorkload.Distribution
    let batchSize: Int
    let transfersPerSecond: Double
    /// Sorted ascending.
    let latenciesMs: [Double]

    func emit(backend: String, fsyncMs: Double?) {
        let suffix = (distribution == .hot ? "_hot" : "") + (batchSize == 1000 ? "" : "_b\(batchSize)")
        let note = "batch=\(batchSize) mix=\(distribution) accounts=10000 batches=\(latenciesMs.count)"
        MetricLine(suite: "ledger", metric: "\(backend)_transfers_per_s\(suffix)", value: transfersPerSecond.rounded(),
                   unit: "1/s", fsyncMs: fsyncMs, note: note).emit()
        MetricLine(suite: "ledger", metric: "\(backend)_p50_ms\(suffix)", value: percentile(0.50), unit: "ms",
                   fsyncMs: fsyncMs, note: note).emit()
        MetricLine(suite: "ledger", metric: "\(backend)_p99_ms\(suffix)", value: percentile(0.99), unit: "ms",
                   fsyncMs: fsyncMs, note: note).emit()
    }

    private func percentile(_ fraction: Double) -> Double {
        guard !latenciesMs.isEmpty else { return 0 }
        let index = min(latenciesMs.count - 1, Int((Double(latenciesMs.count) * fraction).rounded(.up)) - 1)
        return (latenciesMs[max(0, index)] * 1000).rounded() / 1000
    }
}
