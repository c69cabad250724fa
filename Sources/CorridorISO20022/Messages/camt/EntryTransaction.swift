import CorridorCore

/// One payment behind a camt entry (`EntryTransaction10`): its references, amount, parties, agents and
/// remittance information.
public struct EntryTransaction: Sendable, Hashable {
    /// `Refs/MsgId`.
    public var messageId: String?
    /// `Refs/AcctSvcrRef`.
    public var accountServicerReference: String?
    /// `Refs/InstrId`.
    public var instructionId: String?
    /// `Refs/EndToEndId`.
    public var endToEndId: String?
    /// `Refs/UETR`.
    public var uetr: UETR?
    /// `Refs/TxId`.
    public var transactionId: String?
    /// `Amt`.
    public var amount: Money?
    /// `CdtDbtInd`.
    public var creditDebit: CreditDebit?
    /// `RltdPties/Dbtr/Pty`.
    public var debtor: Party?
    /// `RltdPties/Cdtr/Pty`.
    public var creditor: Party?
    /// `RltdAgts/DbtrAgt`.
    public var debtorAgent: FinancialInstitution?
    /// `RltdAgts/CdtrAgt`.
    public var creditorAgent: FinancialInstitution?
    /// `RmtInf/Ustrd`.
    public var remittanceInformation: [String]

    /// Creates a transaction detail.
    public init(messageId: String? = nil, accountServicerReference: String? = nil, instructionId: String? = nil,
                endToEndId: String? = nil, uetr: UETR? = nil, transactionId: String? = nil, amount: Money? = nil,
                creditDebit: CreditDebit? = nil, debtor: Party? = nil, creditor: Party? = nil,
                debtorAgent: FinancialInstitution? = nil, creditorAgent: FinancialInstitution? = nil,
                remittanceInformation: [String] = []) {
        self.messageId = messageId
        self.accountServicerReference = accountServicerReference
        self.instructionId = instructionId
        self.endToEndId = endToEndId
        self.uetr = uetr
        self.transactionId = transactionId
        self.amount = amount
        self.creditDebit = creditDebit
        self.debtor = debtor
        self.creditor = creditor
        self.debtorAgent = debtorAgent
        self.creditorAgent = creditorAgent
        self.remittanceInformation = remittanceInformation
    }

    func element(path: String, text: Transliterator) throws(ISO20022Error) -> XMLElement {
        let refsPath = path + "/Refs"
        var references: [XMLElement] = []
        references.append(ifPresent: try MessageCoding.identifier("MsgId", messageId, path: refsPath))
        references.append(ifPresent: try MessageCoding.identifier("AcctSvcrRef", accountServicerReference,
                                                                 path: refsPath))
        references.append(ifPresent: try MessageCoding.identifier("InstrId", instructionId, path: refsPath))
        references.append(ifPresent: try MessageCoding.identifier("EndToEndId", endToEndId, path: refsPath))
        references.append("UETR", uetr?.text)
        references.append(ifPresent: try MessageCoding.identifier("TxId", transactionId, path: refsPath))
        var children: [XMLElement] = []
        if !references.isEmpty { children.append(XMLElement("Refs", children: references)) }
        children.append(ifPresent: try amount?.iso20022Element("Amt", path: path))
        children.append("CdtDbtInd", creditDebit?.rawValue)
        var parties: [XMLElement] = []
        if let debtor {
            parties.append(XMLElement("Dbtr", children: [try debtor.element("Pty", path: path + "/RltdPties/Dbtr",
                                                                            text: text)]))
        }
        if let creditor {
            parties.append(XMLElement("Cdtr", children: [try creditor.element("Pty", path: path + "/RltdPties/Cdtr",
                                                                              text: text)]))
        }
        if !parties.isEmpty { children.append(XMLElement("RltdPties", children: parties)) }
        var agents: [XMLElement] = []
        agents.append(ifPresent: try debtorAgent?.element("DbtrAgt", path: path + "/RltdAgts", text: text))
        agents.append(ifPresent: try creditorAgent?.element("CdtrAgt", path: path + "/RltdAgts", text: text))
        if !agents.isEmpty { children.append(XMLElement("RltdAgts", children: agents)) }
        let remittance = MessageCoding.freeText("Ustrd", remittanceInformation, lengthMax: 140, text: text)
        if !remittance.isEmpty { children.append(XMLElement("RmtInf", children: remittance)) }
        return XMLElement("TxDtls", children: children)
    }

    init(element: XMLElement) throws(ISO20022Error) {
        let references = element.child("Refs") ?? XMLElement("Refs")
        let parties = element.child("RltdPties")
        let agents = element.child("RltdAgts")
        var creditDebit: CreditDebit?
        if element.child("CdtDbtInd") != nil { creditDebit = try CreditDebit(element: element) }
        self.init(messageId: references.optionalText("MsgId"),
                  accountServicerReference: references.optionalText("AcctSvcrRef"),
                  instructionId: references.optionalText("InstrId"), endToEndId: references.optionalText("EndToEndId"),
                  uetr: try MessageCoding.optionalUETR(references, "UETR"),
                  transactionId: references.optionalText("TxId"),
                  amount: try MessageCoding.optionalMoney(element, "Amt"), creditDebit: creditDebit,
                  debtor: try parties?.child("Dbtr").flatMap { (node) throws(ISO20022Error) in
                      try MessageCoding.optionalParty(node, "Pty")
                  },
                  creditor: try parties?.child("Cdtr").flatMap { (node) throws(ISO20022Error) in
                      try MessageCoding.optionalParty(node, "Pty")
                  },
                  debtorAgent: try agents.flatMap { (node) throws(ISO20022Error) in
                      try MessageCoding.optionalAgent(node, "DbtrAgt")
                  },
                  creditorAgent: try agents.flatMap { (node) throws(ISO20022Error) in
                      try MessageCoding.optionalAgent(node, "CdtrAgt")
                  },
                  remittanceInformation: element.child("RmtInf")?.texts("Ustrd") ?? [])
    }
}
