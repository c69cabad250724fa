/// pacs.004.001.09 PaymentReturn: money of an earlier settled payment sent back (refunds, closed accounts),
/// one `TxInf` per returned payment.
///
/// CBPR+ rules checked when written: the original UETR and a return reason on every entry, BICs for agents.
public struct PaymentReturn: ISO20022Message {
    /// `GrpHdr`.
    public var groupHeader: GroupHeader
    /// `TxInf`, at least one.
    public var transactions: [PaymentReturnTransaction]

    /// Creates the message.
    public init(groupHeader: GroupHeader, transactions: [PaymentReturnTransaction]) {
        self.groupHeader = groupHeader
        self.transactions = transactions
    }

    public static let messageDefinition = MessageDefinition(identifier: "pacs.004.001.09", rootElement: "PmtRtr")
    public var messageIdentifier: String { groupHeader.messageId }

    public func messageElement(transliterator: Transliterator) throws(ISO20022Error) -> XMLElement {
        let path = "/Document/PmtRtr"
        guard !transactions.isEmpty else { throw .missingElement(path: path + "/TxInf") }
        var children = [try groupHeader.element(numberOfTransactions: transactions.count, path: path,
                                                text: transliterator)]
        for (index, transaction) in transactions.enumerated() {
            let here = path + "/TxInf" + (index > 0 ? "[\(index + 1)]" : "")
            children.append(try transaction.element(path: here, text: transliterator))
        }
        return XMLElement(Self.messageDefinition.rootElement, children: children)
    }

    public init(messageElement element: XMLElement) throws(ISO20022Error) {
        let header = try element.required("GrpHdr")
        var transactions: [PaymentReturnTransaction] = []
        for child in element.children("TxInf") { transactions.append(try PaymentReturnTransaction(element: child)) }
        try MessageCoding.checkCount(header, actual: transactions.count)
        self.init(groupHeader: try GroupHeader(element: header), transactions: transactions)
    }
}
