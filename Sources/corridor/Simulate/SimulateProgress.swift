import Synchronization

/// The progress bar of a simulation's traffic on standard error, drawn only when it is a terminal; the runner
/// reports from its task, so the bar sits behind a lock.
final class SimulateProgress: Sendable {
    private let bar = Mutex<ProgressBar?>(nil)
    let isEnabled: Bool

    /// A bar, drawn when `isEnabled` (pass ``Console/standardErrorIsTerminal``).
    init(isEnabled: Bool) {
        self.isEnabled = isEnabled
    }

    /// Shows `done` of `total` payments.
    func update(done: Int, total: Int) {
        guard isEnabled else { return }
        bar.withLock { bar in
            if bar == nil { bar = ProgressBar(total: total, isEnabled: true) }
            bar?.update(done: done, failed: 0)
        }
    }

    /// Ends the bar's line when one was drawn.
    func finish() {
        bar.withLock { $0?.finish() }
    }
}
