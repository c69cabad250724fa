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

    /// The child elements, for `CashAccount38` and the `CashAccount39` that adds owner and servicer to it.
    func childElements(path: String, text: Transliterator) throws(ISO20022Error) -> [XMLElement] {
        try childElements(path: { path }, text: text)
    }

    /// ``childElements(path:text:)`` with the path built only for an error.
    func childElements(path: () -> String, text: Transliterator) throws(ISO20022Error) -> [XMLElement] {
        var children: [XMLElement] = []
        children.reserveCapacity(3)
        children.append(try identification.element { path() + "/Id" })
        children.append("Ccy", currency?.alphaCode)
        children.append("Nm", name.flatMap { CBPRPlusText.freeText($0, lengthMax: 70, transliterator: text) })
        return children
    }

    func element(_ name: String, path: String, text: Transliterator) throws(ISO20022Error) -> XMLElement {
        XMLElement(name, children: try childElements(path: { path + "/" + name }, text: text))
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

    /// The `Id` element; `path` (built only for an error) names it.
    func element(path: () -> String) throws(ISO20022Error) -> XMLElement {
        switch self {
        case .iban(let iban):
            let valid = (15...34).contains(iban.utf8.count)
                && iban.utf8.allSatisfy { (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) }
            guard valid else { throw .invalidValue(path: path() + "/IBAN", value: iban, expected: "an IBAN") }
            return XMLElement("Id", children: [XMLElement("IBAN", text: iban)])
        case .other(let id, let schemeCode):
            try CBPRPlusText.checkIdentifier(id, lengthMax: 34) { path() + "/Othr/Id" }
            var children = [XMLElement("Id", text: id)]
            if let schemeCode {
                children.append(XMLElement("SchmeNm", children: [XMLElement("Cd", text: schemeCode)]))
            }
            return XMLElement("Id", children: [XMLElement("Othr", children: children)])
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
