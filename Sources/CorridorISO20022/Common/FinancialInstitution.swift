/// An agent (`BranchAndFinancialInstitutionIdentification6`): a bank identified by BIC, or, as in domestic
/// clearing (Fedwire's ABA numbers, CNAPS, Russian BIK), by a clearing-system member id.
///
/// CBPR+ requires the BIC for the agents of the messages Corridor emits; the writer checks it
/// (``ISO20022Error/ruleViolation(path:rule:)``). The reader accepts either.
public struct FinancialInstitution: Sendable, Hashable {
    /// `BICFI`.
    public var bic: BIC?
    /// `ClrSysMmbId`.
    public var clearingSystemMember: ClearingSystemMember? {
        get { storedMember.value }
        set { storedMember = IndirectValue(newValue) }
    }
    /// `Nm`.
    public var name: String?
    /// `PstlAdr`.
    public var postalAddress: PostalAddress? {
        get { storedAddress.value }
        set { storedAddress = IndirectValue(newValue) }
    }

    // Out of line: most agents are a BIC alone.
    private var storedMember: IndirectValue<ClearingSystemMember>
    private var storedAddress: IndirectValue<PostalAddress>

    /// Creates an agent.
    public init(bic: BIC?, clearingSystemMember: ClearingSystemMember? = nil, name: String? = nil,
                postalAddress: PostalAddress? = nil) {
        self.bic = bic
        self.storedMember = IndirectValue(clearingSystemMember)
        self.name = name
        self.storedAddress = IndirectValue(postalAddress)
    }

    /// An agent known by its BIC only (the CBPR+ preferred form).
    public init(bic: BIC) {
        self.init(bic: bic, clearingSystemMember: nil)
    }

    /// Writes the agent as element `name`; `path` (built only for an error) names the element holding it.
    /// - Parameter requireBIC: whether a missing BIC is refused (CBPR+ agents).
    func write(_ name: StaticString, to writer: inout XMLStreamWriter, path: () -> String, text: Transliterator,
               requireBIC: Bool = true) throws(ISO20022Error)
    {
        // The path is built only for an error.
        func here() -> String { path() + "/" + name.description + "/FinInstnId" }
        if requireBIC && bic == nil { throw .ruleViolation(path: here() + "/BICFI", rule: "CBPR+ agents need a BIC") }
        writer.writeStartTag(name)
        try writer.writeElement("FinInstnId") { writer throws(ISO20022Error) in
            writer.writeElement("BICFI", optionalText: bic?.text)
            if let member = clearingSystemMember {
                try CBPRPlusText.checkIdentifier(member.memberId, lengthMax: 35) { here() + "/ClrSysMmbId/MmbId" }
                try CBPRPlusText.checkIdentifier(member.clearingSystemCode, lengthMax: 5) {
                    here() + "/ClrSysMmbId/ClrSysId/Cd"
                }
                writer.writeStartTag("ClrSysMmbId")
                writer.writeStartTag("ClrSysId")
                writer.writeElement("Cd", text: member.clearingSystemCode)
                writer.writeEndTag("ClrSysId")
                writer.writeElement("MmbId", text: member.memberId)
                writer.writeEndTag("ClrSysMmbId")
            }
            MessageCoding.writeFreeText("Nm", self.name, lengthMax: 140, text: text, to: &writer)
            try postalAddress?.write("PstlAdr", to: &writer, path: here, text: text)
        }
        writer.writeEndTag(name)
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
