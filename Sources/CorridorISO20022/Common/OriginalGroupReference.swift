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

    func element(path: String) throws(ISO20022Error) -> XMLElement {
        let here = path + "/OrgnlGrpInf"
        var children: [XMLElement] = []
        children.append(ifPresent: try MessageCoding.identifier("OrgnlMsgId", messageId, path: here))
        children.append(ifPresent: try MessageCoding.identifier("OrgnlMsgNmId", messageNameId, path: here))
        children.append("OrgnlCreDtTm", creationDateTime?.text)
        return XMLElement("OrgnlGrpInf", children: children)
    }

    init(element: XMLElement) throws(ISO20022Error) {
        self.init(messageId: try element.text("OrgnlMsgId"), messageNameId: try element.text("OrgnlMsgNmId"),
                  creationDateTime: try MessageCoding.optionalDateTime(element, "OrgnlCreDtTm"))
    }
}
