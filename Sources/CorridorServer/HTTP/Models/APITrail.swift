import CorridorGateway

/// A payment's trail on the wire: every step, with RFC 3339 times.
public struct APITrail: Codable, Sendable, Hashable {
    /// One step.
    public struct Event: Codable, Sendable, Hashable {
        /// The step's name (parse, resolve, screen, …).
        public let step: String
        /// When, RFC 3339.
        public let at: String
        /// What happened.
        public let detail: String
    }

    /// The payment.
    public let paymentId: String
    /// The instrument kind.
    public let instrument: String?
    /// The request for people (card masked).
    public let request: String
    /// The QR payload as scanned.
    public let qrPayload: String?
    /// The masked card.
    public let card: APIPayment.Card?
    /// The route.
    public let route: String?
    /// The screening outcome.
    public let screening: String?
    /// The FX quote.
    public let quote: String?
    /// ISO 8583 messages, PAN masked.
    public let iso8583: [String]
    /// Ledger transfer ids.
    public let ledgerTransfers: [String]
    /// ISO 20022 message ids.
    public let iso20022Messages: [String]
    /// The steps in order.
    public let events: [Event]

    /// The wire form of a trail.
    public init(_ trail: PaymentTrail) {
        paymentId = trail.paymentID
        instrument = trail.instrument?.rawValue
        request = trail.request
        qrPayload = trail.qrPayload
        card = trail.card.map { APIPayment.Card(token: $0.token, lastFour: $0.lastFour, scheme: $0.scheme.displayName) }
        route = trail.route
        screening = trail.screening
        quote = trail.quote
        iso8583 = trail.iso8583
        ledgerTransfers = trail.ledgerTransfers
        iso20022Messages = trail.iso20022Messages
        events = trail.events.map { Event(step: $0.step, at: RFC3339.string(milliseconds: $0.atMs), detail: $0.detail) }
    }
}
