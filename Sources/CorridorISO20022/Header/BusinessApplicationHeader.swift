/// head.001.001.02 Business Application Header (`AppHdr`): who sends the business message to whom, which
/// message definition the document follows, and under which service (CBPR+: `swift.cbprplus.02`).
///
/// Envelope choice: Corridor writes the header and the document as two separate XML documents (see
/// ``BusinessMessage``), because each then validates on its own against its official XSD with
/// `xmllint --noout --schema`; a wrapper element would need a schema of its own that ISO 20022 does not publish.
public struct BusinessApplicationHeader: ISO20022Message {
    /// `Fr/FIId/FinInstnId/BICFI`: the sending agent.
    public var from: BIC
    /// `To/FIId/FinInstnId/BICFI`: the receiving agent.
    public var to: BIC
    /// `BizMsgIdr`: CBPR+ makes it equal to the document's `MsgId`.
    public var businessMessageId: String
    /// `MsgDefIdr`: the document's message definition (`pacs.008.001.08`).
    public var messageDefinitionId: String
    /// `BizSvc`.
    public var businessService: String?
    /// `CreDt`.
    public var creationDate: ISODateTime
    /// `PssblDplct`: true when this may repeat an earlier message.
    public var possibleDuplicate: Bool?

    /// Creates a header.
    public init(from: BIC, to: BIC, businessMessageId: String, messageDefinitionId: String,
                businessService: String? = "swift.cbprplus.02", creationDate: ISODateTime,
                possibleDuplicate: Bool? = nil) {
        self.from = from
        self.to = to
        self.businessMessageId = businessMessageId
        self.messageDefinitionId = messageDefinitionId
        self.businessService = businessService
        self.creationDate = creationDate
        self.possibleDuplicate = possibleDuplicate
    }

    public static let messageDefinition = MessageDefinition(identifier: "head.001.001.02", rootElement: "AppHdr")
    public var messageIdentifier: String { businessMessageId }

    public func writeMessageContent(to writer: inout XMLStreamWriter, transliterator: Transliterator)
        throws(ISO20022Error)
    {
        func path() -> String { "/AppHdr" }
        Self.writeParty("Fr", from, to: &writer)
        Self.writeParty("To", to, to: &writer)
        try MessageCoding.writeIdentifier("BizMsgIdr", businessMessageId, to: &writer, path: path)
        try MessageCoding.writeIdentifier("MsgDefIdr", messageDefinitionId, to: &writer, path: path)
        try MessageCoding.writeIdentifier("BizSvc", businessService, to: &writer, path: path)
        MessageCoding.writeDateTime("CreDt", creationDate, to: &writer)
        writer.writeElement("PssblDplct", optionalText: possibleDuplicate.map { $0 ? "true" : "false" })
    }

    public init(messageElement element: XMLElement) throws(ISO20022Error) {
        var duplicate: Bool?
        if let text = element.optionalText("PssblDplct") {
            guard text == "true" || text == "false" else {
                throw .invalidValue(path: element.childPath("PssblDplct"), value: text, expected: "true or false")
            }
            duplicate = text == "true"
        }
        self.init(from: try Self.readParty(element, "Fr"), to: try Self.readParty(element, "To"),
                  businessMessageId: try element.text("BizMsgIdr"), messageDefinitionId: try element.text("MsgDefIdr"),
                  businessService: element.optionalText("BizSvc"),
                  creationDate: try MessageCoding.dateTime(element, "CreDt"), possibleDuplicate: duplicate)
    }

    private static func writeParty(_ name: StaticString, _ bic: BIC, to writer: inout XMLStreamWriter) {
        writer.writeStartTag(name)
        writer.writeStartTag("FIId")
        writer.writeStartTag("FinInstnId")
        writer.writeElement("BICFI", text: bic.text)
        writer.writeEndTag("FinInstnId")
        writer.writeEndTag("FIId")
        writer.writeEndTag(name)
    }

    private static func readParty(_ element: XMLElement, _ name: String) throws(ISO20022Error) -> BIC {
        let identification = try element.required(name).required("FIId").required("FinInstnId")
        return try BIC(try identification.text("BICFI"))
    }
}
