/// The status of one payment in a pacs.002 (`PaymentTransaction110`).
public struct PaymentTransactionStatus: Sendable, Hashable {
    /// `OrgnlGrpInf`: the message the payment came in.
    public var originalGroup: OriginalGroupReference
    /// `OrgnlInstrId`.
    public var originalInstructionId: String?
    /// `OrgnlEndToEndId`.
    public var originalEndToEndId: String?
    /// `OrgnlTxId`.
    public var originalTransactionId: String?
    /// `OrgnlUETR`; CBPR+ requires it.
    public var originalUETR: UETR?
    /// `TxSts`.
    public var status: TransactionStatus
    /// `StsRsnInf`; CBPR+ requires one for RJCT.
    public var reasons: [ReasonInformation]
    /// `AccptncDtTm`.
    public var acceptanceDateTime: ISODateTime?
    /// `FctvIntrBkSttlmDt/Dt`: when the payment settled (ACSC).
    public var effectiveSettlementDate: ISODate?
    /// `InstgAgt`.
    public var instructingAgent: FinancialInstitution?
    /// `InstdAgt`.
    public var instructedAgent: FinancialInstitution?

    /// Creates a status entry.
    public init(originalGroup: OriginalGroupReference, originalInstructionId: String? = nil,
                originalEndToEndId: String? = nil, originalTransactionId: String? = nil, originalUETR: UETR?,
                status: TransactionStatus, reasons: [ReasonInformation] = [], acceptanceDateTime: ISODateTime? = nil,
                effectiveSettlementDate: ISODate? = nil, instructingAgent: FinancialInstitution? = nil,
                instructedAgent: FinancialInstitution? = nil) {
        self.originalGroup = originalGroup
        self.originalInstructionId = originalInstructionId
        self.originalEndToEndId = originalEndToEndId
        self.originalTransactionId = originalTransactionId
        self.originalUETR = originalUETR
        self.status = status
        self.reasons = reasons
        self.acceptanceDateTime = acceptanceDateTime
        self.effectiveSettlementDate = effectiveSettlementDate
        self.instructingAgent = instructingAgent
        self.instructedAgent = instructedAgent
    }

    /// Writes `TxInfAndSts`; `path` (built only for an error) names it.
    func write(to writer: inout XMLStreamWriter, path: () -> String, text: Transliterator) throws(ISO20022Error) {
        try writer.writeElement("TxInfAndSts") { writer throws(ISO20022Error) in
            try originalGroup.write(to: &writer, path: path)
            try MessageCoding.writeIdentifier("OrgnlInstrId", originalInstructionId, to: &writer, path: path)
            try MessageCoding.writeIdentifier("OrgnlEndToEndId", originalEndToEndId, to: &writer, path: path)
            try MessageCoding.writeIdentifier("OrgnlTxId", originalTransactionId, to: &writer, path: path)
            MessageCoding.writeUETR("OrgnlUETR", try MessageCoding.requireUETR(originalUETR, path: path), to: &writer)
            writer.writeElement("TxSts", text: status.rawValue)
            if status == .rejected && reasons.isEmpty {
                throw .ruleViolation(path: path() + "/StsRsnInf", rule: "CBPR+ requires a reason for RJCT")
            }
            for reason in reasons { try reason.write("StsRsnInf", to: &writer, path: path, text: text) }
            MessageCoding.writeDateTime("AccptncDtTm", acceptanceDateTime, to: &writer)
            MessageCoding.writeDateChoice("FctvIntrBkSttlmDt", effectiveSettlementDate, to: &writer)
            try instructingAgent?.write("InstgAgt", to: &writer, path: path, text: text)
            try instructedAgent?.write("InstdAgt", to: &writer, path: path, text: text)
        }
    }

    init(element: XMLElement) throws(ISO20022Error) {
        let statusText = try element.text("TxSts")
        guard let status = TransactionStatus(rawValue: statusText) else {
            throw .invalidValue(path: element.childPath("TxSts"), value: statusText,
                                expected: TransactionStatus.allCases.map(\.rawValue).joined(separator: ", "))
        }
        var reasons: [ReasonInformation] = []
        for child in element.children("StsRsnInf") { reasons.append(try ReasonInformation(element: child)) }
        let settled = try element.child("FctvIntrBkSttlmDt").map { (child) throws(ISO20022Error) in
            try MessageCoding.optionalDate(child, "Dt")
        } ?? nil
        self.init(originalGroup: try OriginalGroupReference(element: try element.required("OrgnlGrpInf")),
                  originalInstructionId: element.optionalText("OrgnlInstrId"),
                  originalEndToEndId: element.optionalText("OrgnlEndToEndId"),
                  originalTransactionId: element.optionalText("OrgnlTxId"),
                  originalUETR: try MessageCoding.optionalUETR(element, "OrgnlUETR"), status: status, reasons: reasons,
                  acceptanceDateTime: try MessageCoding.optionalDateTime(element, "AccptncDtTm"),
                  effectiveSettlementDate: settled,
                  instructingAgent: try MessageCoding.optionalAgent(element, "InstgAgt"),
                  instructedAgent: try MessageCoding.optionalAgent(element, "InstdAgt"))
    }
}

/// `ExternalPaymentTransactionStatus1Code` values Corridor uses.
public enum TransactionStatus: String, Sendable, Hashable, CaseIterable {
    /// `ACSC`: settlement on the creditor's side completed.
    case acceptedSettlementCompleted = "ACSC"
    /// `ACSP`: accepted, settlement in process.
    case acceptedSettlementInProcess = "ACSP"
    /// `ACCC`: accepted, the creditor's account credited.
    case acceptedCreditSettlementCompleted = "ACCC"
    /// `ACTC`: passed technical validation.
    case acceptedTechnicalValidation = "ACTC"
    /// `PDNG`: pending, further checks running.
    case pending = "PDNG"
    /// `RJCT`: rejected; the reason says why.
    case rejected = "RJCT"
}
