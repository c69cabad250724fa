import CorridorCore
import CorridorISO20022
import CorridorLedger
import Foundation

/// Everything one clearing run produced: the netting, the pacs.009 settlement messages, the camt.053 statements
/// and camt.054 notifications, the ledger's settlement transfer ids and the reconciliation.
///
/// Guarantees: the same items, ledger and arguments give equal values and byte-identical files; every list is in
/// (currency, participant) order.
public struct ClearingRun: Sendable {
    /// The business day cleared.
    public let businessDate: ISODate
    /// The multilateral netting of the day's items.
    public let netting: NettingResult
    /// One pacs.009 per non-zero net position.
    public let settlementMessages: [NetSettlementMessage]
    /// One camt.053 per position account.
    public let statements: [ClearingDocument<BankToCustomerStatement>]
    /// One camt.054 per position account that had entries.
    public let notifications: [ClearingDocument<BankToCustomerDebitCreditNotification>]
    /// Ledger = messages = netting, and what differs.
    public let reconciliation: ClearingReconciliation
    /// The ledger transfers that settled the positions: one per non-zero net position, in message order (a zero
    /// position has nothing to move).
    public let settlementTransferIDs: [TransferID]
    /// `reconciliation-<date>.json`.
    public let reconciliationJSONFileName: String
    /// `reconciliation-<date>.md`.
    public let reconciliationMarkdownFileName: String

    /// Creates a run's result (the engine does).
    init(businessDate: ISODate, netting: NettingResult, settlementMessages: [NetSettlementMessage],
         statements: [ClearingDocument<BankToCustomerStatement>],
         notifications: [ClearingDocument<BankToCustomerDebitCreditNotification>],
         reconciliation: ClearingReconciliation, settlementTransferIDs: [TransferID],
         reconciliationJSONFileName: String, reconciliationMarkdownFileName: String) {
        self.businessDate = businessDate
        self.netting = netting
        self.settlementMessages = settlementMessages
        self.statements = statements
        self.notifications = notifications
        self.reconciliation = reconciliation
        self.settlementTransferIDs = settlementTransferIDs
        self.reconciliationJSONFileName = reconciliationJSONFileName
        self.reconciliationMarkdownFileName = reconciliationMarkdownFileName
    }

    /// The message files: each pacs.009's header then document, the camt.053s, the camt.054s (their XML made when
    /// read).
    public var messageFiles: [GeneratedFile] {
        var files: [GeneratedFile] = []
        for message in settlementMessages {
            files.append(GeneratedFile(name: message.headerFileName, text: message.headerXML))
            files.append(GeneratedFile(name: message.documentFileName, text: message.documentXML))
        }
        files += statements.map(\.file)
        files += notifications.map(\.file)
        return files
    }

    /// Every file of the run, in the order ``write(to:)`` writes them: ``messageFiles``, then the reconciliation
    /// as JSON and as Markdown.
    public var files: [GeneratedFile] {
        messageFiles + [GeneratedFile(name: reconciliationJSONFileName, text: reconciliationJSON),
                        GeneratedFile(name: reconciliationMarkdownFileName, text: reconciliationMarkdown)]
    }

    /// Writes every file into a directory (created when missing), replacing files of the same name.
    /// - Parameter directory: where to write.
    /// - Returns: the files written, in ``files`` order.
    /// - Throws: the file system's errors.
    public func write(to directory: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var written: [URL] = []
        for file in files {
            let url = directory.appendingPathComponent(file.name)
            try Data(file.text.utf8).write(to: url, options: .atomic)
            written.append(url)
        }
        return written
    }
}
