/// pacs.002.001.10 FIToFIPaymentStatusReport: the status of earlier payments (ACSC settled, ACSP in settlement,
/// PDNG pending, RJCT rejected with a reason), one entry per payment as CBPR+ does it.
///
/// CBPR+ rules checked when written: every entry names the original UETR; a rejection carries a reason.
public struct PaymentStatusReport: ISO20022Message {
    /// `GrpHdr/MsgId`.
    public var messageId: String
    /// `GrpHdr/CreDtTm`.
    public var creationDateTime: ISODateTime
    /// `TxInfAndSts`, at least one.
    public var transactionStatuses: [PaymentTransactionStatus]

    /// Creates the message.
    public init(messageId: String, creationDateTime: ISODateTime, transactionStatuses: [PaymentTransactionStatus]) {
        self.messageId = messageId
        self.creationDateTime = creationDateTime
        self.transactionStatuses = transactionStatuses
    }

    public static let messageDefinition = MessageDefinition(identifier: "pacs.002.001.10", rootElement: "FIToFIPmtStsRpt")
    public var messageIdentifier: String { messageId }

    public func writeMessageContent(to writer: inout XMLStreamWriter, transliterator: Transliterator)
        throws(ISO20022Error)
    {
        // Paths are built only for an error.
        func path() -> String { "/Document/FIToFIPmtStsRpt" }
        guard !transactionStatuses.isEmpty else { throw .missingElement(path: path() + "/TxInfAndSts") }
        try writer.writeElement("GrpHdr") { writer throws(ISO20022Error) in
            try MessageCoding.writeIdentifier("MsgId", messageId, to: &writer) { path() + "/GrpHdr" }
            MessageCoding.writeDateTime("CreDtTm", creationDateTime, to: &writer)
        }
        for index in transactionStatuses.indices {
            try transactionStatuses[index].write(
                to: &writer, path: { path() + "/TxInfAndSts" + (index > 0 ? "[\(index + 1)]" : "") },
                text: transliterator)
        }
    }

    public init(messageElement element: XMLElement) throws(ISO20022Error) {
        let header = try element.required("GrpHdr")
        var statuses: [PaymentTransactionStatus] = []
        for child in element.children("TxInfAndSts") { statuses.append(try PaymentTransactionStatus(element: child)) }
        self.init(messageId: try header.text("MsgId"), creationDateTime: try MessageCoding.dateTime(header, "CreDtTm"),
                  transactionStatuses: statuses)
    }
}
