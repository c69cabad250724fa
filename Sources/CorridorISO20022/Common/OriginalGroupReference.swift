/// The message a status or return refers to (`OriginalGroupInformation29`): its `MsgId`, its message
/// definition and its creation time.
public struct OriginalGroupReference: Sendable, Hashable {
    /// `OrgnlMsgId`.
    public var messageId: String
    /// `OrgnlMsgNmId` (`pacs.008.001.08`).
    public var messageNameId: String
    /// `OrgnlCreDtTm`.
    public var creationDateTime: ISODateTime?

    /// Creates a reference.
    public init(messageId: String, messageNameId: String, creationDateTime: ISODateTime? = nil) {
        self.messageId = messageId
        self.messageNameId = messageNameId
        self.creationDateTime = creationDateTime
    }

    /// Writes `OrgnlGrpInf`; `path` (built only for an error) names the element holding it.
    func write(to writer: inout XMLStreamWriter, path: () -> String) throws(ISO20022Error) {
        try writer.writeElement("OrgnlGrpInf") { writer throws(ISO20022Error) in
            try MessageCoding.writeIdentifier("OrgnlMsgId", messageId, to: &writer) { path() + "/OrgnlGrpInf" }
            try MessageCoding.writeIdentifier("OrgnlMsgNmId", messageNameId, to: &writer) { path() + "/OrgnlGrpInf" }
            MessageCoding.writeDateTime("OrgnlCreDtTm", creationDateTime, to: &writer)
        }
    }

    init(element: XMLElement) throws(ISO20022Error) {
        self.init(messageId: try element.text("OrgnlMsgId"), messageNameId: try element.text("OrgnlMsgNmId"),
                  creationDateTime: try MessageCoding.optionalDateTime(element, "OrgnlCreDtTm"))
    }
}
