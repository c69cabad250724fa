/// Whether one expectation held, with what was expected and what was found.
public struct ScenarioExpectationOutcome: Sendable, Hashable, Codable {
    /// The expectation's line in the file.
    public let line: Int?
    /// The expectation key (`payment`, `wallet_balance`, …).
    public let kind: String
    /// What it is about (a payment id, a holder, a message kind).
    public let subject: String
    /// What the file expects.
    public let expected: String
    /// What the run produced.
    public let actual: String
    /// True when `actual` meets `expected`.
    public let passed: Bool
}
