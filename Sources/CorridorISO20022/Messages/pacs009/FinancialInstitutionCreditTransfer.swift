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

    public func messageElement(transliterator: Transliterator) throws(ISO20022Error) -> XMLElement {
        let path = "/Document/FICdtTrf"
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
        var transactions: [FinancialInstitutionCreditTransferTransaction] = []
        for child in element.children("CdtTrfTxInf") {
            transactions.append(try FinancialInstitutionCreditTransferTransaction(element: child))
        }
        guard !transactions.isEmpty else { throw .missingElement(path: element.path + "/CdtTrfTxInf") }
        try MessageCoding.checkCount(header, actual: transactions.count)
        self.init(groupHeader: try GroupHeader(element: header), transactions: transactions)
    }
}
