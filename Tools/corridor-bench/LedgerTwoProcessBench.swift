import CorridorCore
import CorridorLedger
import CorridorLedgerPostgres
import CorridorTesting
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `postgres_transfers_per_s_2proc` (issue 3 §5): two `corridor-bench` processes, each with its own connection pool,
/// post to the same accounts of one PostgreSQL schema at the same time, as two gateway processes would.
///
/// The parent creates the schema and the accounts, then starts two copies of its own executable as workers
/// (`CORRIDOR_BENCH_LEDGER_WORKER=postgres` in their environment). Each worker connects, generates its batches (its
/// own transfer ids), posts a warm-up tenth, prints `ready`, waits for `go` on its standard input, posts the rest and
/// prints `done COMMITTED`. The parent starts the clock when it has told both to go and stops it when both are done,
/// so the figure is the two processes' combined throughput over the time both were posting.
enum LedgerTwoProcessBench {
    /// The environment variable that turns a `corridor-bench ledger` process into a worker.
    static let workerVariable = "CORRIDOR_BENCH_LEDGER_WORKER"
    /// The most batches one worker posts (a named limit for the worker's loop).
    static let batchCountMax = 100_000

    /// Measures the two processes' combined transfers per second on `schema`, whose accounts exist.
    static func measure(
        url: String, schema: String, accountCount: Int, batchSize: Int, batchCount: Int
    ) throws -> (transfersPerSecond: Double, committed: Int) {
        let workers = try (0..<2).map { index in
            try Worker(url: url, schema: schema, index: index, accountCount: accountCount, batchSize: batchSize,
                       batchCount: batchCount)
        }
        defer { for worker in workers { worker.terminate() } }
        for worker in workers { try worker.expectLine("ready") }
        let clock = ContinuousClock()
        let start = clock.now
        for worker in workers { try worker.send("go") }
        var committed = 0
        for worker in workers {
            let line = try worker.readLine()
            guard line.hasPrefix("done "), let count = Int(line.dropFirst(5)) else {
                throw WorkerError("a worker answered \"\(line)\" instead of done")
            }
            committed += count
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        for worker in workers { worker.waitForExit() }
        return (Double(committed) / seconds, committed)
    }

    /// The worker's side: runs when ``workerVariable`` is set, instead of the suite.
    static func runWorker() async throws {
        let environment = ProcessInfo.processInfo.environment
        guard let url = environment["CORRIDOR_POSTGRES_URL"], let schema = environment["CORRIDOR_BENCH_WORKER_SCHEMA"],
              let index = environment["CORRIDOR_BENCH_WORKER_INDEX"].flatMap(UInt64.init),
              let accountCount = environment["CORRIDOR_BENCH_WORKER_ACCOUNTS"].flatMap(Int.init),
              let batchSize = environment["CORRIDOR_BENCH_WORKER_BATCH"].flatMap(Int.init),
              let batchCount = environment["CORRIDOR_BENCH_WORKER_BATCHES"].flatMap(Int.init),
              (1...batchCountMax).contains(batchCount)
        else {
            throw WorkerError("worker environment incomplete")
        }
        let backend = try await PostgresSettlementBackend.connect(url: url, schema: schema, poolSize: 2)
        do {
            var workload = LedgerWorkload(
                accountCount: accountCount, seed: 50 + index,
                transferIDHigh: LedgerWorkload.defaultTransferIDHigh + 0x200 + index
            )
            let warmUp = max(2, batchCount / 10)
            let batches = workload.nextBatches(count: warmUp + batchCount, size: batchSize)
            for batch in batches.prefix(warmUp) { _ = try await backend.post(batch) }
            say("ready")
            guard Swift.readLine() == "go" else { throw WorkerError("no go") }
            var committed = 0
            for batch in batches.dropFirst(warmUp) {
                let outcomes = try await backend.post(batch)
                precondition(outcomes.allSatisfy(\.isCommitted), "every bench transfer commits")
                committed += outcomes.count
            }
            say("done \(committed)")
            await backend.shutdown()
        } catch {
            await backend.shutdown()
            throw error
        }
    }

    private static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    struct WorkerError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// A worker process and the pipes to it.
    private final class Worker {
        private let process = Process()
        private let input = Pipe()
        private let output = Pipe()

        init(url: String, schema: String, index: Int, accountCount: Int, batchSize: Int, batchCount: Int) throws {
            process.executableURL = Self.executable
            process.arguments = ["ledger"]
            var environment = ProcessInfo.processInfo.environment
            environment[LedgerTwoProcessBench.workerVariable] = "postgres"
            environment["CORRIDOR_POSTGRES_URL"] = url
            environment["CORRIDOR_BENCH_WORKER_SCHEMA"] = schema
            environment["CORRIDOR_BENCH_WORKER_INDEX"] = String(index)
            environment["CORRIDOR_BENCH_WORKER_ACCOUNTS"] = String(accountCount)
            environment["CORRIDOR_BENCH_WORKER_BATCH"] = String(batchSize)
            environment["CORRIDOR_BENCH_WORKER_BATCHES"] = String(batchCount)
            process.environment = environment
            process.standardInput = input
            process.standardOutput = output
            try process.run()
        }

        /// This executable (workers are copies of it).
        private static var executable: URL {
            #if os(Linux)
            URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            #else
            Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
            #endif
        }

        func send(_ line: String) throws {
            try input.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8))
        }

        /// The next line the worker prints (at most 4 KiB; the worker prints short lines).
        func readLine() throws -> String {
            var bytes: [UInt8] = []
            let handle = output.fileHandleForReading
            while bytes.count < 4096 {
                guard let byte = try handle.read(upToCount: 1)?.first else {
                    throw WorkerError("a worker exited early (status \(process.isRunning ? -1 : process.terminationStatus))")
                }
                if byte == UInt8(ascii: "\n") { break }
                bytes.append(byte)
            }
            return String(decoding: bytes, as: UTF8.self)
        }

        func expectLine(_ expected: String) throws {
            let line = try readLine()
            guard line == expected else { throw WorkerError("a worker answered \"\(line)\" instead of \(expected)") }
        }

        func waitForExit() { process.waitUntilExit() }

        func terminate() {
            if process.isRunning { process.terminate() }
        }
    }
}
