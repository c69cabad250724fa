/// The group header of the payment messages (`GroupHeader93` in pacs.008/pacs.009, `GroupHeader90` in pacs.004):
/// message id, creation time and settlement instruction. `NbOfTxs` is written from the transactions present and
/// checked against them when read.
public struct GroupHeader: Sendable, Hashable {
    /// `MsgId` (Max35Text, CBPR+ identifier rules).
    public var messageId: String
    /// `CreDtTm`.
    public var creationDateTime: ISODateTime
    /// `SttlmInf`.
    public var settlementInstruction: SettlementInstruction

    /// Creates a group header.
    public init(messageId: String, creationDateTime: ISODateTime, settlementInstruction: SettlementInstruction) {
        self.messageId = messageId
        self.creationDateTime = creationDateTime
        self.settlementInstruction = settlementInstruction
    }

    func element(numberOfTransactions: Int, path: String, text: Transliterator) throws(ISO20022Error) -> XMLElement {
        let here = path + "/GrpHdr"
        var children: [XMLElement] = []
        children.append(ifPresent: try MessageCoding.identifier("MsgId", messageId, path: here))
        children.append(XMLElement("CreDtTm", text: creationDateTime.text))
        children.append(XMLElement("NbOfTxs", text: String(numberOfTransactions)))
        children.append(try settlementInstruction.element(path: here, text: text))
        return XMLElement("GrpHdr", children: children)
    }

    init(element: XMLElement) throws(ISO20022Error) {
        self.init(messageId: try element.text("MsgId"), creationDateTime: try MessageCoding.dateTime(element, "CreDtTm"),
                  settlementInstruction: try SettlementInstruction(element: try element.required("SttlmInf")))
    }
}
