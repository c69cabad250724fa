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

    func element(path: String, text: Transliterator) throws(ISO20022Error) -> XMLElement {
        var children: [XMLElement] = []
        children.append(ifPresent: try MessageCoding.identifier("RtrId", returnId, path: path))
        children.append(ifPresent: try originalGroup?.element(path: path))
        children.append(ifPresent: try MessageCoding.identifier("OrgnlInstrId", originalInstructionId, path: path))
        children.append(ifPresent: try MessageCoding.identifier("OrgnlEndToEndId", originalEndToEndId, path: path))
        children.append(ifPresent: try MessageCoding.identifier("OrgnlTxId", originalTransactionId, path: path))
        children.append(XMLElement("OrgnlUETR", text: try MessageCoding.requireUETR(originalUETR, path: path).text))
        children.append(ifPresent: try originalInterbankSettlementAmount?.iso20022Element("OrgnlIntrBkSttlmAmt",
                                                                                          path: path))
        children.append("OrgnlIntrBkSttlmDt", originalInterbankSettlementDate?.text)
        children.append(try returnedInterbankSettlementAmount.iso20022Element("RtrdIntrBkSttlmAmt", path: path))
        children.append("IntrBkSttlmDt", interbankSettlementDate?.text)
        children.append("ChrgBr", chargeBearer?.rawValue)
        children.append(ifPresent: try instructingAgent?.element("InstgAgt", path: path, text: text))
        children.append(ifPresent: try instructedAgent?.element("InstdAgt", path: path, text: text))
        guard !reasons.isEmpty else {
            throw .ruleViolation(path: path + "/RtrRsnInf", rule: "CBPR+ requires a return reason")
        }
        for reason in reasons { children.append(try reason.element("RtrRsnInf", path: path, text: text)) }
        return XMLElement("TxInf", children: children)
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
