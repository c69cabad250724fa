import CorridorCore

/// An account (`CashAccount38`): its identification, currency and name.
public struct CashAccount: Sendable, Hashable {
    /// `Id`: an IBAN or another identification.
    public var identification: AccountIdentification
    /// `Ccy`.
    public var currency: Currency?
    /// `Nm`, transliterated and cut to 70 characters by the writer.
    public var name: String?

    /// Creates an account.
    public init(identification: AccountIdentification, currency: Currency? = nil, name: String? = nil) {
        self.identification = identification
        self.currency = currency
        self.name = name
    }

    /// Writes the child elements, for `CashAccount38` and the `CashAccount39` that adds owner and servicer to it;
    /// `path` (built only for an error) names the account's element.
    func writeChildElements(to writer: inout XMLStreamWriter, path: () -> String, text: Transliterator)
        throws(ISO20022Error)
    {
        try identification.write(to: &writer) { path() + "/Id" }
        writer.writeElement("Ccy", optionalText: currency?.alphaCode)
        MessageCoding.writeFreeText("Nm", name, lengthMax: 70, text: text, to: &writer)
    }

    /// Writes the account as element `name`; `path` (built only for an error) names the element holding it.
    func write(_ name: StaticString, to writer: inout XMLStreamWriter, path: () -> String, text: Transliterator)
        throws(ISO20022Error)
    {
        try writer.writeElement(name) { writer throws(ISO20022Error) in
            try writeChildElements(to: &writer, path: { path() + "/" + name.description }, text: text)
        }
    }

    init(element: XMLElement) throws(ISO20022Error) {
        var currency: Currency?
        if let code = element.optionalText("Ccy") {
            guard let found = Currency(alphaCode: code) else {
                throw .unknownCurrency(path: element.childPath("Ccy"), code: code)
            }
            currency = found
        }
        self.init(identification: try AccountIdentification(element: try element.required("Id")), currency: currency,
                  name: element.optionalText("Nm"))
    }
}

/// How an account is identified (`AccountIdentification4Choice`).
public enum AccountIdentification: Sendable, Hashable {
    /// `IBAN` (ISO 13616).
    case iban(String)
    /// `Othr/Id`, with `Othr/SchmeNm/Cd` when the scheme is named (e.g. `BBAN`); Russian 20-digit accounts go here.
    case other(id: String, schemeCode: String?)

    /// Writes the `Id` element; `path` (built only for an error) names it.
    func write(to writer: inout XMLStreamWriter, path: () -> String) throws(ISO20022Error) {
        switch self {
        case .iban(let iban):
            let valid = (15...34).contains(iban.utf8.count)
                && iban.utf8.allSatisfy { (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) }
            guard valid else { throw .invalidValue(path: path() + "/IBAN", value: iban, expected: "an IBAN") }
            writer.writeStartTag("Id")
            writer.writeElement("IBAN", text: iban)
            writer.writeEndTag("Id")
        case .other(let id, let schemeCode):
            try CBPRPlusText.checkIdentifier(id, lengthMax: 34) { path() + "/Othr/Id" }
            writer.writeStartTag("Id")
            writer.writeStartTag("Othr")
            writer.writeElement("Id", text: id)
            if let schemeCode {
                writer.writeStartTag("SchmeNm")
                writer.writeElement("Cd", text: schemeCode)
                writer.writeEndTag("SchmeNm")
            }
            writer.writeEndTag("Othr")
            writer.writeEndTag("Id")
        }
    }

    init(element: XMLElement) throws(ISO20022Error) {
        if let iban = element.optionalText("IBAN") {
            self = .iban(iban)
        } else if let other = element.child("Othr") {
            self = .other(id: try other.text("Id"), schemeCode: other.child("SchmeNm")?.optionalText("Cd"))
        } else {
            throw .missingElement(path: element.path + "/IBAN")
        }
    }
}
