/// pacs.009.001.08 FinancialInstitutionCreditTransfer: a bank pays a bank, as Corridor's clearing does for each
/// net obligation between settlement agents.
///
/// CBPR+ rules checked when written: a UETR on every transaction, BICs for debtor, creditor and all agents.
public struct FinancialInstitutionCreditTransfer: ISO20022Message {
    /// `GrpHdr`.
    public var groupHeader: GroupHeader
    /// `CdtTrfTxInf`, at least one.
    public var transactions: [FinancialInstitutionCreditTransferTransaction]

    /// Creates the message.
    public init(groupHeader: GroupHeader, transactions: [FinancialInstitutionCreditTransferTransaction]) {
        self.groupHeader = groupHeader
        self.transactions = transactions
    }

    public static let messageDefinition = MessageDefinition(identifier: "pacs.009.001.08", rootElement: "FICdtTrf")
    public var messageIdentifier: String { groupHeader.messageId }

    public func writeMessageContent(to writer: inout XMLStreamWriter, transliterator: Transliterator)
        throws(ISO20022Error)
    {
        try GroupMessage.write(
            root: Self.messageDefinition.rootElement, header: groupHeader, entries: transactions, entryName: "CdtTrfTxInf",
            to: &writer, text: transliterator)
    }

    public init(messageElement element: XMLElement) throws(ISO20022Error) {
        let (header, transactions): (GroupHeader, [FinancialInstitutionCreditTransferTransaction]) =
            try GroupMessage.read(element, entryName: "CdtTrfTxInf", entriesRequired: true)
        self.init(groupHeader: header, transactions: transactions)
    }
}
