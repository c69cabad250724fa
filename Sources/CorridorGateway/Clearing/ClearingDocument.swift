import CorridorCore
import CorridorISO20022

/// A camt document a clearing run produced for one participant's position in one currency: the camt.053 statement
/// or the camt.054 notification, typed and as written.
public struct ClearingDocument<Document: ISO20022Message>: Sendable, Hashable {
    /// The participant whose position account the document reports.
    public let participant: ParticipantID
    /// The currency of the position.
    public let currency: Currency
    /// The typed document.
    public let document: Document
    /// The XML as written.
    public let xml: String
    /// The file name (`camt.053-2026-01-01-001.xml`).
    public let fileName: String

    /// Creates the record of a written document.
    public init(participant: ParticipantID, currency: Currency, document: Document, xml: String, fileName: String) {
        self.participant = participant
        self.currency = currency
        self.document = document
        self.xml = xml
        self.fileName = fileName
    }
}
