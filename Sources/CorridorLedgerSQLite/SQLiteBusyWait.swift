import Foundation
import GRDB

/// How a connection waits for another connection's write lock on the same file: short sleeps that grow from 20 µs to
/// 1 ms, until ``totalSleepMicroseconds(afterTries:)`` reaches the timeout.
///
/// SQLite's own `busy_timeout` sleeps 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100 ms between tries. The ledger, the
/// payment store and the HTTP key-value table share one file from one process, each commit holds the lock for well
/// under a millisecond, so those coarse sleeps made a waiting writer idle for many commits' worth of time (the long
/// tail of `POST /payments` on SQLite). The timeout, and the error when it runs out, are unchanged.
public enum SQLiteBusyWait {
    /// The sleep before retry number `tries` (0-based): 20 µs doubling to 1 ms.
    static func sleepMicroseconds(beforeTry tries: Int) -> Int {
        tries >= 6 ? 1000 : min(1000, 20 << tries)
    }

    /// The time slept after `tries` retries.
    static func totalSleepMicroseconds(afterTries tries: Int) -> Int {
        var total = 0
        for index in 0..<min(tries, 6) { total += sleepMicroseconds(beforeTry: index) }
        return total + max(0, tries - 6) * 1000
    }

    /// The busy mode for a configuration: wait up to `timeoutSeconds` in short sleeps, then fail with `SQLITE_BUSY`.
    /// - Parameters:
    ///   - timeoutSeconds: the longest a write waits for the lock; positive.
    public static func mode(timeoutSeconds: TimeInterval) -> Database.BusyMode {
        let budget = Int(timeoutSeconds * 1_000_000)
        return .callback { tries in
            guard totalSleepMicroseconds(afterTries: tries) < budget else { return false }
            usleep(UInt32(sleepMicroseconds(beforeTry: tries)))
            return true
        }
    }
}
