import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `corridor-bench scenario` (issue 7 §5): `time corridor simulate` of the Beijing sample scaled to 1,000,000
/// payments (`--payments`), in memory and on SQLite, each run a separate `corridor` process (the release build beside
/// this executable) so its peak resident memory is its own (`wait4`'s `ru_maxrss`).
///
/// Metrics: `simulate_1m_memory_s`, `simulate_1m_sqlite_s` (with `fsync_ms`; simulate commits at NORMAL),
/// `simulate_1m_peak_rss_mb` (the SQLite run, which streams; the in-memory ledger holds every transfer by design, so
/// its peak is given in the note).
/// `CORRIDOR_BENCH_SCENARIO_PAYMENTS` sets a smaller count (`--quick`: 20,000); the note then says the count, and the
/// figures are not the 1M ones. `CORRIDOR_BENCH_SCENARIO` (a comma-separated subset of `memory,sqlite`) picks the runs.
enum ScenarioSuite {
    static let fullCount = 1_000_000
    /// Payments per tourist in a scaled run (the sample's day has 0.8; a scaled day five, all affordable).
    static let paymentsPerTourist = 5

    /// What one run took.
    struct Measurement {
        let seconds: Double
        let peakRSSMegabytes: Double
        let status: Int32
    }

    static func run(_ options: BenchOptions) async throws {
        let environment = ProcessInfo.processInfo.environment
        let payments =
            environment["CORRIDOR_BENCH_SCENARIO_PAYMENTS"].flatMap(Int.init) ?? (options.quick ? 20_000 : fullCount)
        let parts =
            environment["CORRIDOR_BENCH_SCENARIO"].map { Set($0.split(separator: ",").map(String.init)) } ?? [
                "memory", "sqlite",
            ]
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
            .appendingPathComponent("corridor").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            FileHandleOutput.standardError(
                "corridor-bench scenario: \(binary) is missing; "
                    + "build it too: swift build -c release --product corridor\n"
            )
            throw BenchScenarioError.binaryMissing
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let sample = root.appendingPathComponent("Samples/scenarios/russian-tourists-beijing.yaml").path
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "corridor-bench-scenario-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let scale = payments == fullCount ? "" : " (\(payments) payments, not 1,000,000)"
        // The population grows with the traffic (`--tourists`): five payments per tourist in the day, within the
        // sample's balances. The sample's own 500 tourists would run out of money, and nearly every payment of a
        // million would be a decline.
        let tourists = max(1_000, payments / paymentsPerTourist)

        var memoryPeak: Double?
        if parts.contains("memory") {
            let memory = try measure(
                binary,
                [
                    "simulate", sample, "--payments", String(payments), "--tourists", String(tourists),
                    "--backend", "memory",
                    "--out", directory.appendingPathComponent("memory").path,
                ])
            memoryPeak = memory.peakRSSMegabytes
            MetricLine(
                suite: "scenario", metric: "simulate_1m_memory_s", value: round(memory.seconds), unit: "s",
                note:
                    "Beijing sample, \(tourists) tourists, in-memory ledger, exit \(memory.status), "
                    + "peak RSS \(Int(memory.peakRSSMegabytes)) MB\(scale)"
            ).emit()
        }
        if parts.contains("sqlite") {
            let fsyncMs = try FlushTimer.medianMs(in: directory, samples: 20)
            let sqlite = try measure(
                binary,
                [
                    "simulate", sample, "--payments", String(payments), "--tourists", String(tourists),
                    "--backend",
                    "sqlite:" + directory.appendingPathComponent("run.sqlite").path,
                    "--out", directory.appendingPathComponent("sqlite").path,
                ])
            MetricLine(
                suite: "scenario", metric: "simulate_1m_sqlite_s", value: round(sqlite.seconds), unit: "s",
                fsyncMs: fsyncMs,
                note: "Beijing sample, \(tourists) tourists, SQLite ledger (synchronous=NORMAL, simulate's default), "
                    + "exit \(sqlite.status)\(scale)"
            ).emit()
            MetricLine(
                suite: "scenario", metric: "simulate_1m_peak_rss_mb", value: round(sqlite.peakRSSMegabytes), unit: "MB",
                note: "the SQLite run" + (memoryPeak.map { "; the in-memory run peaked at \(Int($0)) MB" } ?? "")
                    + scale
            ).emit()
        }
    }

    /// Runs a process to its end and measures its wall time and peak resident memory.
    static func measure(_ path: String, _ arguments: [String]) throws -> Measurement {
        var pid: pid_t = 0
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let started = ContinuousClock.now
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchScenarioError.spawnFailed(spawned) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        // Linux reports ru_maxrss in kilobytes.
        return Measurement(
            seconds: seconds, peakRSSMegabytes: Double(usage.ru_maxrss) / 1024, status: (status >> 8) & 0xFF)
    }

    static func round(_ value: Double) -> Double { (value * 10).rounded() / 10 }
}

/// Why the scenario suite could not measure.
enum BenchScenarioError: Error {
    case binaryMissing
    case spawnFailed(Int32)
}
