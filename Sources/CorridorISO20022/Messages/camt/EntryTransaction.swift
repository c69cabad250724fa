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

    /// Writes `TxDtls`; `path` (built only for an error) names it.
    func write(to writer: inout XMLStreamWriter, path: () -> String, text: Transliterator) throws(ISO20022Error) {
        try writer.writeElement("TxDtls") { writer throws(ISO20022Error) in
            let hasReferences = messageId != nil || accountServicerReference != nil || instructionId != nil
                || endToEndId != nil || uetr != nil || transactionId != nil
            if hasReferences {
                try writer.writeElement("Refs") { writer throws(ISO20022Error) in
                    try MessageCoding.writeIdentifier("MsgId", messageId, to: &writer) { path() + "/Refs" }
                    try MessageCoding.writeIdentifier("AcctSvcrRef", accountServicerReference, to: &writer) {
                        path() + "/Refs"
                    }
                    try MessageCoding.writeIdentifier("InstrId", instructionId, to: &writer) { path() + "/Refs" }
                    try MessageCoding.writeIdentifier("EndToEndId", endToEndId, to: &writer) { path() + "/Refs" }
                    if let uetr { MessageCoding.writeUETR("UETR", uetr, to: &writer) }
                    try MessageCoding.writeIdentifier("TxId", transactionId, to: &writer) { path() + "/Refs" }
                }
            }
            try amount?.writeISO20022("Amt", to: &writer, path: path)
            writer.writeElement("CdtDbtInd", optionalText: creditDebit?.rawValue)
            if debtor != nil || creditor != nil {
                try writer.writeElement("RltdPties") { writer throws(ISO20022Error) in
                    if let debtor {
                        try writer.writeElement("Dbtr") { writer throws(ISO20022Error) in
                            try debtor.write("Pty", to: &writer, path: { path() + "/RltdPties/Dbtr" }, text: text)
                        }
                    }
                    if let creditor {
                        try writer.writeElement("Cdtr") { writer throws(ISO20022Error) in
                            try creditor.write("Pty", to: &writer, path: { path() + "/RltdPties/Cdtr" }, text: text)
                        }
                    }
                }
            }
            if debtorAgent != nil || creditorAgent != nil {
                try writer.writeElement("RltdAgts") { writer throws(ISO20022Error) in
                    try debtorAgent?.write("DbtrAgt", to: &writer, path: { path() + "/RltdAgts" }, text: text)
                    try creditorAgent?.write("CdtrAgt", to: &writer, path: { path() + "/RltdAgts" }, text: text)
                }
            }
            MessageCoding.writeFreeText("Ustrd", remittanceInformation, lengthMax: 140, text: text, in: "RmtInf",
                                        to: &writer)
        }
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
