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
