import CorridorScenario

/// A simulation on the wire: its state and, once finished, its report.
public struct APISimulation: Encodable, Sendable {
    /// The simulation id.
    public let id: String
    /// The scenario's name.
    public let name: String
    /// queued, running, passed, failed (an expectation did not hold) or error (the run could not finish).
    public let status: String
    /// Steps in the scenario.
    public let stepCount: Int
    /// Steps done: 0 while running (the runner reports at the end), all when finished.
    public let stepsDone: Int
    /// When it was accepted, RFC 3339.
    public let createdAt: String
    /// The report, once finished.
    public let report: ScenarioReport?
    /// Names of the files the run wrote, once finished (`/simulations/{id}/files/{name}`).
    public let files: [String]
    /// Why it could not finish.
    public let error: String?
}
