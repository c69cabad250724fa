/// Everything that happened to one platform operation, in the gateway's trail shape: the request, the limits check,
/// the ledger transfer and the result.
public struct CBDCPaymentTrail: Sendable, Hashable, Codable {
    /// One step, in order.
    public struct Event: Sendable, Hashable, Codable {
        /// The step (`request`, `limits`, `post`, `result`, `qr`, `refund`).
        public let step: String
        /// Milliseconds since 1970 (the platform's clock; simulated in tests).
        public let atMs: Int64
        /// What happened.
        public let detail: String
    }

    /// The operation id.
    public let operationID: String
    /// The request, for people.
    public let request: String
    /// The QR payload exactly as scanned (QR payments).
    public var qrPayload: String?
    /// Ledger transfer ids.
    public var ledgerTransfers: [String] = []
    /// The steps.
    public var events: [Event] = []

    /// Starts a trail.
    /// - Parameters:
    ///   - operationID: the operation id.
    ///   - request: the request for people.
    public init(operationID: String, request: String) {
        self.operationID = operationID
        self.request = request
    }

    /// Appends a step.
    /// - Parameters:
    ///   - step: the step name.
    ///   - ms: when.
    ///   - detail: what happened.
    public mutating func record(_ step: String, at ms: Int64, _ detail: String) {
        events.append(Event(step: step, atMs: ms, detail: detail))
    }
}
