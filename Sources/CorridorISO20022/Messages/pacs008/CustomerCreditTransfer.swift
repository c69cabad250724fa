/// pacs.008.001.08 FIToFICustomerCreditTransfer: one or more customer payments between two agents
/// (ISO 20022 message definition report, Payments Clearing and Settlement; CBPR+ usage guideline pacs.008).
///
/// CBPR+ rules checked when written: a UETR on every transaction, BICs for all agents, charge bearer DEBT,
/// CRED or SHAR, identifiers in the CBPR+ character set and length, names and addresses transliterated.
public struct CustomerCreditTransfer: ISO20022Message {
    /// `GrpHdr`.
    public var groupHeader: GroupHeader
    /// `CdtTrfTxInf`, at least one.
    public var transactions: [CreditTransferTransaction]

    /// Creates the message.
    public init(groupHeader: GroupHeader, transactions: [CreditTransferTransaction]) {
        self.groupHeader = groupHeader
        self.transactions = transactions
    }

    public static let messageDefinition = MessageDefinition(identifier: "pacs.008.001.08",
                                                            rootElement: "FIToFICstmrCdtTrf")
    public var messageIdentifier: String { groupHeader.messageId }

    public func writeMessageContent(to writer: inout XMLStreamWriter, transliterator: Transliterator)
        throws(ISO20022Error)
    {
        try GroupMessage.write(
            root: Self.messageDefinition.rootElement, header: groupHeader, entries: transactions, entryName: "CdtTrfTxInf",
            to: &writer, text: transliterator)
    }

    public init(messageElement element: XMLElement) throws(ISO20022Error) {
        let (header, transactions): (GroupHeader, [CreditTransferTransaction]) =
            try GroupMessage.read(element, entryName: "CdtTrfTxInf", entriesRequired: true)
        self.init(groupHeader: header, transactions: transactions)
    }
}
