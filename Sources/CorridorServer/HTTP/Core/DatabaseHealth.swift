import Logging
import Synchronization

/// Whether the database is reachable now, kept up to date by probing it at a fixed interval; what `/healthz`
/// reports and what ``DatabaseAvailabilityMiddleware`` refuses work by.
///
/// Guarantees: the state turns unavailable at most one interval plus one probe timeout after the database stops
/// answering, and available again after the first probe that succeeds; every waiter of
/// ``waitUntilUnavailable()`` is resumed when it turns unavailable (or at once when it already is).
public final class DatabaseHealth: Sendable {
    /// How the database looked at the last probe.
    public struct State: Sendable, Hashable {
        /// True while the last probe succeeded.
        public var isAvailable: Bool
        /// Why the last probe failed.
        public var reason: String?
    }

    /// What is probed.
    public let probe: any DatabaseProbe
    /// Seconds between probes.
    public let intervalSeconds: Double
    /// Seconds one probe may take before the database counts as gone.
    public let timeoutSeconds: Double
    private let logger: Logger
    /// The state, and the requests waiting for it to turn unavailable (by a number, so a cancelled one is found).
    private let shared = Mutex<(state: State, waiters: [UInt64: CheckedContinuation<Void, Never>], next: UInt64)>(
        (State(isAvailable: true, reason: nil), [:], 0))
    /// The probe a failed request asked for, shared by every request that fails while it runs.
    private let pendingRecheck = Mutex<Task<Bool, Never>?>(nil)

    /// Creates the monitor; it starts available and probes once ``run()`` runs.
    /// - Parameters:
    ///   - probe: the database's probe.
    ///   - intervalSeconds: seconds between probes.
    ///   - timeoutSeconds: the most one probe may take.
    public init(
        probe: any DatabaseProbe, intervalSeconds: Double = 1, timeoutSeconds: Double = 2,
        logger: Logger = Logger(label: "corridor.http.database")
    ) {
        self.probe = probe
        self.intervalSeconds = intervalSeconds
        self.timeoutSeconds = timeoutSeconds
        self.logger = logger
    }

    /// The state as of the last probe.
    public var state: State { shared.withLock { $0.state } }

    /// Probes until the task is cancelled, then closes the probe.
    public func run() async {
        while !Task.isCancelled {
            let reason = await probe.check(timeoutSeconds: timeoutSeconds)
            record(reason)
            try? await Task.sleep(for: .milliseconds(Int(intervalSeconds * 1_000)))
        }
        await probe.close()
    }

    /// Records one probe's outcome (nil: it answered).
    func record(_ reason: String?) {
        let (changed, waiters) = shared.withLock { shared -> (Bool, [CheckedContinuation<Void, Never>]) in
            let available = reason == nil
            let changed = shared.state.isAvailable != available
            shared.state = State(isAvailable: available, reason: reason)
            guard !available else { return (changed, []) }
            let waiters = Array(shared.waiters.values)
            shared.waiters = [:]
            return (changed, waiters)
        }
        for waiter in waiters { waiter.resume() }
        if changed {
            if let reason {
                logger.error("database unreachable", metadata: ["database": "\(probe.databaseName)", "reason": "\(reason)"])
            } else {
                logger.notice("database reachable again", metadata: ["database": "\(probe.databaseName)"])
            }
        }
    }

    /// Probes once now, out of turn, and records the outcome: a request failed, and the database may have gone since
    /// the last probe. Requests failing at the same time share one probe.
    /// - Returns: whether the database answered.
    public func recheck() async -> Bool {
        let probing = pendingRecheck.withLock { pending -> Task<Bool, Never> in
            if let pending { return pending }
            let made = Task { [self] in
                let reason = await probe.check(timeoutSeconds: timeoutSeconds)
                record(reason)
                pendingRecheck.withLock { $0 = nil }
                return reason == nil
            }
            pending = made
            return made
        }
        return await probing.value
    }

    /// Returns when the database is found unavailable (at once if it is now), or when the task is cancelled.
    public func waitUntilUnavailable() async {
        let id = shared.withLock { shared -> UInt64 in
            shared.next &+= 1
            return shared.next
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = shared.withLock { shared -> Bool in
                    if !shared.state.isAvailable || Task.isCancelled { return true }
                    shared.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            shared.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }

    /// The 503 a refused request gets: names the database and why it is unreachable.
    public func unavailableProblem() -> HTTPProblem {
        let reason = state.reason.map { ": \($0)" } ?? ""
        return .unavailable(
            "the database (\(probe.databaseName)) is unreachable\(reason); nothing was done, retry later",
            retryAfterSeconds: max(1, Int(intervalSeconds.rounded(.up))))
    }
}
