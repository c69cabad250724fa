/// Answers ISO 8583 requests: the issuer host implements it, the TCP endpoint calls it.
///
/// The endpoint calls `respond(to:)` once per well-formed request and writes the answers of one connection back
/// in the order the requests arrived, however long each takes. A handler that returns nil sends no answer (a
/// dropped response, which forces the acquirer to reverse); one that sleeps before answering models a slow issuer.
public protocol ISO8583RequestHandler: Sendable {
    /// The answer to one request, or nil to send none.
    func respond(to request: IsoMessage) async -> IsoMessage?
}
