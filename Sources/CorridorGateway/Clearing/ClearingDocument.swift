import CorridorCore
import CorridorISO20022

/// A camt document a clearing run produced for one participant's position in one currency: the camt.053 statement
/// or the camt.054 notification, typed; its XML is made when read (a day's statements run to hundreds of megabytes
/// at a million payments, so a run does not hold them as text).
public struct ClearingDocument<Document: ISO20022Message>: Sendable, Hashable {
    /// The participant whose position account the document reports.
    public let participant: ParticipantID
    /// The currency of the position.
    public let currency: Currency
    /// The typed document.
    public let document: Document
    /// The file name (`camt.053-2026-01-01-001.xml`).
    public let fileName: String

    /// Creates the record of a document, after writing it once: a document that breaks a rule is refused here, so
    /// ``xml`` (the same writer on the same document) cannot fail later.
    /// - Throws: the writer's ``ISO20022Error``.
    public init(participant: ParticipantID, currency: Currency, document: Document, fileName: String)
        throws(ISO20022Error)
    {
        try document.writeXML(to: { _ in })
        self.participant = participant
        self.currency = currency
        self.document = document
        self.fileName = fileName
    }

    /// The XML, as written when the run was made (the writer is deterministic).
    public var xml: String { file.text }

    /// The document as a file of the run, written in pieces when read.
    public var file: GeneratedFile {
        let document = self.document, name = fileName
        return GeneratedFile(name: name) { sink in
            do {
                try document.writeXML(to: sink)
            } catch {
                // The initializer wrote this very document without an error.
                preconditionFailure("clearing document \(name) no longer writes: \(error)")
            }
        }
    }
}
