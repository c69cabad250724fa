import Foundation

/// A message kind Corridor writes and reads: a typed model that maps to the root element of an ISO 20022
/// `Document` (pacs.008, pacs.002, pacs.004, pacs.009, camt.053, camt.054) or to the `AppHdr`.
public protocol ISO20022Message: Sendable, Hashable {
    /// The message definition: identifier, root element, namespace.
    static var messageDefinition: MessageDefinition { get }
    /// `MsgId` of the group header (`BizMsgIdr` for the header).
    var messageIdentifier: String { get }
    /// Writes the content of the message's root element (the children of `FIToFICstmrCdtTrf`…, or of `AppHdr`),
    /// with every CBPR+ rule checked; ``writeDocument(to:transliterator:)`` writes the rest of the document.
    /// - Parameters:
    ///   - writer: where the elements go.
    ///   - transliterator: how names and addresses become Latin.
    /// - Throws: ``ISO20022Error`` naming the element at fault; the writer then holds an unfinished document.
    func writeMessageContent(to writer: inout XMLStreamWriter, transliterator: Transliterator) throws(ISO20022Error)
    /// Reads the model from its root element.
    /// - Throws: ``ISO20022Error`` naming the element at fault.
    init(messageElement: XMLElement) throws(ISO20022Error)
}

/// The identity of an ISO 20022 message definition.
public struct MessageDefinition: Sendable, Hashable, CustomStringConvertible {
    /// `pacs.008.001.08`.
    public let identifier: String
    /// The root element inside `Document` (`FIToFICstmrCdtTrf`), or `AppHdr`.
    public let rootElement: String
    /// `urn:iso:std:iso:20022:tech:xsd:` + identifier (kept, not built per document).
    public let namespace: String
    /// Whether the root element is itself the document (the business application header) or sits in `Document`.
    public let isHeader: Bool

    init(identifier: String, rootElement: String) {
        self.identifier = identifier
        self.rootElement = rootElement
        namespace = "urn:iso:std:iso:20022:tech:xsd:" + identifier
        isHeader = rootElement == "AppHdr"
    }

    public var description: String { identifier }
}

extension ISO20022Message {
    /// Writes the whole document: the XML declaration, `<Document xmlns="…">` around the message's root element (or
    /// the `AppHdr` with its namespace), then a final line feed.
    /// - Parameters:
    ///   - writer: where the document goes; its layout (pretty-printed or not) is the writer's.
    ///   - transliterator: how names and addresses become Latin.
    /// - Throws: ``ISO20022Error`` naming the element at fault; the writer then holds an unfinished document.
    public func writeDocument(to writer: inout XMLStreamWriter, transliterator: Transliterator = Transliterator())
        throws(ISO20022Error)
    {
        let definition = Self.messageDefinition
        writer.writeDeclaration()
        if !definition.isHeader {
            writer.writeStartTag("Document")
            writer.writeAttribute("xmlns", definition.namespace)
        }
        writer.writeStartTag(definition.rootElement)
        if definition.isHeader { writer.writeAttribute("xmlns", definition.namespace) }
        try writeMessageContent(to: &writer, transliterator: transliterator)
        writer.writeEndTag(definition.rootElement)
        if !definition.isHeader { writer.writeEndTag("Document") }
        writer.writeDocumentEnd()
    }

    /// The document as UTF-8 XML text, ready for `xmllint --schema`.
    /// - Parameters:
    ///   - prettyPrinted: indent nested elements.
    ///   - transliterator: how names and addresses become Latin.
    /// - Throws: ``ISO20022Error``.
    public func xml(prettyPrinted: Bool = true, transliterator: Transliterator = Transliterator())
        throws(ISO20022Error) -> String
    {
        var writer = XMLStreamWriter(prettyPrinted: prettyPrinted)
        try writeDocument(to: &writer, transliterator: transliterator)
        return writer.takeString()
    }

    /// The text ``xml(prettyPrinted:transliterator:)`` gives, handed to `sink` in pieces of at most 64 KiB as it is
    /// written: a statement of a million entries is written without being held. Writing with a sink that drops the
    /// pieces checks a document for the rules the writer enforces.
    /// - Throws: ``ISO20022Error``; `sink` may then have had the start of the document.
    public func writeXML(prettyPrinted: Bool = true, transliterator: Transliterator = Transliterator(),
                         to sink: @escaping (UnsafeRawBufferPointer) -> Void) throws(ISO20022Error)
    {
        var writer = XMLStreamWriter(prettyPrinted: prettyPrinted, capacity: 1 << 16)
        writer.drain(into: sink)
        try writeDocument(to: &writer, transliterator: transliterator)
        writer.flush()
    }

    /// The whole document as an element tree, as the reader gives it back from ``xml(prettyPrinted:transliterator:)``
    /// (paths filled in): `Document` around the message, or the `AppHdr`.
    /// - Throws: ``ISO20022Error``.
    public func documentElement(transliterator: Transliterator = Transliterator()) throws(ISO20022Error)
        -> XMLElement
    {
        try XMLReader().read(try xml(prettyPrinted: false, transliterator: transliterator))
    }

    /// Reads a document of this kind.
    /// - Throws: ``ISO20022Error/malformedXML(line:column:message:)``,
    ///   ``ISO20022Error/unexpectedDocument(expected:found:)`` or an error naming the element at fault.
    public init(xml data: Data) throws(ISO20022Error) {
        try self.init(documentElement: try XMLReader().read(data))
    }

    /// Reads a document of this kind from text.
    /// - Throws: as ``init(xml:)-(Data)``.
    public init(xml text: String) throws(ISO20022Error) {
        try self.init(xml: Data(text.utf8))
    }

    /// Reads the model from a parsed document.
    /// - Throws: ``ISO20022Error/unexpectedDocument(expected:found:)`` or an error naming the element at fault.
    public init(documentElement root: XMLElement) throws(ISO20022Error) {
        let definition = Self.messageDefinition
        let expected = definition.isHeader ? "AppHdr" : "Document"
        guard root.name == expected, let namespace = root.attribute("xmlns") else {
            throw .unexpectedDocument(expected: "\(expected) in \(definition.namespace)", found: root.name)
        }
        guard namespace == definition.namespace else {
            throw .unexpectedDocument(expected: definition.namespace, found: namespace)
        }
        try self.init(messageElement: definition.isHeader ? root : try root.required(definition.rootElement))
    }
}
