@testable import CorridorLedgerSQLite
import Foundation
import GRDB
import Testing

/// ``SQLiteBusyWait``: a writer waits for another connection's write lock in short sleeps, gets it once it is free,
/// and gives up with `SQLITE_BUSY` when the timeout has been slept. The connections block, so each scenario runs on
/// threads of its own, never on the concurrency pool the other tests share.
@Suite struct SQLiteBusyWaitTests {
    private func scratchFile() -> String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("busy-wait-\(UUID().uuidString).sqlite").path
    }

    private static func open(_ path: String, timeoutSeconds: TimeInterval) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = SQLiteBusyWait.mode(timeoutSeconds: timeoutSeconds)
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
        return queue
    }

    /// Runs `body` on a new thread and waits for it without blocking a pool thread.
    private static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }

    /// Holds the write lock on `path` (one row inserted, uncommitted) from another thread until `release` is
    /// signalled or `holdSeconds` pass; returns once the lock is held, with a semaphore signalled when it commits.
    private static func holdWriteLock(
        _ holder: DatabaseQueue, release: DispatchSemaphore, holdSeconds: TimeInterval
    ) -> DispatchSemaphore {
        let locked = DispatchSemaphore(value: 0)
        let committed = DispatchSemaphore(value: 0)
        Thread {
            try? holder.inTransaction(.immediate) { db in
                try db.execute(sql: "INSERT INTO t VALUES (1)")
                locked.signal()
                _ = release.wait(timeout: .now() + holdSeconds)
                return .commit
            }
            committed.signal()
        }.start()
        locked.wait()
        return committed
    }

    @Test func aWriterGetsTheLockOnceTheHolderCommits() async throws {
        let path = scratchFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let values = try await Self.onThread {
            let holder = try Self.open(path, timeoutSeconds: 10)
            try holder.write { db in try db.execute(sql: "CREATE TABLE t (v INTEGER NOT NULL)") }
            let waiter = try Self.open(path, timeoutSeconds: 10)
            let committed = Self.holdWriteLock(holder, release: DispatchSemaphore(value: 0), holdSeconds: 0.2)
            // Meets the holder's lock (SQLITE_BUSY inside), retries, and commits after it.
            try waiter.write { db in try db.execute(sql: "INSERT INTO t VALUES (2)") }
            committed.wait()
            return try waiter.read { db in try Int.fetchAll(db, sql: "SELECT v FROM t ORDER BY rowid") }
        }
        #expect(values == [1, 2])
    }

    @Test func aWriterGivesUpWithBusyAfterItsTimeout() async throws {
        let path = scratchFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (code, values) = try await Self.onThread { () -> (ResultCode?, [Int]) in
            let holder = try Self.open(path, timeoutSeconds: 10)
            try holder.write { db in try db.execute(sql: "CREATE TABLE t (v INTEGER NOT NULL)") }
            let waiter = try Self.open(path, timeoutSeconds: 0.02)
            let release = DispatchSemaphore(value: 0)
            let committed = Self.holdWriteLock(holder, release: release, holdSeconds: 60)
            var code: ResultCode?
            do {
                try waiter.write { db in try db.execute(sql: "INSERT INTO t VALUES (2)") }
            } catch let error as DatabaseError {
                code = error.resultCode
            }
            release.signal()
            committed.wait()
            return (code, try waiter.read { db in try Int.fetchAll(db, sql: "SELECT v FROM t") })
        }
        #expect(code == .SQLITE_BUSY)
        #expect(values == [1])
    }

    @Test func theScheduleSleepsShortFirstAndAddsUpToTheTimeout() {
        // 20, 40, 80, 160, 320, 640 µs, then 1 ms per try.
        #expect(SQLiteBusyWait.totalSleepMicroseconds(afterTries: 0) == 0)
        #expect(SQLiteBusyWait.totalSleepMicroseconds(afterTries: 6) == 1260)
        #expect(SQLiteBusyWait.totalSleepMicroseconds(afterTries: 16) == 11260)
        #expect((0..<20).map(SQLiteBusyWait.sleepMicroseconds(beforeTry:)).allSatisfy { (20...1000).contains($0) })
    }
}
