import CorridorCore
import CorridorISO20022
import CorridorLedger

/// The pacs.009.001.08 (with its head.001.001.02 header) that settles one net position: a net payer pays its
/// currency's settlement agent, or the agent pays a net receiver.
///
/// Guarantees: exactly one transaction, whose amount is `|owes|` of the position and whose debtor and creditor
/// accounts are the participant's position account and the agent's settlement account (32 hex digits of the ledger
/// id), so the message alone says which position it settles.
public struct NetSettlementMessage: Sendable, Hashable {
    /// The participant whose position this settles.
    public let participant: ParticipantID
    /// The currency.
    public let currency: Currency
    /// The position's net amount in minor units (positive: the participant pays the agent).
    public let owes: Int64
    /// The currency's settlement agent.
    public let settlementAgent: ParticipantID
    /// The ledger transfer that books this settlement.
    public let transferID: TransferID
    /// The typed message: header and document.
    public let message: BusinessMessage<FinancialInstitutionCreditTransfer>
    /// The head.001.001.02 document as written.
    public let headerXML: String
    /// The pacs.009.001.08 document as written.
    public let documentXML: String
    /// The header's file name (`pacs.009-2026-01-01-001.head.xml`).
    public let headerFileName: String
    /// The document's file name (`pacs.009-2026-01-01-001.xml`).
    public let documentFileName: String

    /// Creates the record of a written message.
    public init(participant: ParticipantID, currency: Currency, owes: Int64, settlementAgent: ParticipantID,
                transferID: TransferID, message: BusinessMessage<FinancialInstitutionCreditTransfer>,
                headerXML: String, documentXML: String, headerFileName: String, documentFileName: String) {
        self.participant = participant
        self.currency = currency
        self.owes = owes
        self.settlementAgent = settlementAgent
        self.transferID = transferID
        self.message = message
        self.headerXML = headerXML
        self.documentXML = documentXML
        self.headerFileName = headerFileName
        self.documentFileName = documentFileName
    }
}
