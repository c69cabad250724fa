import CorridorCore

/// A balance of a statement (`CashBalance8`): its type, amount, side and date.
public struct CashBalance: Sendable, Hashable {
    /// `Tp/CdOrPrtry/Cd`, an ExternalBalanceType1Code: `OPBD` opening booked, `CLBD` closing booked, `CLAV`
    /// closing available, `ITBD` interim booked.
    public var typeCode: String
    /// `Amt`, never negative; the side is ``creditDebit``.
    public var amount: Money
    /// `CdtDbtInd`: CRDT for a positive balance, DBIT for an overdraft.
    public var creditDebit: CreditDebit
    /// `Dt/Dt`.
    public var date: ISODate

    /// Creates a balance.
    public init(typeCode: String, amount: Money, creditDebit: CreditDebit, date: ISODate) {
        self.typeCode = typeCode
        self.amount = amount
        self.creditDebit = creditDebit
        self.date = date
    }

    /// A balance from a signed amount: negative amounts are DBIT.
    /// - Throws: ``ISO20022Error/amountOutOfRange(path:minorUnits:)`` for `Int64.min`.
    public init(typeCode: String, signedAmount: Money, date: ISODate) throws(ISO20022Error) {
        guard signedAmount.minorUnits != .min else {
            throw .amountOutOfRange(path: "Bal/Amt", minorUnits: signedAmount.minorUnits)
        }
        self.init(typeCode: typeCode,
                  amount: Money(minorUnits: abs(signedAmount.minorUnits), currency: signedAmount.currency),
                  creditDebit: signedAmount.minorUnits < 0 ? .debit : .credit, date: date)
    }

    /// Writes `Bal`; `path` (built only for an error) names it.
    func write(to writer: inout XMLStreamWriter, path: () -> String) throws(ISO20022Error) {
        try CBPRPlusText.checkIdentifier(typeCode, lengthMax: 4) { path() + "/Tp/CdOrPrtry/Cd" }
        try writer.writeElement("Bal") { writer throws(ISO20022Error) in
            writer.writeStartTag("Tp")
            writer.writeStartTag("CdOrPrtry")
            writer.writeElement("Cd", text: typeCode)
            writer.writeEndTag("CdOrPrtry")
            writer.writeEndTag("Tp")
            try amount.writeISO20022("Amt", to: &writer, path: path)
            writer.writeElement("CdtDbtInd", text: creditDebit.rawValue)
            MessageCoding.writeDateChoice("Dt", date, to: &writer)
        }
    }

    init(element: XMLElement) throws(ISO20022Error) {
        let type = try element.required("Tp").required("CdOrPrtry")
        let code: String
        if let standard = type.optionalText("Cd") { code = standard } else { code = try type.text("Prtry") }
        self.init(typeCode: code,
                  amount: try Money(iso20022Element: try element.required("Amt")),
                  creditDebit: try CreditDebit(element: element),
                  date: try MessageCoding.date(try element.required("Dt"), "Dt"))
    }
}

/// `CreditDebitCode`.
public enum CreditDebit: String, Sendable, Hashable, CaseIterable {
    /// `CRDT`.
    case credit = "CRDT"
    /// `DBIT`.
    case debit = "DBIT"

    /// Reads the `CdtDbtInd` child of `element`.
    init(element: XMLElement) throws(ISO20022Error) {
        let text = try element.text("CdtDbtInd")
        guard let value = CreditDebit(rawValue: text) else {
            throw .invalidValue(path: element.childPath("CdtDbtInd"), value: text, expected: "CRDT or DBIT")
        }
        self = value
    }
}
