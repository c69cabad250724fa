import CorridorCore

/// One bank-to-bank transfer of a pacs.009 (`CreditTransferTransaction36`).
public struct FinancialInstitutionCreditTransferTransaction: Sendable, Hashable {
    /// `PmtId/InstrId`.
    public var instructionId: String?
    /// `PmtId/EndToEndId`.
    public var endToEndId: String
    /// `PmtId/TxId`.
    public var transactionId: String?
    /// `PmtId/UETR`; CBPR+ requires it.
    public var uetr: UETR?
    /// `IntrBkSttlmAmt`.
    public var interbankSettlementAmount: Money
    /// `IntrBkSttlmDt`.
    public var interbankSettlementDate: ISODate?
    /// `InstgAgt`.
    public var instructingAgent: FinancialInstitution?
    /// `InstdAgt`.
    public var instructedAgent: FinancialInstitution?
    /// `Dbtr`: the paying bank.
    public var debtor: FinancialInstitution
    /// `DbtrAcct`.
    public var debtorAccount: CashAccount?
    /// `Cdtr`: the receiving bank.
    public var creditor: FinancialInstitution
    /// `CdtrAcct`.
    public var creditorAccount: CashAccount?

    /// Creates a transfer.
    public init(instructionId: String? = nil, endToEndId: String, transactionId: String? = nil, uetr: UETR?,
                interbankSettlementAmount: Money, interbankSettlementDate: ISODate? = nil,
                instructingAgent: FinancialInstitution? = nil, instructedAgent: FinancialInstitution? = nil,
                debtor: FinancialInstitution, debtorAccount: CashAccount? = nil, creditor: FinancialInstitution,
                creditorAccount: CashAccount? = nil) {
        self.instructionId = instructionId
        self.endToEndId = endToEndId
        self.transactionId = transactionId
        self.uetr = uetr
        self.interbankSettlementAmount = interbankSettlementAmount
        self.interbankSettlementDate = interbankSettlementDate
        self.instructingAgent = instructingAgent
        self.instructedAgent = instructedAgent
        self.debtor = debtor
        self.debtorAccount = debtorAccount
        self.creditor = creditor
        self.creditorAccount = creditorAccount
    }

    /// Writes `CdtTrfTxInf`; `path` (built only for an error) names it.
    func write(to writer: inout XMLStreamWriter, path: () -> String, text: Transliterator) throws(ISO20022Error) {
        try writer.writeElement("CdtTrfTxInf") { writer throws(ISO20022Error) in
            try MessageCoding.writePaymentIdentification(
                instructionId: instructionId, endToEndId: endToEndId, transactionId: transactionId, uetr: uetr,
                to: &writer, path: path)
            try interbankSettlementAmount.writeISO20022("IntrBkSttlmAmt", to: &writer, path: path)
            MessageCoding.writeDate("IntrBkSttlmDt", interbankSettlementDate, to: &writer)
            try instructingAgent?.write("InstgAgt", to: &writer, path: path, text: text)
            try instructedAgent?.write("InstdAgt", to: &writer, path: path, text: text)
            try debtor.write("Dbtr", to: &writer, path: path, text: text)
            try debtorAccount?.write("DbtrAcct", to: &writer, path: path, text: text)
            try creditor.write("Cdtr", to: &writer, path: path, text: text)
            try creditorAccount?.write("CdtrAcct", to: &writer, path: path, text: text)
        }
    }

    init(element: XMLElement) throws(ISO20022Error) {
        let identification = try element.required("PmtId")
        self.init(instructionId: identification.optionalText("InstrId"),
                  endToEndId: try identification.text("EndToEndId"),
                  transactionId: identification.optionalText("TxId"),
                  uetr: try MessageCoding.optionalUETR(identification, "UETR"),
                  interbankSettlementAmount: try Money(iso20022Element: try element.required("IntrBkSttlmAmt")),
                  interbankSettlementDate: try MessageCoding.optionalDate(element, "IntrBkSttlmDt"),
                  instructingAgent: try MessageCoding.optionalAgent(element, "InstgAgt"),
                  instructedAgent: try MessageCoding.optionalAgent(element, "InstdAgt"),
                  debtor: try FinancialInstitution(element: try element.required("Dbtr")),
                  debtorAccount: try MessageCoding.optionalAccount(element, "DbtrAcct"),
                  creditor: try FinancialInstitution(element: try element.required("Cdtr")),
                  creditorAccount: try MessageCoding.optionalAccount(element, "CdtrAcct"))
    }
}
