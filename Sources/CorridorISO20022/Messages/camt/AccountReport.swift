/// One account's report inside a camt.053 statement (`AccountStatement9`, element `Stmt`) or a camt.054
/// notification (`AccountNotification17`, element `Ntfctn`): the account, its balances (statements only) and
/// its entries.
public struct AccountReport: Sendable, Hashable {
    /// `Id`.
    public var id: String
    /// `ElctrncSeqNb`: the report's number in the account's sequence.
    public var electronicSequenceNumber: UInt64?
    /// `CreDtTm`.
    public var creationDateTime: ISODateTime?
    /// `FrToDt`: the period covered.
    public var period: (from: ISODateTime, to: ISODateTime)? {
        get { periodFrom.flatMap { from in periodTo.map { (from, $0) } } }
        set { periodFrom = newValue?.from; periodTo = newValue?.to }
    }
    private var periodFrom: ISODateTime?
    private var periodTo: ISODateTime?
    /// `Acct`.
    public var account: ReportedAccount
    /// `Bal`: at least one in a statement (opening and closing booked), none in a notification.
    public var balances: [CashBalance]
    /// `Ntry`.
    public var entries: [ReportEntry]
    /// `AddtlStmtInf` / `AddtlNtfctnInf`, transliterated and cut to 500 characters.
    public var additionalInformation: String?

    /// Creates a report.
    public init(id: String, electronicSequenceNumber: UInt64? = nil, creationDateTime: ISODateTime? = nil,
                period: (from: ISODateTime, to: ISODateTime)? = nil, account: ReportedAccount,
                balances: [CashBalance] = [], entries: [ReportEntry] = [], additionalInformation: String? = nil) {
        self.id = id
        self.electronicSequenceNumber = electronicSequenceNumber
        self.creationDateTime = creationDateTime
        self.periodFrom = period?.from
        self.periodTo = period?.to
        self.account = account
        self.balances = balances
        self.entries = entries
        self.additionalInformation = additionalInformation
    }

    /// Which message the report sits in; it decides the element names and whether balances belong.
    enum Kind {
        case statement, notification
        var element: StaticString { self == .statement ? "Stmt" : "Ntfctn" }
        var additionalInformation: StaticString { self == .statement ? "AddtlStmtInf" : "AddtlNtfctnInf" }
    }

    /// Writes the report as a `Stmt` or an `Ntfctn`; `path` (built only for an error) names it.
    func write(_ kind: Kind, to writer: inout XMLStreamWriter, text: Transliterator, path: () -> String)
        throws(ISO20022Error)
    {
        writer.writeStartTag(kind.element)
        try MessageCoding.writeIdentifier("Id", id, to: &writer, path: path)
        if let electronicSequenceNumber {
            MessageCoding.writeNumber("ElctrncSeqNb", electronicSequenceNumber, to: &writer)
        }
        MessageCoding.writeDateTime("CreDtTm", creationDateTime, to: &writer)
        if let period {
            writer.writeStartTag("FrToDt")
            MessageCoding.writeDateTime("FrDtTm", period.from, to: &writer)
            MessageCoding.writeDateTime("ToDtTm", period.to, to: &writer)
            writer.writeEndTag("FrToDt")
        }
        try account.write(to: &writer, path: path, text: text)
        switch kind {
        case .statement where balances.isEmpty:
            throw .missingElement(path: path() + "/Bal")
        case .notification where !balances.isEmpty:
            throw .ruleViolation(path: path() + "/Bal", rule: "a camt.054 notification carries no balances")
        default:
            break
        }
        for index in balances.indices {
            try balances[index].write(to: &writer) { path() + "/Bal" + (index > 0 ? "[\(index + 1)]" : "") }
        }
        for index in entries.indices {
            try entries[index].write(to: &writer, path: { path() + "/Ntry" + (index > 0 ? "[\(index + 1)]" : "") },
                                     text: text)
        }
        if let additionalInformation,
            let latin = CBPRPlusText.freeText(additionalInformation, lengthMax: 500, transliterator: text)
        {
            writer.writeElement(kind.additionalInformation, text: latin)
        }
        writer.writeEndTag(kind.element)
    }

    init(_ kind: Kind, element: XMLElement) throws(ISO20022Error) {
        var sequence: UInt64?
        if let text = element.optionalText("ElctrncSeqNb") {
            guard let value = UInt64(text) else {
                throw .invalidValue(path: element.childPath("ElctrncSeqNb"), value: text, expected: "a whole number")
            }
            sequence = value
        }
        var period: (from: ISODateTime, to: ISODateTime)?
        if let node = element.child("FrToDt") {
            period = (try MessageCoding.dateTime(node, "FrDtTm"), try MessageCoding.dateTime(node, "ToDtTm"))
        }
        var balances: [CashBalance] = []
        for child in element.children("Bal") { balances.append(try CashBalance(element: child)) }
        if kind == .statement && balances.isEmpty { throw .missingElement(path: element.path + "/Bal") }
        var entries: [ReportEntry] = []
        for child in element.children("Ntry") { entries.append(try ReportEntry(element: child)) }
        self.init(id: try element.text("Id"), electronicSequenceNumber: sequence,
                  creationDateTime: try MessageCoding.optionalDateTime(element, "CreDtTm"), period: period,
                  account: try ReportedAccount(element: try element.required("Acct")), balances: balances,
                  entries: entries, additionalInformation: element.optionalText(kind.additionalInformation.description))
    }
}

/// The account a camt report is about (`CashAccount39`): the account, its owner and the bank that services it.
public struct ReportedAccount: Sendable, Hashable {
    /// `Id`, `Ccy`, `Nm`.
    public var account: CashAccount
    /// `Ownr`.
    public var owner: Party?
    /// `Svcr`.
    public var servicer: FinancialInstitution?

    /// Creates a reported account.
    public init(account: CashAccount, owner: Party? = nil, servicer: FinancialInstitution? = nil) {
        self.account = account
        self.owner = owner
        self.servicer = servicer
    }

    /// Writes `Acct`; `path` (built only for an error) names the element holding it.
    func write(to writer: inout XMLStreamWriter, path: () -> String, text: Transliterator) throws(ISO20022Error) {
        try writer.writeElement("Acct") { writer throws(ISO20022Error) in
            try account.writeChildElements(to: &writer, path: { path() + "/Acct" }, text: text)
            try owner?.write("Ownr", to: &writer, path: { path() + "/Acct" }, text: text)
            try servicer?.write("Svcr", to: &writer, path: { path() + "/Acct" }, text: text)
        }
    }

    init(element: XMLElement) throws(ISO20022Error) {
        self.init(account: try CashAccount(element: element), owner: try MessageCoding.optionalParty(element, "Ownr"),
                  servicer: try MessageCoding.optionalAgent(element, "Svcr"))
    }
}
