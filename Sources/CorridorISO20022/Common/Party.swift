import CorridorCore

/// A debtor, creditor or account owner (`PartyIdentification135`): a name, an address and a country of residence.
/// The name may be in any script; the writer transliterates it (``Transliterator``) and cuts it to 140 characters.
public struct Party: Sendable, Hashable {
    /// `Nm`, at most 140 characters once transliterated.
    public var name: String?
    /// `PstlAdr`.
    public var postalAddress: PostalAddress? {
        get { storedAddress.value }
        set { storedAddress = IndirectValue(newValue) }
    }
    /// `CtryOfRes`.
    public var countryOfResidence: Country?

    // Out of line: most parties have no address.
    private var storedAddress: IndirectValue<PostalAddress>

    /// Creates a party.
    public init(name: String?, postalAddress: PostalAddress? = nil, countryOfResidence: Country? = nil) {
        self.name = name
        self.storedAddress = IndirectValue(postalAddress)
        self.countryOfResidence = countryOfResidence
    }

    /// The longest name ISO 20022 carries (`Max140Text`).
    public static let nameLengthMax = 140

    /// Writes the party as element `name`; `path` (built only for an error) names the element holding it.
    func write(_ name: StaticString, to writer: inout XMLStreamWriter, path: () -> String, text: Transliterator)
        throws(ISO20022Error)
    {
        try writer.writeElement(name) { writer throws(ISO20022Error) in
            MessageCoding.writeFreeText("Nm", self.name, lengthMax: Self.nameLengthMax, text: text, to: &writer)
            try postalAddress?.write("PstlAdr", to: &writer, path: { path() + "/" + name.description }, text: text)
            writer.writeElement("CtryOfRes", optionalText: countryOfResidence?.alpha2)
        }
    }

    init(element: XMLElement) throws(ISO20022Error) {
        self.init(name: element.optionalText("Nm"),
                  postalAddress: try element.child("PstlAdr").map { (child) throws(ISO20022Error) in
                      try PostalAddress(element: child)
                  },
                  countryOfResidence: try element.optionalText("CtryOfRes").map { (code) throws(ISO20022Error) in
                      try PostalAddress.country(code, path: element.childPath("CtryOfRes"))
                  })
    }
}
