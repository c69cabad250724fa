/// camt.053.001.08 BankToCustomerStatement: the end-of-day statement of one or more accounts, with opening and
/// closing balances and the entries booked in between.
public struct BankToCustomerStatement: ISO20022Message {
    /// `GrpHdr/MsgId`.
    public var messageId: String
    /// `GrpHdr/CreDtTm`.
    public var creationDateTime: ISODateTime
    /// `Stmt`, at least one; each has at least one balance.
    public var statements: [AccountReport]

    /// Creates the message.
    public init(messageId: String, creationDateTime: ISODateTime, statements: [AccountReport]) {
        self.messageId = messageId
        self.creationDateTime = creationDateTime
        self.statements = statements
    }

    public static let messageDefinition = MessageDefinition(identifier: "camt.053.001.08", rootElement: "BkToCstmrStmt")
    public var messageIdentifier: String { messageId }

    public func writeMessageContent(to writer: inout XMLStreamWriter, transliterator: Transliterator)
        throws(ISO20022Error)
    {
        try AccountReportMessage.write(Self.messageDefinition, .statement, messageId: messageId,
                                       creationDateTime: creationDateTime, reports: statements, to: &writer,
                                       text: transliterator)
    }

    public init(messageElement element: XMLElement) throws(ISO20022Error) {
        let (messageId, created, reports) = try AccountReportMessage.read(element, .statement)
        self.init(messageId: messageId, creationDateTime: created, statements: reports)
    }
}

/// camt.054.001.08 BankToCustomerDebitCreditNotification: entries on one or more accounts as they are booked,
/// without balances.
public struct BankToCustomerDebitCreditNotification: ISO20022Message {
    /// `GrpHdr/MsgId`.
    public var messageId: String
    /// `GrpHdr/CreDtTm`.
    public var creationDateTime: ISODateTime
    /// `Ntfctn`, at least one; none has balances.
    public var notifications: [AccountReport]

    /// Creates the message.
    public init(messageId: String, creationDateTime: ISODateTime, notifications: [AccountReport]) {
        self.messageId = messageId
        self.creationDateTime = creationDateTime
        self.notifications = notifications
    }

    public static let messageDefinition = MessageDefinition(identifier: "camt.054.001.08",
                                                            rootElement: "BkToCstmrDbtCdtNtfctn")
    public var messageIdentifier: String { messageId }

    public func writeMessageContent(to writer: inout XMLStreamWriter, transliterator: Transliterator)
        throws(ISO20022Error)
    {
        try AccountReportMessage.write(Self.messageDefinition, .notification, messageId: messageId,
                                       creationDateTime: creationDateTime, reports: notifications, to: &writer,
                                       text: transliterator)
    }

    public init(messageElement element: XMLElement) throws(ISO20022Error) {
        let (messageId, created, reports) = try AccountReportMessage.read(element, .notification)
        self.init(messageId: messageId, creationDateTime: created, notifications: reports)
    }
}

/// The part camt.053 and camt.054 share: a `GroupHeader81` and a list of account reports.
enum AccountReportMessage {
    static func write(_ definition: MessageDefinition, _ kind: AccountReport.Kind, messageId: String,
                      creationDateTime: ISODateTime, reports: [AccountReport], to writer: inout XMLStreamWriter,
                      text: Transliterator) throws(ISO20022Error)
    {
        // Paths are built only for an error.
        func path() -> String { "/Document/" + definition.rootElement }
        guard !reports.isEmpty else { throw .missingElement(path: path() + "/" + kind.element.description) }
        try writer.writeElement("GrpHdr") { writer throws(ISO20022Error) in
            try MessageCoding.writeIdentifier("MsgId", messageId, to: &writer) { path() + "/GrpHdr" }
            MessageCoding.writeDateTime("CreDtTm", creationDateTime, to: &writer)
        }
        for index in reports.indices {
            try reports[index].write(kind, to: &writer, text: text) {
                path() + "/" + kind.element.description + (index > 0 ? "[\(index + 1)]" : "")
            }
        }
    }

    static func read(_ element: XMLElement, _ kind: AccountReport.Kind)
        throws(ISO20022Error) -> (String, ISODateTime, [AccountReport])
    {
        let header = try element.required("GrpHdr")
        var reports: [AccountReport] = []
        for child in element.children(kind.element.description) {
            reports.append(try AccountReport(kind, element: child))
        }
        guard !reports.isEmpty else { throw .missingElement(path: element.path + "/" + kind.element.description) }
        return (try header.text("MsgId"), try MessageCoding.dateTime(header, "CreDtTm"), reports)
    }
}
