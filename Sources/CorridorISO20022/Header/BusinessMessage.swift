import Foundation

/// A business message: the ``BusinessApplicationHeader`` and the document it describes, written as two XML
/// documents (the header validates against head.001.001.02.xsd, the document against its own XSD).
///
/// Guarantees once written or read: the header's `MsgDefIdr` names the document's message definition and its
/// `BizMsgIdr` equals the document's `MsgId` (CBPR+).
public struct BusinessMessage<Document: ISO20022Message>: Sendable, Hashable {
    /// The header.
    public var header: BusinessApplicationHeader
    /// The document.
    public var document: Document

    /// Pairs a document with a header built for it.
    /// - Parameters:
    ///   - from: the sending agent's BIC.
    ///   - to: the receiving agent's BIC.
    ///   - creationDate: the header's `CreDt`.
    ///   - document: the message.
    public init(from: BIC, to: BIC, creationDate: ISODateTime, document: Document) {
        self.header = BusinessApplicationHeader(from: from, to: to, businessMessageId: document.messageIdentifier,
                                                messageDefinitionId: Document.messageDefinition.identifier,
                                                creationDate: creationDate)
        self.document = document
    }

    /// Pairs a header and a document.
    /// - Throws: ``ISO20022Error/headerMismatch(reason:)``.
    public init(header: BusinessApplicationHeader, document: Document) throws(ISO20022Error) {
        self.header = header
        self.document = document
        try check()
    }

    /// Reads the two documents.
    /// - Throws: any reading error, or ``ISO20022Error/headerMismatch(reason:)``.
    public init(headerXML: Data, documentXML: Data) throws(ISO20022Error) {
        try self.init(header: try BusinessApplicationHeader(xml: headerXML), document: try Document(xml: documentXML))
    }

    /// The two documents' text: the header, then the document (written through one buffer).
    /// - Throws: ``ISO20022Error``.
    public func xml(prettyPrinted: Bool = true, transliterator: Transliterator = Transliterator())
        throws(ISO20022Error) -> (header: String, document: String)
    {
        try check()
        var writer = XMLStreamWriter(prettyPrinted: prettyPrinted)
        try header.writeDocument(to: &writer, transliterator: transliterator)
        let headerText = writer.takeString()
        try document.writeDocument(to: &writer, transliterator: transliterator)
        return (headerText, writer.takeString())
    }

    private func check() throws(ISO20022Error) {
        guard header.messageDefinitionId == Document.messageDefinition.identifier else {
            throw .headerMismatch(reason: "MsgDefIdr \(header.messageDefinitionId) for a \(Document.messageDefinition)")
        }
        guard header.businessMessageId == document.messageIdentifier else {
            throw .headerMismatch(reason: "BizMsgIdr \(header.businessMessageId) but MsgId \(document.messageIdentifier)")
        }
    }
}
