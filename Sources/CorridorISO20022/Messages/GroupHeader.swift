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

    /// Writes `GrpHdr`; `path` (built only for an error) names the element holding it.
    func write(numberOfTransactions: Int, to writer: inout XMLStreamWriter, path: () -> String, text: Transliterator)
        throws(ISO20022Error)
    {
        try writer.writeElement("GrpHdr") { writer throws(ISO20022Error) in
            try MessageCoding.writeIdentifier("MsgId", messageId, to: &writer) { path() + "/GrpHdr" }
            MessageCoding.writeDateTime("CreDtTm", creationDateTime, to: &writer)
            MessageCoding.writeNumber("NbOfTxs", UInt64(numberOfTransactions), to: &writer)
            try settlementInstruction.write(to: &writer, path: { path() + "/GrpHdr" }, text: text)
        }
    }

    init(element: XMLElement) throws(ISO20022Error) {
        self.init(messageId: try element.text("MsgId"), creationDateTime: try MessageCoding.dateTime(element, "CreDtTm"),
                  settlementInstruction: try SettlementInstruction(element: try element.required("SttlmInf")))
    }
}
