import CorridorCore

/// One returned payment of a pacs.004 (`PaymentTransaction112`).
public struct PaymentReturnTransaction: Sendable, Hashable {
    /// `RtrId`: the returning agent's reference.
    public var returnId: String?
    /// `OrgnlGrpInf`: the message of the original payment.
    public var originalGroup: OriginalGroupReference?
    /// `OrgnlInstrId`.
    public var originalInstructionId: String?
    /// `OrgnlEndToEndId`.
    public var originalEndToEndId: String?
    /// `OrgnlTxId`.
    public var originalTransactionId: String?
    /// `OrgnlUETR`; CBPR+ requires it.
    public var originalUETR: UETR?
    /// `OrgnlIntrBkSttlmAmt`.
    public var originalInterbankSettlementAmount: Money?
    /// `OrgnlIntrBkSttlmDt`.
    public var originalInterbankSettlementDate: ISODate?
    /// `RtrdIntrBkSttlmAmt`: what moves back.
    public var returnedInterbankSettlementAmount: Money
    /// `IntrBkSttlmDt`.
    public var interbankSettlementDate: ISODate?
    /// `ChrgBr`.
    public var chargeBearer: ChargeBearer?
    /// `InstgAgt`.
    public var instructingAgent: FinancialInstitution?
    /// `InstdAgt`.
    public var instructedAgent: FinancialInstitution?
    /// `RtrRsnInf`; CBPR+ requires one (codes such as AC04, AM09, CUST, DUPL, FOCR).
    public var reasons: [ReasonInformation]

    /// Creates a returned payment.
    public init(returnId: String? = nil, originalGroup: OriginalGroupReference? = nil,
                originalInstructionId: String? = nil, originalEndToEndId: String? = nil,
                originalTransactionId: String? = nil, originalUETR: UETR?,
                originalInterbankSettlementAmount: Money? = nil, originalInterbankSettlementDate: ISODate? = nil,
                returnedInterbankSettlementAmount: Money, interbankSettlementDate: ISODate? = nil,
                chargeBearer: ChargeBearer? = nil, instructingAgent: FinancialInstitution? = nil,
                instructedAgent: FinancialInstitution? = nil, reasons: [ReasonInformation]) {
        self.returnId = returnId
        self.originalGroup = originalGroup
        self.originalInstructionId = originalInstructionId
        self.originalEndToEndId = originalEndToEndId
        self.originalTransactionId = originalTransactionId
        self.originalUETR = originalUETR
        self.originalInterbankSettlementAmount = originalInterbankSettlementAmount
        self.originalInterbankSettlementDate = originalInterbankSettlementDate
        self.returnedInterbankSettlementAmount = returnedInterbankSettlementAmount
        self.interbankSettlementDate = interbankSettlementDate
        self.chargeBearer = chargeBearer
        self.instructingAgent = instructingAgent
        self.instructedAgent = instructedAgent
        self.reasons = reasons
    }

    /// Writes `TxInf`; `path` (built only for an error) names it.
    func write(to writer: inout XMLStreamWriter, path: () -> String, text: Transliterator) throws(ISO20022Error) {
        try writer.writeElement("TxInf") { writer throws(ISO20022Error) in
            try MessageCoding.writeIdentifier("RtrId", returnId, to: &writer, path: path)
            try originalGroup?.write(to: &writer, path: path)
            try MessageCoding.writeIdentifier("OrgnlInstrId", originalInstructionId, to: &writer, path: path)
            try MessageCoding.writeIdentifier("OrgnlEndToEndId", originalEndToEndId, to: &writer, path: path)
            try MessageCoding.writeIdentifier("OrgnlTxId", originalTransactionId, to: &writer, path: path)
            MessageCoding.writeUETR("OrgnlUETR", try MessageCoding.requireUETR(originalUETR, path: path), to: &writer)
            try originalInterbankSettlementAmount?.writeISO20022("OrgnlIntrBkSttlmAmt", to: &writer, path: path)
            MessageCoding.writeDate("OrgnlIntrBkSttlmDt", originalInterbankSettlementDate, to: &writer)
            try returnedInterbankSettlementAmount.writeISO20022("RtrdIntrBkSttlmAmt", to: &writer, path: path)
            MessageCoding.writeDate("IntrBkSttlmDt", interbankSettlementDate, to: &writer)
            writer.writeElement("ChrgBr", optionalText: chargeBearer?.rawValue)
            try instructingAgent?.write("InstgAgt", to: &writer, path: path, text: text)
            try instructedAgent?.write("InstdAgt", to: &writer, path: path, text: text)
            guard !reasons.isEmpty else {
                throw .ruleViolation(path: path() + "/RtrRsnInf", rule: "CBPR+ requires a return reason")
            }
            for reason in reasons { try reason.write("RtrRsnInf", to: &writer, path: path, text: text) }
        }
    }

    init(element: XMLElement) throws(ISO20022Error) {
        var reasons: [ReasonInformation] = []
        for child in element.children("RtrRsnInf") { reasons.append(try ReasonInformation(element: child)) }
        self.init(returnId: element.optionalText("RtrId"),
                  originalGroup: try element.child("OrgnlGrpInf").map { (child) throws(ISO20022Error) in
                      try OriginalGroupReference(element: child)
                  },
                  originalInstructionId: element.optionalText("OrgnlInstrId"),
                  originalEndToEndId: element.optionalText("OrgnlEndToEndId"),
                  originalTransactionId: element.optionalText("OrgnlTxId"),
                  originalUETR: try MessageCoding.optionalUETR(element, "OrgnlUETR"),
                  originalInterbankSettlementAmount: try MessageCoding.optionalMoney(element, "OrgnlIntrBkSttlmAmt"),
                  originalInterbankSettlementDate: try MessageCoding.optionalDate(element, "OrgnlIntrBkSttlmDt"),
                  returnedInterbankSettlementAmount: try Money(
                      iso20022Element: try element.required("RtrdIntrBkSttlmAmt")),
                  interbankSettlementDate: try MessageCoding.optionalDate(element, "IntrBkSttlmDt"),
                  chargeBearer: try element.optionalText("ChrgBr").map { (code) throws(ISO20022Error) in
                      try ChargeBearer(path: element.childPath("ChrgBr"), text: code)
                  },
                  instructingAgent: try MessageCoding.optionalAgent(element, "InstgAgt"),
                  instructedAgent: try MessageCoding.optionalAgent(element, "InstdAgt"), reasons: reasons)
    }
}
