import CorridorCore

/// One customer payment of a pacs.008 (`CreditTransferTransaction39`).
///
/// Guarantees once written: `uetr` is present, every agent has a BIC, `chargeBearer` is not SLEV, amounts are
/// non-negative with at most 18 digits; `exchangeRate` is a plain decimal (`BaseOneRate`, ≤ 10 fraction digits).
public struct CreditTransferTransaction: Sendable, Hashable {
    /// `PmtId/InstrId`.
    public var instructionId: String?
    /// `PmtId/EndToEndId`: the debtor's reference, carried unchanged to the creditor.
    public var endToEndId: String
    /// `PmtId/TxId`.
    public var transactionId: String?
    /// `PmtId/UETR`; CBPR+ requires it (the reader accepts messages without one).
    public var uetr: UETR?
    /// `IntrBkSttlmAmt`: what moves between the agents.
    public var interbankSettlementAmount: Money
    /// `IntrBkSttlmDt`.
    public var interbankSettlementDate: ISODate?
    /// `InstdAmt`: what the debtor ordered, in the debtor's currency, before conversion.
    public var instructedAmount: Money?
    /// `XchgRate`: units of settlement currency per unit of instructed currency, as decimal text ("12.3456").
    public var exchangeRate: String?
    /// `ChrgBr`.
    public var chargeBearer: ChargeBearer
    /// `InstgAgt`.
    public var instructingAgent: FinancialInstitution?
    /// `InstdAgt`.
    public var instructedAgent: FinancialInstitution?
    /// `Dbtr`.
    public var debtor: Party
    /// `DbtrAcct`.
    public var debtorAccount: CashAccount?
    /// `DbtrAgt`.
    public var debtorAgent: FinancialInstitution
    /// `CdtrAgt`.
    public var creditorAgent: FinancialInstitution
    /// `Cdtr`.
    public var creditor: Party
    /// `CdtrAcct`.
    public var creditorAccount: CashAccount?
    /// `RmtInf/Ustrd`, transliterated and cut to 140 characters each.
    public var remittanceInformation: [String]

    /// Creates a transaction.
    public init(instructionId: String? = nil, endToEndId: String, transactionId: String? = nil, uetr: UETR?,
                interbankSettlementAmount: Money, interbankSettlementDate: ISODate? = nil,
                instructedAmount: Money? = nil, exchangeRate: String? = nil, chargeBearer: ChargeBearer,
                instructingAgent: FinancialInstitution? = nil, instructedAgent: FinancialInstitution? = nil,
                debtor: Party, debtorAccount: CashAccount? = nil, debtorAgent: FinancialInstitution,
                creditorAgent: FinancialInstitution, creditor: Party, creditorAccount: CashAccount? = nil,
                remittanceInformation: [String] = []) {
        self.instructionId = instructionId
        self.endToEndId = endToEndId
        self.transactionId = transactionId
        self.uetr = uetr
        self.interbankSettlementAmount = interbankSettlementAmount
        self.interbankSettlementDate = interbankSettlementDate
        self.instructedAmount = instructedAmount
        self.exchangeRate = exchangeRate
        self.chargeBearer = chargeBearer
        self.instructingAgent = instructingAgent
        self.instructedAgent = instructedAgent
        self.debtor = debtor
        self.debtorAccount = debtorAccount
        self.debtorAgent = debtorAgent
        self.creditorAgent = creditorAgent
        self.creditor = creditor
        self.creditorAccount = creditorAccount
        self.remittanceInformation = remittanceInformation
    }

    /// Writes `CdtTrfTxInf`; `path` (built only for an error) names it.
    func write(to writer: inout XMLStreamWriter, path: () -> String, text: Transliterator) throws(ISO20022Error) {
        writer.writeStartTag("CdtTrfTxInf")
        try MessageCoding.writePaymentIdentification(
            instructionId: instructionId, endToEndId: endToEndId, transactionId: transactionId, uetr: uetr,
            to: &writer, path: path)
        try interbankSettlementAmount.writeISO20022("IntrBkSttlmAmt", to: &writer, path: path)
        MessageCoding.writeDate("IntrBkSttlmDt", interbankSettlementDate, to: &writer)
        try instructedAmount?.writeISO20022("InstdAmt", to: &writer, path: path)
        if let exchangeRate {
            guard Self.isRate(exchangeRate) else {
                throw .invalidValue(path: path() + "/XchgRate", value: exchangeRate,
                                    expected: "a decimal rate (BaseOneRate)")
            }
            writer.writeElement("XchgRate", text: exchangeRate)
        }
        guard chargeBearer != .serviceLevel else {
            throw .ruleViolation(path: path() + "/ChrgBr", rule: "CBPR+ pacs.008 allows DEBT, CRED or SHAR")
        }
        writer.writeElement("ChrgBr", text: chargeBearer.rawValue)
        try instructingAgent?.write("InstgAgt", to: &writer, path: path, text: text)
        try instructedAgent?.write("InstdAgt", to: &writer, path: path, text: text)
        try debtor.write("Dbtr", to: &writer, path: path, text: text)
        try debtorAccount?.write("DbtrAcct", to: &writer, path: path, text: text)
        try debtorAgent.write("DbtrAgt", to: &writer, path: path, text: text)
        try creditorAgent.write("CdtrAgt", to: &writer, path: path, text: text)
        try creditor.write("Cdtr", to: &writer, path: path, text: text)
        try creditorAccount?.write("CdtrAcct", to: &writer, path: path, text: text)
        MessageCoding.writeFreeText("Ustrd", remittanceInformation, lengthMax: 140, text: text, in: "RmtInf",
                                    to: &writer)
        writer.writeEndTag("CdtTrfTxInf")
    }

    init(element: XMLElement) throws(ISO20022Error) {
        let identification = try element.required("PmtId")
        let rate = element.optionalText("XchgRate")
        if let rate { try Self.checkRate(rate, path: element.childPath("XchgRate")) }
        self.init(instructionId: identification.optionalText("InstrId"),
                  endToEndId: try identification.text("EndToEndId"),
                  transactionId: identification.optionalText("TxId"),
                  uetr: try MessageCoding.optionalUETR(identification, "UETR"),
                  interbankSettlementAmount: try Money(iso20022Element: try element.required("IntrBkSttlmAmt")),
                  interbankSettlementDate: try MessageCoding.optionalDate(element, "IntrBkSttlmDt"),
                  instructedAmount: try MessageCoding.optionalMoney(element, "InstdAmt"),
                  exchangeRate: rate,
                  chargeBearer: try ChargeBearer(path: element.childPath("ChrgBr"), text: try element.text("ChrgBr")),
                  instructingAgent: try MessageCoding.optionalAgent(element, "InstgAgt"),
                  instructedAgent: try MessageCoding.optionalAgent(element, "InstdAgt"),
                  debtor: try Party(element: try element.required("Dbtr")),
                  debtorAccount: try MessageCoding.optionalAccount(element, "DbtrAcct"),
                  debtorAgent: try FinancialInstitution(element: try element.required("DbtrAgt")),
                  creditorAgent: try FinancialInstitution(element: try element.required("CdtrAgt")),
                  creditor: try Party(element: try element.required("Cdtr")),
                  creditorAccount: try MessageCoding.optionalAccount(element, "CdtrAcct"),
                  remittanceInformation: element.child("RmtInf")?.texts("Ustrd") ?? [])
    }

    /// `BaseOneRate`: digits, an optional point, at most 11 digits in all and 10 after the point.
    static func checkRate(_ rate: String, path: String) throws(ISO20022Error) {
        guard isRate(rate) else { throw .invalidValue(path: path, value: rate, expected: "a decimal rate (BaseOneRate)") }
    }

    /// Whether `rate` is a `BaseOneRate` (see ``checkRate(_:path:)``), checked byte by byte.
    static func isRate(_ rate: String) -> Bool {
        var points = 0
        var digits = 0
        var fractionDigits = 0
        var previousIsDigit = false
        for byte in rate.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
                if points == 1 { fractionDigits += 1 }
                previousIsDigit = true
            case UInt8(ascii: "."):
                // A point needs digits on both sides.
                guard previousIsDigit else { return false }
                points += 1
                previousIsDigit = false
            default:
                return false
            }
        }
        return previousIsDigit && points <= 1 && digits <= 11 && fractionDigits <= 10
    }
}
