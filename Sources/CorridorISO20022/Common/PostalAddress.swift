import CorridorCore

/// A postal address (`PostalAddress24`), structured or as lines. Text may be in any script: the writer
/// transliterates it and cuts it to the field's length (StrtNm 70, BldgNb 16, PstCd 16, TwnNm 35, AdrLine 70).
public struct PostalAddress: Sendable, Hashable {
    /// `Dept`.
    public var department: String?
    /// `StrtNm`.
    public var streetName: String?
    /// `BldgNb`.
    public var buildingNumber: String?
    /// `PstCd`.
    public var postCode: String?
    /// `TwnNm`; CBPR+ wants it with `Ctry` whenever the address is structured.
    public var townName: String?
    /// `CtrySubDvsn` (region, province).
    public var countrySubDivision: String?
    /// `Ctry`.
    public var country: Country?
    /// `AdrLine`, at most 7 (the XSD) — CBPR+ allows at most 3 and only without structured fields; not enforced.
    public var addressLines: [String]

    /// Creates an address.
    public init(department: String? = nil, streetName: String? = nil, buildingNumber: String? = nil,
                postCode: String? = nil, townName: String? = nil, countrySubDivision: String? = nil,
                country: Country? = nil, addressLines: [String] = []) {
        self.department = department
        self.streetName = streetName
        self.buildingNumber = buildingNumber
        self.postCode = postCode
        self.townName = townName
        self.countrySubDivision = countrySubDivision
        self.country = country
        self.addressLines = addressLines
    }

    /// The address lines the XSD allows at most.
    public static let addressLinesMax = 7

    /// Writes the address as element `name`; `path` (built only for an error) names the element holding it.
    func write(_ name: StaticString, to writer: inout XMLStreamWriter, path: () -> String, text: Transliterator)
        throws(ISO20022Error)
    {
        guard addressLines.count <= Self.addressLinesMax else {
            throw .ruleViolation(path: path() + "/" + name.description, rule: "at most \(Self.addressLinesMax) AdrLine")
        }
        writer.writeStartTag(name)
        MessageCoding.writeFreeText("Dept", department, lengthMax: 70, text: text, to: &writer)
        MessageCoding.writeFreeText("StrtNm", streetName, lengthMax: 70, text: text, to: &writer)
        MessageCoding.writeFreeText("BldgNb", buildingNumber, lengthMax: 16, text: text, to: &writer)
        MessageCoding.writeFreeText("PstCd", postCode, lengthMax: 16, text: text, to: &writer)
        MessageCoding.writeFreeText("TwnNm", townName, lengthMax: 35, text: text, to: &writer)
        MessageCoding.writeFreeText("CtrySubDvsn", countrySubDivision, lengthMax: 35, text: text, to: &writer)
        writer.writeElement("Ctry", optionalText: country?.alpha2)
        MessageCoding.writeFreeText("AdrLine", addressLines, lengthMax: 70, text: text, to: &writer)
        writer.writeEndTag(name)
    }

    init(element: XMLElement) throws(ISO20022Error) {
        self.init(department: element.optionalText("Dept"), streetName: element.optionalText("StrtNm"),
                  buildingNumber: element.optionalText("BldgNb"), postCode: element.optionalText("PstCd"),
                  townName: element.optionalText("TwnNm"), countrySubDivision: element.optionalText("CtrySubDvsn"),
                  country: try element.optionalText("Ctry").map { (code) throws(ISO20022Error) in
                      try Self.country(code, path: element.childPath("Ctry"))
                  },
                  addressLines: element.texts("AdrLine"))
    }

    static func country(_ code: String, path: String) throws(ISO20022Error) -> Country {
        guard code.utf8.count == 2, let country = Country(code: code), country.alpha2 == code else {
            throw .invalidValue(path: path, value: code, expected: "an ISO 3166 alpha-2 country code")
        }
        return country
    }
}
