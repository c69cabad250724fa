/// What a scenario run did and whether its expectations held: the typed result `corridor simulate` writes as
/// `report.json` and `report.md`.
///
/// Guarantees: built only from simulated time and seeded ids, so the same file, seed and backend kind give an
/// equal report (and byte-identical files).
public struct ScenarioReport: Sendable, Hashable, Codable {
    /// The scenario's name.
    public let name: String
    /// The seed the run used.
    public let seed: UInt64
    /// Each step's outcome, in order.
    public let steps: [ScenarioStepOutcome]
    /// Each expectation's outcome, in file order.
    public let expectations: [ScenarioExpectationOutcome]
    /// ISO 20022 messages emitted, by kind (`pacs.008`, …, `camt.054`); kinds with none are listed as 0.
    public let messageCounts: [String: Int]
    /// Payment steps (card, qr, wallet_pay).
    public let paymentCount: Int
    /// Payment steps approved.
    public let approvedCount: Int
    /// True when no step failed to run and every expectation holds.
    public let passed: Bool
    /// What the generated traffic did, when the scenario has traffic.
    public let traffic: TrafficStatistics?
    /// Net positions after each clearing, per participant and currency.
    public let netPositions: [NetPositionLine]
    /// The run's counters (``ScenarioMetrics``).
    public let metrics: [String: Int]

    /// Creates a report; `passed` follows from the outcomes.
    public init(
        name: String, seed: UInt64, steps: [ScenarioStepOutcome], expectations: [ScenarioExpectationOutcome],
        messageCounts: [String: Int], paymentCount: Int, approvedCount: Int, traffic: TrafficStatistics? = nil,
        netPositions: [NetPositionLine] = []
    ) {
        self.traffic = traffic
        self.netPositions = netPositions
        self.metrics = ScenarioMetrics.all(steps: steps, traffic: traffic)
        self.name = name
        self.seed = seed
        self.steps = steps
        self.expectations = expectations
        self.messageCounts = messageCounts
        self.paymentCount = paymentCount
        self.approvedCount = approvedCount
        self.passed = steps.allSatisfy { $0.status != .error } && expectations.allSatisfy(\.passed)
    }

    /// The expectations that failed.
    public var failures: [ScenarioExpectationOutcome] { expectations.filter { !$0.passed } }
}
