/// One scripted step: one action, at a line of the file.
public struct ScenarioStep: Sendable, Hashable {
    /// The step's id: the payment or operation id it creates (its idempotency key), unique in the file.
    public let id: String
    /// The 1-based line of the step in the file.
    public let line: Int?
    /// What the step does.
    public let action: ScenarioAction

    /// Creates a step.
    public init(id: String, line: Int?, action: ScenarioAction) {
        self.id = id
        self.line = line
        self.action = action
    }
}
