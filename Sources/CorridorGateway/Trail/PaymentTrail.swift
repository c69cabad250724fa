import CorridorCore

/// Everything that happened to one payment (DESIGN.md §1): the masked request, route, screening, quote, ISO 8583
/// messages, ledger transfers and ISO 20022 message ids. Card data appears only as token and last four digits.
public struct PaymentTrail: Sendable, Hashable, Codable {
    /// One step, in order.
    public struct Event: Sendable, Hashable, Codable {
        /// The flow step (`parse`, `resolve`, `screen`, `quote`, `authorize`, `post`, `message`, `refund`, …).
        public let step: String
        /// Milliseconds since 1970 (simulated time in scenarios).
        public let atMs: Int64
        /// What happened.
        public let detail: String
    }

    /// The payment.
    public let paymentID: String
    /// The instrument kind.
    public var instrument: PaymentInstrumentKind?
    /// The request for people: merchant, amount, payer (card masked, never the PAN).
    public var request: String
    /// The QR payload exactly as scanned.
    public var qrPayload: String?
    /// Card token and last four digits.
    public var card: CardToken?
    /// Names in their original script (the ISO 20022 messages carry them transliterated).
    public var payerName: String?
    public var merchantName: String?
    /// The route, as text.
    public var route: String?
    /// The screening outcome, as text.
    public var screening: String?
    /// The FX quote (id, rate, amounts, route), as text.
    public var quote: String?
    /// The ISO 8583 messages exchanged with the issuer, described with the PAN masked.
    public var iso8583: [String] = []
    /// Ledger transfer ids.
    public var ledgerTransfers: [String] = []
    /// ISO 20022 message ids (pacs.008, pacs.002, pacs.004).
    public var iso20022Messages: [String] = []
    /// The steps.
    public var events: [Event] = []

    /// Starts a trail.
    public init(paymentID: String, request: String) {
        self.paymentID = paymentID
        self.request = request
    }

    /// Appends a step.
    public mutating func record(_ step: String, at ms: Int64, _ detail: String) {
        events.append(Event(step: step, atMs: ms, detail: detail))
    }
}
