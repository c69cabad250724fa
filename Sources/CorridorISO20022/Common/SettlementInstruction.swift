/// How the interbank leg settles (`SettlementInstruction7`).
public struct SettlementInstruction: Sendable, Hashable {
    /// `SttlmMtd`.
    public var method: SettlementMethod
    /// `SttlmAcct`: the account to settle through, for INDA/INGA.
    public var settlementAccount: CashAccount?
    /// `ClrSys/Cd`: the clearing system, for CLRG (ExternalCashClearingSystem1Code, 1–3 characters, e.g. `FDW`).
    public var clearingSystemCode: String?

    /// Creates a settlement instruction.
    public init(method: SettlementMethod, settlementAccount: CashAccount? = nil, clearingSystemCode: String? = nil) {
        self.method = method
        self.settlementAccount = settlementAccount
        self.clearingSystemCode = clearingSystemCode
    }

    /// Writes `SttlmInf`; `path` (built only for an error) names the element holding it.
    func write(to writer: inout XMLStreamWriter, path: () -> String, text: Transliterator) throws(ISO20022Error) {
        try writer.writeElement("SttlmInf") { writer throws(ISO20022Error) in
            writer.writeElement("SttlmMtd", text: method.rawValue)
            try settlementAccount?.write("SttlmAcct", to: &writer, path: { path() + "/SttlmInf" }, text: text)
            if let code = clearingSystemCode {
                try CBPRPlusText.checkIdentifier(code, lengthMax: 3) { path() + "/SttlmInf/ClrSys/Cd" }
                writer.writeStartTag("ClrSys")
                writer.writeElement("Cd", text: code)
                writer.writeEndTag("ClrSys")
            }
        }
    }

    init(element: XMLElement) throws(ISO20022Error) {
        let text = try element.text("SttlmMtd")
        guard let method = SettlementMethod(rawValue: text) else {
            throw .invalidValue(path: element.childPath("SttlmMtd"), value: text, expected: "INDA, INGA, COVE or CLRG")
        }
        self.init(method: method,
                  settlementAccount: try element.child("SttlmAcct").map { (child) throws(ISO20022Error) in
                      try CashAccount(element: child)
                  },
                  clearingSystemCode: element.child("ClrSys")?.optionalText("Cd"))
    }
}

/// `SettlementMethod1Code`.
public enum SettlementMethod: String, Sendable, Hashable, CaseIterable {
    /// `INDA`: the instructed agent debits/credits an account it services.
    case instructedAgent = "INDA"
    /// `INGA`: the instructing agent's account.
    case instructingAgent = "INGA"
    /// `COVE`: a separate cover payment (pacs.009 COV).
    case coverMethod = "COVE"
    /// `CLRG`: through a clearing system.
    case clearingSystem = "CLRG"
}
