import CorridorCore
import CorridorLedger
import CorridorLedgerSQLite
import Foundation
import Synchronization
import Testing

/// Issue 3 §4, "nothing lost": `corridor ledger crash-writer` posts batches of two-leg transfers to a SQLite file and
/// prints each committed id; this test kills it with SIGKILL at seeded random moments, restarts it, and finally
/// checks that every acknowledged transfer is present exactly once, nothing is half-applied and the ledger balances.
///
/// Needs the built `corridor` binary (the test script runs `swift build` before `swift test`).
@Suite("SQLite crash test", .serialized)
struct SQLiteCrashTests {
    /// How many times the writer is killed.
    private static let killCount = 24
    /// The most time one run may take to print its first id before the test gives up (a hang, not a measurement).
    private static let firstOutputWaitMaxSeconds = 60.0
    private static let accountCount = 50
    private static let writerSeed: UInt64 = 7

    @Test func everyAcknowledgedTransferSurvivesSIGKILL() async throws {
        let binary = try #require(Self.corridorBinary(), """
            the corridor binary was not found under .build; run `swift build` before `swift test`
            """)
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("corridor-crash-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("crash.sqlite").path

        var random = SeededRandom(seed: 20_261_123)
        var acknowledged: [String] = []
        for run in 0..<Self.killCount {
            let output = try await Self.runAndKill(
                binary: binary, path: path, delayMs: UInt64.random(in: 0...120, using: &random)
            )
            #expect(!output.isEmpty, "run \(run) acknowledged nothing before it was killed")
            acknowledged += output
        }

        let ledger = try SQLiteSettlementBackend(path: path)
        let uniqueIDs = Set(acknowledged)
        let ids = try uniqueIDs.map { text in try #require(TransferID(string: text), "bad id line \(text)") }
        #expect(uniqueIDs.count > Self.killCount)
        var found: [TransferRecord] = []
        for start in stride(from: 0, to: ids.count, by: 1000) {
            found += try await ledger.lookup(transfers: Array(ids[start..<min(start + 1000, ids.count)]))
        }
        #expect(found.count == ids.count, "acknowledged transfers missing after SIGKILL")
        // Exactly once: every record in the file has its own id, and each acknowledged id is among them.
        var seen = Set<TransferID>()
        var sequence: UInt64?
        var recordCount = 0
        while true {
            let page = try await ledger.allTransfers(after: sequence, limit: 1000)
            guard let last = page.last else { break }
            for record in page {
                #expect(seen.insert(record.transfer.id).inserted, "transfer \(record.transfer.id) stored twice")
                #expect(record.appliedLegs.count == 2, "transfer \(record.transfer.id) half-applied")
            }
            recordCount += page.count
            sequence = last.sequence
        }
        #expect(ids.allSatisfy { seen.contains($0) })
        let verification = try await ledger.verify()
        #expect(verification.problems == [], "balances differ from postings after SIGKILL")
        #expect(verification.transferCount == recordCount)
        #expect(verification.isBalanced)
    }

    /// Starts the writer, waits until it acknowledged something, waits `delayMs` more, kills it with SIGKILL and
    /// returns the ids it printed as complete lines.
    private static func runAndKill(binary: URL, path: String, delayMs: UInt64) async throws -> [String] {
        let process = Process()
        process.executableURL = binary
        process.arguments = [
            "ledger", "crash-writer", "--backend", "sqlite:\(path)", "--accounts", String(accountCount),
            "--seed", String(writerSeed), "--batch", "50",
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        let collector = OutputCollector()
        try process.run()
        let reader = pipe.fileHandleForReading
        collector.startReading(reader)

        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(firstOutputWaitMaxSeconds)
        while !collector.hasCompleteLine, process.isRunning, clock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        try await Task.sleep(for: .milliseconds(delayMs))
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        // Poll rather than block: the blocking waits would hold one of the few cooperative threads.
        while process.isRunning || !collector.reachedEnd {
            try await Task.sleep(for: .milliseconds(5))
        }
        return collector.completeLines
    }

    /// `.build/debug/corridor` (or under the triple directory) relative to the package root.
    private static func corridorBinary() -> URL? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var candidates = [root.appendingPathComponent(".build/debug/corridor")]
        let build = root.appendingPathComponent(".build")
        if let entries = try? FileManager.default.contentsOfDirectory(atPath: build.path) {
            for entry in entries.sorted() {
                candidates.append(build.appendingPathComponent(entry).appendingPathComponent("debug/corridor"))
            }
        }
        // Beside the test bundle (a custom --build-path).
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        candidates.append(bundle.appendingPathComponent("corridor"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}

/// Collects a child's standard output on its own thread (its reads block) until end of file.
private final class OutputCollector: Sendable {
    private let buffer = Mutex(Data())
    private let ended = Mutex(false)

    /// Starts reading `handle` until end of file, on a new thread.
    func startReading(_ handle: FileHandle) {
        let thread = Thread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                buffer.withLock { $0.append(chunk) }
            }
            ended.withLock { $0 = true }
        }
        thread.start()
    }

    /// True once the child closed its end of the pipe (it exited).
    var reachedEnd: Bool { ended.withLock { $0 } }

    var hasCompleteLine: Bool { buffer.withLock { $0.contains(0x0A) } }

    /// The lines that ended with a newline; a partial last line was not fully acknowledged and is dropped.
    var completeLines: [String] {
        buffer.withLock { data in
            guard let lastNewline = data.lastIndex(of: 0x0A) else { return [] }
            return String(decoding: data[data.startIndex..<lastNewline], as: UTF8.self)
                .split(separator: "\n").map(String.init)
        }
    }
}
