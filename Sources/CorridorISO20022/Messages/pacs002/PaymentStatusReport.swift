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

    public func messageElement(transliterator: Transliterator) throws(ISO20022Error) -> XMLElement {
        let path = "/Document/FIToFIPmtStsRpt"
        guard !transactionStatuses.isEmpty else { throw .missingElement(path: path + "/TxInfAndSts") }
        var header: [XMLElement] = []
        header.append(ifPresent: try MessageCoding.identifier("MsgId", messageId, path: path + "/GrpHdr"))
        header.append(XMLElement("CreDtTm", text: creationDateTime.text))
        var children = [XMLElement("GrpHdr", children: header)]
        for (index, status) in transactionStatuses.enumerated() {
            let here = path + "/TxInfAndSts" + (index > 0 ? "[\(index + 1)]" : "")
            children.append(try status.element(path: here, text: transliterator))
        }
        return XMLElement(Self.messageDefinition.rootElement, children: children)
    }

    public init(messageElement element: XMLElement) throws(ISO20022Error) {
        let header = try element.required("GrpHdr")
        var statuses: [PaymentTransactionStatus] = []
        for child in element.children("TxInfAndSts") { statuses.append(try PaymentTransactionStatus(element: child)) }
        self.init(messageId: try header.text("MsgId"), creationDateTime: try MessageCoding.dateTime(header, "CreDtTm"),
                  transactionStatuses: statuses)
    }
}
