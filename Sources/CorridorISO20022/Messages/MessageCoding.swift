import CorridorCore

/// Reading and writing helpers the message kinds share; each error names the element's path.
enum MessageCoding {
    /// A checked identifier leaf, or nil.
    static func identifier(_ name: String, _ value: String?, path: String, lengthMax: Int = 35)
        throws(ISO20022Error) -> XMLElement?
    {
        guard let value else { return nil }
        try CBPRPlusText.checkIdentifier(value, lengthMax: lengthMax) { path + "/" + name }
        return XMLElement(name, text: value)
    }

    /// Transliterated free-text leaves, one per value that is not empty once transliterated.
    /// `PmtId` of a payment transaction: InstrId, EndToEndId, TxId, and the UETR that CBPR+ requires.
    static func paymentIdentification(
        instructionId: String?, endToEndId: String?, transactionId: String?, uetr: UETR?, path: String
    ) throws(ISO20022Error) -> XMLElement {
        // Paths are built only for an error.
        var identification: [XMLElement] = []
        identification.reserveCapacity(4)
        func append(_ name: String, _ value: String?) throws(ISO20022Error) {
            guard let value else { return }
            try CBPRPlusText.checkIdentifier(value, lengthMax: 35) { path + "/PmtId/" + name }
            identification.append(XMLElement(name, text: value))
        }
        try append("InstrId", instructionId)
        try append("EndToEndId", endToEndId)
        try append("TxId", transactionId)
        guard let uetr else {
            throw .ruleViolation(path: path + "/PmtId/UETR", rule: "CBPR+ requires a UETR on every payment")
        }
        identification.append(XMLElement("UETR", text: uetr.text))
        return XMLElement("PmtId", children: identification)
    }

    static func freeText(_ name: String, _ values: [String], lengthMax: Int, text: Transliterator) -> [XMLElement] {
        values.compactMap { value in
            CBPRPlusText.freeText(value, lengthMax: lengthMax, transliterator: text).map { XMLElement(name, text: $0) }
        }
    }

    static func dateTime(_ element: XMLElement, _ name: String) throws(ISO20022Error) -> ISODateTime {
        let text = try element.text(name)
        guard let value = ISODateTime(text: text) else {
            throw .invalidValue(path: element.childPath(name), value: text, expected: "an ISODateTime")
        }
        return value
    }

    static func optionalDateTime(_ element: XMLElement, _ name: String) throws(ISO20022Error) -> ISODateTime? {
        element.child(name) == nil ? nil : try dateTime(element, name)
    }

    static func date(_ element: XMLElement, _ name: String) throws(ISO20022Error) -> ISODate {
        let text = try element.text(name)
        guard let value = ISODate(text: text) else {
            throw .invalidValue(path: element.childPath(name), value: text, expected: "an ISODate (YYYY-MM-DD)")
        }
        return value
    }

    static func optionalDate(_ element: XMLElement, _ name: String) throws(ISO20022Error) -> ISODate? {
        element.child(name) == nil ? nil : try date(element, name)
    }

    static func optionalUETR(_ element: XMLElement, _ name: String) throws(ISO20022Error) -> UETR? {
        guard let text = element.optionalText(name) else { return nil }
        return try UETR(text: text)
    }

    static func optionalAgent(_ element: XMLElement, _ name: String) throws(ISO20022Error) -> FinancialInstitution? {
        guard let child = element.child(name) else { return nil }
        return try FinancialInstitution(element: child)
    }

    static func optionalAccount(_ element: XMLElement, _ name: String) throws(ISO20022Error) -> CashAccount? {
        guard let child = element.child(name) else { return nil }
        return try CashAccount(element: child)
    }

    static func optionalParty(_ element: XMLElement, _ name: String) throws(ISO20022Error) -> Party? {
        guard let child = element.child(name) else { return nil }
        return try Party(element: child)
    }

    static func optionalMoney(_ element: XMLElement, _ name: String) throws(ISO20022Error) -> Money? {
        guard let child = element.child(name) else { return nil }
        return try Money(iso20022Element: child)
    }

    /// `NbOfTxs` must equal the number of transactions present.
    static func checkCount(_ header: XMLElement, actual: Int) throws(ISO20022Error) {
        let declared = try header.text("NbOfTxs")
        guard Int(declared) == actual else {
            throw .transactionCountMismatch(path: header.childPath("NbOfTxs"), declared: declared, actual: actual)
        }
    }

    /// CBPR+: every payment carries a UETR.
    static func requireUETR(_ uetr: UETR?, path: String) throws(ISO20022Error) -> UETR {
        guard let uetr else { throw .ruleViolation(path: path + "/UETR", rule: "CBPR+ requires a UETR on every payment") }
        return uetr
    }
}
