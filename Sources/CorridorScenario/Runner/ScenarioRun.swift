/// A finished run: its report and the files it produced (clearing messages, statements, reconciliation, the
/// payments' ISO 20022 messages), named relative to the output folder.
public struct ScenarioRun: Sendable {
    /// The report.
    public let report: ScenarioReport
    /// The run's files in a fixed order, as (relative path, text).
    public let files: [(name: String, text: String)]

    /// Creates a run.
    public init(report: ScenarioReport, files: [(name: String, text: String)]) {
        self.report = report
        self.files = files
    }
}
