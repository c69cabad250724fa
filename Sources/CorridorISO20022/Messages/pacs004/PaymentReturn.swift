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

    public func writeMessageContent(to writer: inout XMLStreamWriter, transliterator: Transliterator)
        throws(ISO20022Error)
    {
        try GroupMessage.write(
            root: Self.messageDefinition.rootElement, header: groupHeader, entries: transactions, entryName: "TxInf",
            to: &writer, text: transliterator)
    }

    public init(messageElement element: XMLElement) throws(ISO20022Error) {
        let (header, transactions): (GroupHeader, [PaymentReturnTransaction]) =
            try GroupMessage.read(element, entryName: "TxInf", entriesRequired: false)
        self.init(groupHeader: header, transactions: transactions)
    }
}
