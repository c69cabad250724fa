#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// `corridor-bench gateway` (issue 5 §5): payments end to end through `Gateway.submit` on the in-memory and the
/// SQLite ledger (GatewayPaymentBench.swift), pacs.008 writing (GatewayPacs008Bench.swift), screening + quoting
/// alone for context (GatewayScreenQuoteBench.swift) and the netting of a million clearing items
/// (GatewayClearingBench.swift).
///
/// Metric names: `memory_payments_per_s`, `sqlite_payments_per_s` (with `fsync_ms` beside it: 4 KiB write + fsync
/// in the directory holding the SQLite file, median of 50, also printed first on its own line), `pacs008_per_s`,
/// `screen_quote_per_s`, `clearing_1m_s`. `--quick` runs a tenth of every count. The SQLite file goes to
/// `CORRIDOR_BENCH_DIR` or the temporary directory. `CORRIDOR_BENCH_GATEWAY` (a comma-separated subset of
/// `memory,sqlite,pacs008,screen,clearing`, default all) picks the parts measured and
/// `CORRIDOR_BENCH_GATEWAY_IN_FLIGHT` (default 256) the payments in flight and `CORRIDOR_BENCH_GATEWAY_PAYMENTS` the
/// payments in a timed round, for profiling one configuration.
enum GatewaySuite {
    static func run(_ options: BenchOptions) async throws {
        let parts = selectedParts
        let directory = try makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var fsyncMs: Double?
        if parts.contains("sqlite") {
            let flush = try FlushTimer.medianMs(in: directory, samples: options.quick ? 10 : 50)
            MetricLine(suite: "gateway", metric: "fsync_ms", value: flush, unit: "ms", fsyncMs: flush,
                       note: "4 KiB write + fsync, median").emit()
            fsyncMs = flush
        }
        if parts.contains("memory") {
            try await GatewayPaymentBench.run(.memory, directory: directory, fsyncMs: nil, options: options)
        }
        if parts.contains("sqlite") {
            try await GatewayPaymentBench.run(.sqlite, directory: directory, fsyncMs: fsyncMs, options: options)
        }
        if parts.contains("pacs008") { try await GatewayPacs008Bench.run(options) }
        if parts.contains("screen") { try GatewayScreenQuoteBench.run(options) }
        if parts.contains("clearing") { try GatewayClearingBench.run(options) }
    }

    /// The parts `CORRIDOR_BENCH_GATEWAY` names, or all.
    private static var selectedParts: Set<String> {
        guard let list = ProcessInfo.processInfo.environment["CORRIDOR_BENCH_GATEWAY"], !list.isEmpty else {
            return ["memory", "sqlite", "pacs008", "screen", "clearing"]
        }
        return Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    }

    private static func makeDirectory() throws -> URL {
        let base = ProcessInfo.processInfo.environment["CORRIDOR_BENCH_DIR"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory
        let directory = base.appendingPathComponent("corridor-bench-gateway-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// A bench precondition that failed: the figures would not mean what they say.
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
