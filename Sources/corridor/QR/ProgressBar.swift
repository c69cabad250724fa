/// A one-line progress bar on standard error, drawn only when standard error is a terminal.
///
/// Redraws at most once per whole percent, so a run of a million rows writes about a hundred updates.
struct ProgressBar {
    /// Characters between the brackets.
    static let width = 30

    let total: Int
    let isEnabled: Bool
    private var drawnPercent = -1

    /// A bar for `total` steps; drawn when `isEnabled` (pass ``Console/standardErrorIsTerminal``).
    init(total: Int, isEnabled: Bool) {
        self.total = total
        self.isEnabled = isEnabled && total > 0
    }

    /// Shows `done` of ``total`` steps, `failed` of them failures.
    mutating func update(done: Int, failed: Int) {
        guard isEnabled else { return }
        let percent = done * 100 / total
        guard percent != drawnPercent else { return }
        drawnPercent = percent
        let filled = done * Self.width / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: Self.width - filled)
        let failures = failed > 0 ? ", \(failed) failed" : ""
        Console.errorText("\r[\(bar)] \(done)/\(total) \(percent)%\(failures)")
    }

    /// Ends the bar's line so later output starts on a fresh one.
    func finish() {
        guard isEnabled else { return }
        Console.errorText("\n")
    }
}
