import CorridorCore
import CorridorScenario
import Foundation

/// Writes a run's files and prints its summary.
enum SimulateOutput {
    /// Writes `report.json`, `report.md` and the run's files under `directory`.
    /// - Throws: the file system's errors.
    static func write(_ run: ScenarioRun, to directory: URL) throws {
        let files =
            [GeneratedFile(name: "report.json", text: run.report.json),
             GeneratedFile(name: "report.md", text: run.report.markdown),
             GeneratedFile(name: "report.html", text: run.report.html)]
            + run.files
        // One file's text at a time: a million payments' statements are not held at once.
        for file in files {
            let url = directory.appendingPathComponent(file.name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try writeWithoutSync(file, to: url)
        }
    }

    /// Writes a file without flushing it to disk: `Data.write(to:)` syncs each file, which for a run's thousands of
    /// message files costs seconds, and a report folder can be written again from the same seed. The bytes go out
    /// in the pieces the file is made in, so a large statement is never held whole.
    /// - Throws: `CocoaError` when the file cannot be created or written.
    static func writeWithoutSync(_ generated: GeneratedFile, to url: URL) throws {
        guard let file = fopen(url.path, "wb") else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path])
        }
        defer { fclose(file) }
        let failed = WriteFailure()
        generated.write { piece in
            if !failed.happened, fwrite(piece.baseAddress, 1, piece.count, file) != piece.count { failed.happened = true }
        }
        guard !failed.happened else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
    }

    /// Whether a write of a file's pieces failed.
    private final class WriteFailure {
        var happened = false
    }

    /// Steps, failed expectations and where the files are, for people.
    static func printSummary(_ report: ScenarioReport, out: String) {
        Console.line(
            "scenario \(report.name) (seed \(report.seed)): \(report.steps.count) steps, "
                + "\(report.approvedCount) of \(report.paymentCount) payments approved")
        for step in report.steps where step.status == .error {
            Console.line(
                "  ✗ step \(step.index) \(step.id) (line \(step.line.map(String.init) ?? "?")) "
                    + "could not run: \(step.detail)"
            )
        }
        let held = report.expectations.filter(\.passed).count
        Console.line("expectations: \(held) of \(report.expectations.count) hold")
        for failure in report.failures {
            Console.line(
                "  ✗ line \(failure.line.map(String.init) ?? "?"): \(failure.kind) \(failure.subject): "
                    + "expected \(failure.expected), got \(failure.actual)")
        }
        if let traffic = report.traffic {
            Console.line(
                "traffic: \(traffic.approved) of \(traffic.payments) generated payments approved on \(traffic.day)")
        }
        Console.line("report: \(out)/report.html, \(out)/report.md, \(out)/report.json")
    }
}
