import CorridorGateway
import CorridorISO20022
import Synchronization

/// Clearing runs by business day, kept so their files can be downloaded; a day not held (another process ran it,
/// or this one restarted) is cleared again, which the gateway guarantees gives the same run.
final class ClearingRunCache: Sendable {
    /// Runs kept, the oldest day dropped first.
    static let countMax = 32
    private let runs = Mutex<[String: ClearingRun]>([:])

    func run(_ date: String) -> ClearingRun? { runs.withLock { $0[date] } }

    func keep(_ run: ClearingRun) {
        runs.withLock { runs in
            runs[run.businessDate.text] = run
            if runs.count > Self.countMax, let oldest = runs.keys.min() { runs[oldest] = nil }
        }
    }
}
