import CorridorCore

/// One booking on a reported account (`ReportEntry10`), with the payments behind it.
public struct ReportEntry: Sendable, Hashable {
    /// `NtryRef`.
    public var reference: String?
    /// `Amt`, never negative; the side is ``creditDebit``.
    public var amount: Money
    /// `CdtDbtInd`.
    public var creditDebit: CreditDebit
    /// `Sts/Cd`, an ExternalEntryStatus1Code: `BOOK`, `PDNG` or `INFO`.
    public var statusCode: String
    /// `BookgDt/Dt`.
    public var bookingDate: ISODate?
    /// `ValDt/Dt`.
    public var valueDate: ISODate?
    /// `AcctSvcrRef`: the servicing bank's reference (Corridor: the ledger transfer id).
    public var accountServicerReference: String?
    /// `BkTxCd/Domn`.
    public var bankTransactionCode: BankTransactionCode
    /// `NtryDtls/TxDtls`.
    public var transactions: [EntryTransaction]

    /// Creates an entry.
    public init(reference: String? = nil, amount: Money, creditDebit: CreditDebit, statusCode: String = "BOOK",
                bookingDate: ISODate? = nil, valueDate: ISODate? = nil, accountServicerReference: String? = nil,
                bankTransactionCode: BankTransactionCode, transactions: [EntryTransaction] = []) {
        self.reference = reference
        self.amount = amount
        self.creditDebit = creditDebit
        self.statusCode = statusCode
        self.bookingDate = bookingDate
        self.valueDate = valueDate
        self.accountServicerReference = accountServicerReference
        self.bankTransactionCode = bankTransactionCode
        self.transactions = transactions
    }

    /// Writes `Ntry`; `path` (built only for an error) names it.
    func write(to writer: inout XMLStreamWriter, path: () -> String, text: Transliterator) throws(ISO20022Error) {
        try writer.writeElement("Ntry") { writer throws(ISO20022Error) in
            try MessageCoding.writeIdentifier("NtryRef", reference, to: &writer, path: path)
            try amount.writeISO20022("Amt", to: &writer, path: path)
            writer.writeElement("CdtDbtInd", text: creditDebit.rawValue)
            try CBPRPlusText.checkIdentifier(statusCode, lengthMax: 4) { path() + "/Sts/Cd" }
            writer.writeStartTag("Sts")
            writer.writeElement("Cd", text: statusCode)
            writer.writeEndTag("Sts")
            MessageCoding.writeDateChoice("BookgDt", bookingDate, to: &writer)
            MessageCoding.writeDateChoice("ValDt", valueDate, to: &writer)
            try MessageCoding.writeIdentifier("AcctSvcrRef", accountServicerReference, to: &writer, path: path)
            try bankTransactionCode.write(to: &writer, path: path)
            guard !transactions.isEmpty else { return }
            try writer.writeElement("NtryDtls") { writer throws(ISO20022Error) in
                for index in transactions.indices {
                    try transactions[index].write(
                        to: &writer, path: { path() + "/NtryDtls/TxDtls" + (index > 0 ? "[\(index + 1)]" : "") },
                        text: text)
                }
            }
        }
    }

    init(element: XMLElement) throws(ISO20022Error) {
        var transactions: [EntryTransaction] = []
        for details in element.children("NtryDtls") {
            for child in details.children("TxDtls") { transactions.append(try EntryTransaction(element: child)) }
        }
        let status = try element.required("Sts")
        let statusCode: String
        if let code = status.optionalText("Cd") { statusCode = code } else { statusCode = try status.text("Prtry") }
        self.init(reference: element.optionalText("NtryRef"),
                  amount: try Money(iso20022Element: try element.required("Amt")),
                  creditDebit: try CreditDebit(element: element), statusCode: statusCode,
                  bookingDate: try element.child("BookgDt").flatMap { (child) throws(ISO20022Error) in
                      try MessageCoding.optionalDate(child, "Dt")
                  },
                  valueDate: try element.child("ValDt").flatMap { (child) throws(ISO20022Error) in
                      try MessageCoding.optionalDate(child, "Dt")
                  },
                  accountServicerReference: element.optionalText("AcctSvcrRef"),
                  bankTransactionCode: try BankTransactionCode(element: try element.required("BkTxCd")),
                  transactions: transactions)
    }
}

/// The ISO bank transaction code (`BankTransactionCodeStructure5`): domain, family, sub-family, e.g.
/// `PMNT/RCDT/XBCT` (received cross-border credit transfer) or `PMNT/ICDT/XBCT` (issued).
public struct BankTransactionCode: Sendable, Hashable {
    /// `Domn/Cd`.
    public var domain: String
    /// `Domn/Fmly/Cd`.
    public var family: String
    /// `Domn/Fmly/SubFmlyCd`.
    public var subFamily: String

    /// Creates a code.
    public init(domain: String, family: String, subFamily: String) {
        self.domain = domain
        self.family = family
        self.subFamily = subFamily
    }

    /// A received cross-border credit transfer.
    public static let receivedCrossBorderCreditTransfer = BankTransactionCode(domain: "PMNT", family: "RCDT",
                                                                              subFamily: "XBCT")
    /// An issued cross-border credit transfer.
    public static let issuedCrossBorderCreditTransfer = BankTransactionCode(domain: "PMNT", family: "ICDT",
                                                                            subFamily: "XBCT")

    /// Writes `BkTxCd`; `path` (built only for an error) names the element holding it.
    func write(to writer: inout XMLStreamWriter, path: () -> String) throws(ISO20022Error) {
        try CBPRPlusText.checkIdentifier(domain, lengthMax: 4) { path() + "/BkTxCd/Domn/Cd" }
        try CBPRPlusText.checkIdentifier(family, lengthMax: 4) { path() + "/BkTxCd/Domn/Fmly/Cd" }
        try CBPRPlusText.checkIdentifier(subFamily, lengthMax: 4) { path() + "/BkTxCd/Domn/Fmly/SubFmlyCd" }
        writer.writeStartTag("BkTxCd")
        writer.writeStartTag("Domn")
        writer.writeElement("Cd", text: domain)
        writer.writeStartTag("Fmly")
        writer.writeElement("Cd", text: family)
        writer.writeElement("SubFmlyCd", text: subFamily)
        writer.writeEndTag("Fmly")
        writer.writeEndTag("Domn")
        writer.writeEndTag("BkTxCd")
    }

    init(element: XMLElement) throws(ISO20022Error) {
        let domain = try element.required("Domn")
        let family = try domain.required("Fmly")
        self.init(domain: try domain.text("Cd"), family: try family.text("Cd"), subFamily: try family.text("SubFmlyCd"))
    }
}
