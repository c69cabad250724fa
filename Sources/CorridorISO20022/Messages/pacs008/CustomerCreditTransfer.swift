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

    public func messageElement(transliterator: Transliterator) throws(ISO20022Error) -> XMLElement {
        let path = "/Document/FIToFICstmrCdtTrf"
        guard !transactions.isEmpty else { throw .missingElement(path: path + "/CdtTrfTxInf") }
        var children = [try groupHeader.element(numberOfTransactions: transactions.count, path: path,
                                                text: transliterator)]
        for (index, transaction) in transactions.enumerated() {
            let here = path + "/CdtTrfTxInf" + (index > 0 ? "[\(index + 1)]" : "")
            children.append(try transaction.element(path: here, text: transliterator))
        }
        return XMLElement(Self.messageDefinition.rootElement, children: children)
    }

    public init(messageElement element: XMLElement) throws(ISO20022Error) {
        let header = try element.required("GrpHdr")
        var transactions: [CreditTransferTransaction] = []
        for child in element.children("CdtTrfTxInf") { transactions.append(try CreditTransferTransaction(element: child)) }
        guard !transactions.isEmpty else { throw .missingElement(path: element.path + "/CdtTrfTxInf") }
        try MessageCoding.checkCount(header, actual: transactions.count)
        self.init(groupHeader: try GroupHeader(element: header), transactions: transactions)
    }
}
