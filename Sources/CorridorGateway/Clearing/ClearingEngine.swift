import CorridorCore
import CorridorISO20022
import CorridorLedger
import Foundation

/// End-of-day clearing (DESIGN.md §1): nets a business day's items per currency, settles every net position
/// against the currency's settlement agent with a pacs.009 and a ledger transfer, reports each position account in
/// a camt.053 statement and camt.054 notification, and proves ledger = messages = netting.
///
/// Guarantees:
/// - Idempotent: the settlement transfers have ids derived from the date, participant and currency, and every
///   message id, UETR and file name from the date, prefix and order; running a date again with the same items
///   changes nothing on the ledger and produces the same messages byte for byte.
/// - Nothing is posted when the day cannot be cleared: a currency without agent, an unknown participant, an id
///   prefix or item reference CBPR+ refuses, a pacs.009 that does not write.
/// - Differences between the items' obligations and their ledger transfers do not stop the run: they are listed
///   in ``ClearingRun/reconciliation``. Settlement follows the netting, which is what the pacs.009 messages carry.
public struct ClearingEngine: Sendable {
    /// Participants and settlement agents.
    public let directory: GatewayDirectory
    /// The ledger holding the position accounts.
    public let backend: any SettlementBackend

    /// How many times a statement's closing balance is read again when the account changes during the read.
    static let closingBalanceAttemptsMax = 4

    /// Creates an engine.
    /// - Parameters:
    ///   - directory: participants (with their BICs) and the settlement agent of each currency.
    ///   - backend: the ledger with the participants' position accounts.
    public init(directory: GatewayDirectory, backend: any SettlementBackend) {
        self.directory = directory
        self.backend = backend
    }

    /// The pacs.009 settlement messages for a netting result, one per non-zero net position, without touching the
    /// ledger (what `run` sends; the benchmark times it on its own).
    /// - Throws: ``ClearingError`` for an unknown participant, a currency without an agent, or a CBPR+ rule broken.
    public func settlementMessages(for netting: NettingResult, businessDate: ISODate, createdAt: Date, idPrefix: String)
        throws(ClearingError) -> [NetSettlementMessage]
    {
        let identifiers = try ClearingIdentifiers(prefix: idPrefix, businessDate: businessDate)
        let parties = try ClearingParties(netting: netting, directory: directory)
        return try settlementMessages(netting: netting, parties: parties, identifiers: identifiers, created: ISODateTime(createdAt))
    }

    /// Clears one business day.
    /// - Parameters:
    ///   - items: the booked items; those of other business dates are ignored.
    ///   - businessDate: the day to clear.
    ///   - createdAt: the creation time written in every message (pass a fixed time for reproducible files).
    ///   - idPrefix: the start of every message id (`CORRIDOR` → `CORRIDOR-20260101-N001`); CBPR+ characters.
    /// - Returns: the netting, the messages, the settlement transfer ids and the reconciliation.
    /// - Throws: ``ClearingError`` (nothing is posted for the validation errors), or the backend's errors.
    public func run(items: [ClearingItem], businessDate: ISODate, createdAt: Date, idPrefix: String)
        async throws -> ClearingRun
    {
        let identifiers = try ClearingIdentifiers(prefix: idPrefix, businessDate: businessDate)
        let dayItems = Self.inBookingOrder(items, businessDate: businessDate)
        try Self.checkReferences(of: dayItems)
        let netting = try MultilateralNetting.net(dayItems)
        let parties = try ClearingParties(netting: netting, directory: directory)
        let created = ISODateTime(createdAt)
        let settlements = try settlementMessages(netting: netting, parties: parties, identifiers: identifiers,
                                                 created: created)

        try await openAccounts(netting: netting, parties: parties)
        let settlementRecords = try await post(settlements, identifiers: identifiers)

        let itemLedger = try await ItemLedger.read(
            dayItems, backend: backend,
            participants: Set(directory.participants.keys).union(netting.positions.map(\.participant)),
            currencies: Set(netting.currencies.map(\.currency)))
        let positions = itemLedger.positions
        let effects = itemLedger.effects

        let messageFigures = try ClearingReconciliation.messageFigures(
            settlements, positions: Dictionary(uniqueKeysWithValues: positions.map {
                (ClearingIdentifiers.compact($0.key), $0.value)
            }))
        let reconciliation = ClearingReconciliation.make(
            businessDate: businessDate, netting: netting, ledger: effects.figures, messages: messageFigures,
            missingTransfers: itemLedger.missing)

        let reports = try await accountReports(
            keys: Set(netting.positions.map { PositionKey(participant: $0.participant, currency: $0.currency) })
                .union(effects.entries.keys).sorted(),
            items: dayItems, effects: effects, itemLedger: itemLedger, settlements: settlements,
            settlementRecords: settlementRecords, parties: parties, identifiers: identifiers, created: created)

        return ClearingRun(
            businessDate: businessDate, netting: netting, settlementMessages: settlements,
            statements: reports.statements, notifications: reports.notifications, reconciliation: reconciliation,
            settlementTransferIDs: settlements.map(\.transferID),
            reconciliationJSONFileName: identifiers.reconciliationFileName(extension: "json"),
            reconciliationMarkdownFileName: identifiers.reconciliationFileName(extension: "md"))
    }

    /// The items of `businessDate` in booking order (time, then id), which makes statements and results
    /// independent of the order the caller lists items in. Items that already are one day's, in that order (what a
    /// store gives), are used as they are: a day of a million items is not copied twice.
    static func inBookingOrder(_ items: [ClearingItem], businessDate: ISODate) -> [ClearingItem] {
        var dayItems = items
        if !items.allSatisfy({ $0.businessDate == businessDate }) {
            dayItems = items.filter { $0.businessDate == businessDate }
        }
        if zip(dayItems, dayItems.dropFirst()).contains(where: { !ClearingItem.bookedBefore($0, $1) }) {
            dayItems.sort(by: ClearingItem.bookedBefore)
        }
        return dayItems
    }

    /// The item references the statements carry must be CBPR+ identifiers; checked before anything is posted.
    /// - Throws: ``ClearingError/message(_:)``.
    private static func checkReferences(of items: [ClearingItem]) throws(ClearingError) {
        do throws(ISO20022Error) {
            for item in items {
                let path = "item \(item.id)"
                try CBPRPlusText.checkIdentifier(item.endToEndID, path: path + " endToEndID")
                if let messageID = item.messageID {
                    try CBPRPlusText.checkIdentifier(messageID, path: path + " messageID")
                }
            }
        } catch {
            throw .message(error)
        }
    }
}
