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

    /// Creates a report; `passed` follows from the outcomes.
    public init(name: String, seed: UInt64, steps: [ScenarioStepOutcome], expectations: [ScenarioExpectationOutcome],
                messageCounts: [String: Int], paymentCount: Int, approvedCount: Int) {
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

/// What one step did.
public struct ScenarioStepOutcome: Sendable, Hashable, Codable {
    /// How a step ended.
    public enum Status: String, Sendable, Hashable, Codable {
        /// A payment, refund or conversion that was approved.
        case approved
        /// A payment, refund or conversion that was declined (a value, not an error).
        case declined
        /// A step that is not a payment (wallet opened, deposit paid in, day cleared).
        case done
        /// The step could not run (unknown merchant, bank or wallet, a refusal): the run does not pass.
        case error
    }

    /// 1-based position in `steps`.
    public let index: Int
    /// The step's line in the file.
    public let line: Int?
    /// The step's id.
    public let id: String
    /// The action key (`card`, `qr`, …).
    public let action: String
    /// How it ended.
    public let status: Status
    /// The ISO 8583 response code, for payments, refunds and conversions.
    public let responseCode: String?
    /// The ISO 20022 status or reason code, when there is one.
    public let iso20022Code: String?
    /// The amount the step moved, as `"268.00 CNY"`.
    public let amount: String?
    /// One line for people: the route, the decline reason, the error.
    public let detail: String
}

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
