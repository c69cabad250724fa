import CorridorCore
import CorridorLedger
import Foundation
import Testing

@testable import CorridorLedgerPostgres

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Nothing lost (issue 3 §4): `corridor ledger crash-writer` posts batches and prints each acknowledged transfer id;
/// we SIGKILL it at random (seeded) moments and check that every acknowledged id is stored exactly once and that
/// `verify()` holds. Each test uses its own throwaway database, where the writer uses the default schema `corridor`.
@Suite("PostgreSQL crash and multi-process writers", .serialized)
struct PostgresCrashTests {
    /// How many times the single writer is killed.
    static let killCount = 20
    /// The accounts the writers post between.
    static let accountCount = 40
    /// The longest a writer may take to acknowledge its first batch before the test gives up on it (a hang guard,
    /// not a timing assertion).
    static let firstAckWaitMax: Duration = .seconds(120)

    @Test(.enabled(if: PostgresTestEnvironment.shouldRun))
    func killingTheWriterAtRandomMomentsLosesNoAcknowledgedTransfer() async throws {
        let binary = try CrashWriter.binary()
        var random = PostgresTestRandom(seed: 0xC0_2217)
        try await PostgresTestEnvironment.withScratchDatabase { url in
            var acknowledged = Set<TransferID>()
            for round in 0..<Self.killCount {
                let writer = try CrashWriter(binary: binary, url: url, accounts: Self.accountCount, seed: 1000 + UInt64(round))
                try await writer.waitForAcknowledgements(atLeast: 1, within: Self.firstAckWaitMax)
                try await Task.sleep(for: .milliseconds(Int.random(in: 0...400, using: &random)))
                try writer.killNow()
                await writer.waitForExitAndOutput()
                acknowledged.formUnion(writer.acknowledgedIDs())
            }
            #expect(!acknowledged.isEmpty)
            try await Self.checkStoredExactlyOnce(acknowledged, url: url)
        }
    }

    @Test(.enabled(if: PostgresTestEnvironment.shouldRun))
    func twoWritersWithOverlappingIdsAndAccountsLoseNothingAndDoubleSpendNothing() async throws {
        let binary = try CrashWriter.binary()
        try await PostgresTestEnvironment.withScratchDatabase { url in
            var acknowledged = Set<TransferID>()
            for round in 0..<3 {
                // The same seed: both post the same transfer ids between the same accounts.
                let seed = 7000 + UInt64(round)
                let writers = try (0..<2).map { _ in
                    try CrashWriter(binary: binary, url: url, accounts: Self.accountCount, seed: seed)
                }
                for writer in writers { try await writer.waitForAcknowledgements(atLeast: 1, within: Self.firstAckWaitMax) }
                try await Task.sleep(for: .seconds(2))
                for writer in writers { try writer.killNow() }
                for writer in writers {
                    await writer.waitForExitAndOutput()
                    acknowledged.formUnion(writer.acknowledgedIDs())
                }
            }
            #expect(!acknowledged.isEmpty)
            try await Self.checkStoredExactlyOnce(acknowledged, url: url)
        }
    }

    /// Every acknowledged id has exactly one record, no id is stored twice, and the invariants hold (including: no
    /// `debitsMustNotExceedCredits` account over its limit, no half-applied transfer).
    private static func checkStoredExactlyOnce(_ acknowledged: Set<TransferID>, url: String) async throws {
        let backend = try await PostgresSettlementBackend.connect(url: url, schema: "corridor", poolSize: 2)
        var stored: [TransferID: Int] = [:]
        var cursor: UInt64?
        while true {
            let page = try await backend.allTransfers(after: cursor, limit: 5000)
            guard let last = page.last else { break }
            for record in page { stored[record.transfer.id, default: 0] += 1 }
            cursor = last.sequence
        }
        let missing = acknowledged.filter { stored[$0] == nil }
        #expect(missing.isEmpty, "\(missing.count) of \(acknowledged.count) acknowledged transfers are missing")
        let duplicated = stored.filter { $0.value > 1 }
        #expect(duplicated.isEmpty, "\(duplicated.count) transfer ids are stored more than once")
        let found = try await backend.lookup(transfers: Array(acknowledged.prefix(5000)))
        #expect(found.count == min(acknowledged.count, 5000))
        let verification = try await backend.verify()
        #expect(verification.problems == [], "verify: \(verification.problems.prefix(5))")
        await backend.shutdown()
    }
}

/// One `corridor ledger crash-writer` child process, with its output collected in the background.
final class CrashWriter: @unchecked Sendable {
    private let process = Process()
    private let stdout = Pipe()
    private let stderr = Pipe()
    private let lock = NSLock()
    private var outputBytes: [UInt8] = []
    private var errorBytes: [UInt8] = []
    private var outputClosed = false

    /// The `corridor` binary: `CORRIDOR_BINARY`, else `.build/debug/corridor` in the package.
    static func binary(filePath: String = #filePath) throws -> URL {
        if let path = ProcessInfo.processInfo.environment["CORRIDOR_BINARY"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        let root = URL(fileURLWithPath: filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let binary = root.appendingPathComponent(".build/debug/corridor")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw PostgresTestSetupError(
                "the crash test needs the corridor binary at \(binary.path): run `swift build --product corridor` "
                    + "first (or set CORRIDOR_BINARY)"
            )
        }
        return binary
    }

    init(binary: URL, url: String, accounts: Int, seed: UInt64, batch: Int = 100) throws {
        process.executableURL = binary
        process.arguments = [
            "ledger", "crash-writer", "--backend", "postgres:\(url)", "--accounts", String(accounts),
            "--seed", String(seed), "--batch", String(batch),
        ]
        process.standardOutput = stdout
        process.standardError = stderr
        stdout.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self else { return }
            self.lock.withLock {
                if data.isEmpty { self.outputClosed = true } else { self.outputBytes += data }
            }
            if data.isEmpty { handle.readabilityHandler = nil }
        }
        stderr.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self else { return }
            if data.isEmpty {
                handle.readabilityHandler = nil
            } else {
                // Keep the tail only: enough to explain a failure.
                self.lock.withLock { self.errorBytes = Array((self.errorBytes + data).suffix(4096)) }
            }
        }
        try process.run()
    }

    /// The ids on complete lines of standard output (a line cut by the kill is ignored).
    func acknowledgedIDs() -> [TransferID] {
        let bytes = lock.withLock { outputBytes }
        guard let end = bytes.lastIndex(of: UInt8(ascii: "\n")) else { return [] }
        return bytes[..<end].split(separator: UInt8(ascii: "\n")).compactMap { line in
            TransferID(string: String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces))
        }
    }

    var standardErrorTail: String { String(decoding: lock.withLock { errorBytes }, as: UTF8.self) }

    /// Waits until the writer acknowledged `count` transfers; fails when it exits first or takes longer than `limit`.
    func waitForAcknowledgements(atLeast count: Int, within limit: Duration) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while acknowledgedIDs().count < count {
            guard process.isRunning else {
                throw PostgresTestSetupError(
                    "crash-writer exited (status \(process.terminationStatus)) before acknowledging anything: "
                        + standardErrorTail
                )
            }
            guard clock.now < deadline else {
                try? killNow()
                throw PostgresTestSetupError("crash-writer acknowledged nothing within \(limit): \(standardErrorTail)")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// SIGKILL; fails when the writer had already exited by itself (it must run until killed).
    func killNow() throws {
        guard process.isRunning else {
            throw PostgresTestSetupError(
                "crash-writer exited by itself (status \(process.terminationStatus)): \(standardErrorTail)"
            )
        }
        kill(process.processIdentifier, SIGKILL)
    }

    /// Waits for the process to end and for the rest of its output (bounded: a pipe some other process still holds
    /// open would never report its end).
    func waitForExitAndOutput() async {
        while process.isRunning { try? await Task.sleep(for: .milliseconds(5)) }
        for _ in 0..<500 where !lock.withLock({ outputClosed }) {
            try? await Task.sleep(for: .milliseconds(10))
        }
    }
}
