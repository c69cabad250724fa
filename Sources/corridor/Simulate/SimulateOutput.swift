import CorridorScenario
import Foundation

/// Writes a run's files and prints its summary.
enum SimulateOutput {
    /// Writes `report.json`, `report.md` and the run's files under `directory`.
    /// - Throws: the file system's errors.
    static func write(_ run: ScenarioRun, to directory: URL) throws {
        let files = [("report.json", run.report.json), ("report.md", run.report.markdown)] + run.files
        for (name, text) in files {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    /// Steps, failed expectations and where the files are, for people.
    static func printSummary(_ report: ScenarioReport, out: String) {
        Console.line("scenario \(report.name) (seed \(report.seed)): \(report.steps.count) steps, "
            + "\(report.approvedCount) of \(report.paymentCount) payments approved")
        for step in report.steps where step.status == .error {
            Console.line("  ✗ step \(step.index) \(step.id) (line \(step.line.map(String.init) ?? "?")) could not run: \(step.detail)")
        }
        let held = report.expectations.filter(\.passed).count
        Console.line("expectations: \(held) of \(report.expectations.count) hold")
        for failure in report.failures {
            Console.line("  ✗ line \(failure.line.map(String.init) ?? "?"): \(failure.kind) \(failure.subject): "
                + "expected \(failure.expected), got \(failure.actual)")
        }
        Console.line("report: \(out)/report.md, \(out)/report.json")
    }
}
