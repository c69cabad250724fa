/// An agent (`BranchAndFinancialInstitutionIdentification6`): a bank identified by BIC, or, as in domestic
/// clearing (Fedwire's ABA numbers, CNAPS, Russian BIK), by a clearing-system member id.
///
/// CBPR+ requires the BIC for the agents of the messages Corridor emits; the writer checks it
/// (``ISO20022Error/ruleViolation(path:rule:)``). The reader accepts either.
public struct FinancialInstitution: Sendable, Hashable {
    /// `BICFI`.
    public var bic: BIC?
    /// `ClrSysMmbId`.
    public var clearingSystemMember: ClearingSystemMember?
    /// `Nm`.
    public var name: String?
    /// `PstlAdr`.
    public var postalAddress: PostalAddress?

    /// Creates an agent.
    public init(bic: BIC?, clearingSystemMember: ClearingSystemMember? = nil, name: String? = nil,
                postalAddress: PostalAddress? = nil) {
        self.bic = bic
        self.clearingSystemMember = clearingSystemMember
        self.name = name
        self.postalAddress = postalAddress
    }

    /// An agent known by its BIC only (the CBPR+ preferred form).
    public init(bic: BIC) {
        self.init(bic: bic, clearingSystemMember: nil)
    }

    func element(_ name: String, path: String, text: Transliterator, requireBIC: Bool = true)
        throws(ISO20022Error) -> XMLElement
    {
        // The path is built only for an error or a postal address.
        func here() -> String { path + "/" + name + "/FinInstnId" }
        if requireBIC && bic == nil { throw .ruleViolation(path: here() + "/BICFI", rule: "CBPR+ agents need a BIC") }
        var children: [XMLElement] = []
        children.append("BICFI", bic?.text)
        if let member = clearingSystemMember {
            try CBPRPlusText.checkIdentifier(member.memberId, lengthMax: 35) { here() + "/ClrSysMmbId/MmbId" }
            try CBPRPlusText.checkIdentifier(member.clearingSystemCode, lengthMax: 5) {
                here() + "/ClrSysMmbId/ClrSysId/Cd"
            }
            children.append(XMLElement("ClrSysMmbId", children: [
                XMLElement("ClrSysId", children: [XMLElement("Cd", text: member.clearingSystemCode)]),
                XMLElement("MmbId", text: member.memberId),
            ]))
        }
        children.append("Nm", self.name.flatMap { CBPRPlusText.freeText($0, lengthMax: 140, transliterator: text) })
        if let postalAddress { children.append(try postalAddress.element("PstlAdr", path: here(), text: text)) }
        return XMLElement(name, children: [XMLElement("FinInstnId", children: children)])
    }

    init(element: XMLElement) throws(ISO20022Error) {
        let identification = try element.required("FinInstnId")
        var bic: BIC?
        if let text = identification.optionalText("BICFI") { bic = try BIC(text) }
        var member: ClearingSystemMember?
        if let node = identification.child("ClrSysMmbId") {
            let code = try node.required("ClrSysId").optionalText("Cd") ?? ""
            member = ClearingSystemMember(clearingSystemCode: code, memberId: try node.text("MmbId"))
        }
        self.init(bic: bic, clearingSystemMember: member, name: identification.optionalText("Nm"),
                  postalAddress: try identification.child("PstlAdr").map { (child) throws(ISO20022Error) in
                      try PostalAddress(element: child)
                  })
    }
}

/// A bank's id in a clearing system (`ClearingSystemMemberIdentification2`): the system's external code
/// (`USABA` Fedwire, `CNAPS` China, `RUCBC` Bank of Russia) and the member id in it.
public struct ClearingSystemMember: Sendable, Hashable {
    /// `ClrSysId/Cd`, an ExternalClearingSystemIdentification1Code (1–5 characters).
    public var clearingSystemCode: String
    /// `MmbId` (up to 35 characters).
    public var memberId: String

    /// Creates a member id.
    public init(clearingSystemCode: String, memberId: String) {
        self.clearingSystemCode = clearingSystemCode
        self.memberId = memberId
    }
}
