import CorridorCore

/// Reading and writing helpers the message kinds share; each error names the element's path.
enum MessageCoding {
    /// Writes a checked identifier leaf when `value` is present.
    /// - Parameter path: the path of the element holding it, built only for an error.
    /// - Throws: ``ISO20022Error/invalidIdentifier(path:value:reason:)``.
    static func writeIdentifier(
        _ name: StaticString, _ value: String?, to writer: inout XMLStreamWriter, lengthMax: Int = 35,
        path: () -> String
    ) throws(ISO20022Error) {
        guard let value else { return }
        try CBPRPlusText.checkIdentifier(value, lengthMax: lengthMax) { path() + "/" + name.description }
        writer.writeElement(name, text: value)
    }

    /// Writes `PmtId` of a payment transaction: InstrId, EndToEndId, TxId, and the UETR that CBPR+ requires.
    /// - Parameter path: the path of the transaction, built only for an error.
    static func writePaymentIdentification(
        instructionId: String?, endToEndId: String?, transactionId: String?, uetr: UETR?,
        to writer: inout XMLStreamWriter, path: () -> String
    ) throws(ISO20022Error) {
        try writer.writeElement("PmtId") { writer throws(ISO20022Error) in
            try writeIdentifier("InstrId", instructionId, to: &writer) { path() + "/PmtId" }
            try writeIdentifier("EndToEndId", endToEndId, to: &writer) { path() + "/PmtId" }
            try writeIdentifier("TxId", transactionId, to: &writer) { path() + "/PmtId" }
            guard let uetr else {
                throw .ruleViolation(path: path() + "/PmtId/UETR", rule: "CBPR+ requires a UETR on every payment")
            }
            writeUETR("UETR", uetr, to: &writer)
        }
    }

    /// Writes one transliterated free-text leaf per value that is not empty once transliterated; when `container`
    /// is given, they go inside it, and it is left out when none is written.
    static func writeFreeText(
        _ name: StaticString, _ values: [String], lengthMax: Int, text: Transliterator,
        in container: StaticString? = nil, to writer: inout XMLStreamWriter
    ) {
        var isContainerOpen = false
        for value in values {
            guard let latin = CBPRPlusText.freeText(value, lengthMax: lengthMax, transliterator: text) else { continue }
            if let container, !isContainerOpen {
                writer.writeStartTag(container)
                isContainerOpen = true
            }
            writer.writeElement(name, text: latin)
        }
        if let container, isContainerOpen { writer.writeEndTag(container) }
    }

    /// Writes a transliterated free-text leaf when `value` is present and not empty once transliterated.
    static func writeFreeText(
        _ name: StaticString, _ value: String?, lengthMax: Int, text: Transliterator, to writer: inout XMLStreamWriter
    ) {
        guard let value, let latin = CBPRPlusText.freeText(value, lengthMax: lengthMax, transliterator: text) else {
            return
        }
        writer.writeElement(name, text: latin)
    }

    /// Writes a UETR leaf.
    static func writeUETR(_ name: StaticString, _ uetr: UETR, to writer: inout XMLStreamWriter) {
        writer.writeElement(name, asciiLengthMax: UETR.textLength) { uetr.write(to: $0) }
    }

    /// Writes an ISODateTime leaf when the value is present.
    static func writeDateTime(_ name: StaticString, _ value: ISODateTime?, to writer: inout XMLStreamWriter) {
        guard let value else { return }
        writer.writeElement(name, asciiLengthMax: ISODateTime.textLengthMax) { value.write(to: $0) }
    }

    /// Writes an ISODate leaf when the value is present.
    static func writeDate(_ name: StaticString, _ value: ISODate?, to writer: inout XMLStreamWriter) {
        guard let value else { return }
        writer.writeElement(name, asciiLengthMax: ISODate.textLength) { value.write(to: $0) }
    }

    /// Writes an ISODate inside a wrapper (`<BookgDt><Dt>…</Dt></BookgDt>`) when the value is present.
    static func writeDateChoice(_ name: StaticString, _ value: ISODate?, to writer: inout XMLStreamWriter) {
        guard let value else { return }
        writer.writeStartTag(name)
        writeDate("Dt", value, to: &writer)
        writer.writeEndTag(name)
    }

    /// Writes a whole number leaf.
    static func writeNumber(_ name: StaticString, _ value: UInt64, to writer: inout XMLStreamWriter) {
        writer.writeElement(name, asciiLengthMax: 20) { bytes in
            var digitCount = 1
            var rest = value / 10
            while rest > 0 {
                digitCount += 1
                rest /= 10
            }
            rest = value
            for offset in stride(from: digitCount - 1, through: 0, by: -1) {
                bytes[offset] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            }
            return digitCount
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
    static func requireUETR(_ uetr: UETR?, path: () -> String) throws(ISO20022Error) -> UETR {
        guard let uetr else {
            throw .ruleViolation(path: path() + "/UETR", rule: "CBPR+ requires a UETR on every payment")
        }
        return uetr
    }
}
