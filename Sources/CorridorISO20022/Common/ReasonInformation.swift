/// Why a payment was rejected or returned (`StatusReasonInformation12`, `PaymentReturnReason6`): an external
/// code set value (ISO 20022 ExternalStatusReason1Code / ExternalReturnReason1Code) or a proprietary code,
/// with free text.
public struct ReasonInformation: Sendable, Hashable {
    /// `Rsn`.
    public var reason: Reason
    /// `AddtlInf`, each cut to 105 characters once transliterated.
    public var additionalInformation: [String]

    /// Creates a reason.
    public init(_ reason: Reason, additionalInformation: [String] = []) {
        self.reason = reason
        self.additionalInformation = additionalInformation
    }

    /// `Rsn/Cd` or `Rsn/Prtry`.
    public enum Reason: Sendable, Hashable {
        /// An ISO external code, 1–4 characters: `AC04` closed account, `AM04` insufficient funds, `RC01` bad
        /// BIC, `AG01` transaction forbidden, `FF01` invalid file format, `DUPL` duplicate, `CUST` requested by
        /// the customer, `AC01` incorrect account number, `BE01` inconsistent with end customer, `RR04` regulatory.
        case code(String)
        /// A proprietary code (Fedwire's `E433`, up to 35 characters).
        case proprietary(String)
    }

    /// Writes the reason as element `name`; `path` (built only for an error) names the element holding it.
    func write(_ name: StaticString, to writer: inout XMLStreamWriter, path: () -> String, text: Transliterator)
        throws(ISO20022Error)
    {
        func here() -> String { path() + "/" + name.description + "/Rsn" }
        writer.writeStartTag(name)
        writer.writeStartTag("Rsn")
        switch reason {
        case .code(let code):
            try CBPRPlusText.checkIdentifier(code, lengthMax: 4) { here() + "/Cd" }
            writer.writeElement("Cd", text: code)
        case .proprietary(let code):
            try CBPRPlusText.checkIdentifier(code, lengthMax: 35) { here() + "/Prtry" }
            writer.writeElement("Prtry", text: code)
        }
        writer.writeEndTag("Rsn")
        MessageCoding.writeFreeText("AddtlInf", additionalInformation, lengthMax: 105, text: text, to: &writer)
        writer.writeEndTag(name)
    }

    init(element: XMLElement) throws(ISO20022Error) {
        let reason = try element.required("Rsn")
        if let code = reason.optionalText("Cd") {
            self.init(.code(code), additionalInformation: element.texts("AddtlInf"))
        } else {
            self.init(.proprietary(try reason.text("Prtry")), additionalInformation: element.texts("AddtlInf"))
        }
    }
}
