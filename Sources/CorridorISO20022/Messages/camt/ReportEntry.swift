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

    func element(path: String, text: Transliterator) throws(ISO20022Error) -> XMLElement {
        var children: [XMLElement] = []
        children.append(ifPresent: try MessageCoding.identifier("NtryRef", reference, path: path))
        children.append(try amount.iso20022Element("Amt", path: path))
        children.append(XMLElement("CdtDbtInd", text: creditDebit.rawValue))
        try CBPRPlusText.checkIdentifier(statusCode, path: path + "/Sts/Cd", lengthMax: 4)
        children.append(XMLElement("Sts", children: [XMLElement("Cd", text: statusCode)]))
        if let bookingDate { children.append(XMLElement("BookgDt", children: [XMLElement("Dt", text: bookingDate.text)])) }
        if let valueDate { children.append(XMLElement("ValDt", children: [XMLElement("Dt", text: valueDate.text)])) }
        children.append(ifPresent: try MessageCoding.identifier("AcctSvcrRef", accountServicerReference, path: path))
        children.append(try bankTransactionCode.element(path: path))
        if !transactions.isEmpty {
            var details: [XMLElement] = []
            for (index, transaction) in transactions.enumerated() {
                let here = path + "/NtryDtls/TxDtls" + (index > 0 ? "[\(index + 1)]" : "")
                details.append(try transaction.element(path: here, text: text))
            }
            children.append(XMLElement("NtryDtls", children: details))
        }
        return XMLElement("Ntry", children: children)
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

    func element(path: String) throws(ISO20022Error) -> XMLElement {
        let here = path + "/BkTxCd/Domn"
        try CBPRPlusText.checkIdentifier(domain, path: here + "/Cd", lengthMax: 4)
        try CBPRPlusText.checkIdentifier(family, path: here + "/Fmly/Cd", lengthMax: 4)
        try CBPRPlusText.checkIdentifier(subFamily, path: here + "/Fmly/SubFmlyCd", lengthMax: 4)
        return XMLElement("BkTxCd", children: [XMLElement("Domn", children: [
            XMLElement("Cd", text: domain),
            XMLElement("Fmly", children: [XMLElement("Cd", text: family), XMLElement("SubFmlyCd", text: subFamily)]),
        ])])
    }

    init(element: XMLElement) throws(ISO20022Error) {
        let domain = try element.required("Domn")
        let family = try domain.required("Fmly")
        self.init(domain: try domain.text("Cd"), family: try family.text("Cd"), subFamily: try family.text("SubFmlyCd"))
    }
}
