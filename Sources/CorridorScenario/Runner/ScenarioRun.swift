import CorridorCore

/// A finished run: its report and the files it produced (clearing messages, statements, reconciliation, the
/// payments' ISO 20022 messages), named relative to the output folder.
public struct ScenarioRun: Sendable {
    /// The report.
    public let report: ScenarioReport
    /// The run's files in a fixed order, named by relative path; the clearing statements' text is made when read.
    public let files: [GeneratedFile]

    /// Creates a run.
    public init(report: ScenarioReport, files: [GeneratedFile]) {
        self.report = report
        self.files = files
    }
}
