import CorridorCore
import CorridorISO20022
import Foundation

/// The proof that ledger = messages = netting for a business day: per participant and currency, three figures
/// computed independently of each other, and every place where they differ.
///
/// The figures, each in minor units, positive when the participant pays in:
/// 1. netting: ``NetPosition/owes``, summed from the items' obligations;
/// 2. ledger: the credits minus debits that the items' own ledger transfers (looked up by
///    ``ClearingItem/transferID``) moved on the participant's position account;
/// 3. messages: the pacs.009 amounts read back from the XML that was written (not from the model), positive when
///    the participant's position account is the debtor account and negative when it is the creditor account.
///
/// Guarantees: `lines` holds every participant and currency any of the three figures names, sorted by currency and
/// participant; `differences` is exactly the lines whose figures are not all equal; `isBalanced` is true only when
/// there is no difference, no missing transfer and every currency's netting sums to zero.
public struct ClearingReconciliation: Sendable, Hashable {
    /// One participant's three figures in one currency.
    public struct Line: Sendable, Hashable {
        /// The participant.
        public let participant: ParticipantID
        /// The currency.
        public let currency: Currency
        /// What netting says the participant owes.
        public let netting: Int64
        /// What the items' ledger transfers moved on the participant's position.
        public let ledger: Int64
        /// What the pacs.009 messages make the participant pay (negative: receive).
        public let messages: Int64

        /// Creates a line.
        public init(participant: ParticipantID, currency: Currency, netting: Int64, ledger: Int64, messages: Int64) {
            self.participant = participant
            self.currency = currency
            self.netting = netting
            self.ledger = ledger
            self.messages = messages
        }

        /// True when the three figures agree.
        public var isBalanced: Bool { netting == ledger && ledger == messages }
    }

    /// Why an item's ledger transfer does not count in the ledger figure.
    public enum MissingReason: String, Sendable, Hashable, Codable, CaseIterable {
        /// The ledger has no transfer with the item's id.
        case notFound = "not_found"
        /// The item's `transferID` is not a ledger id (neither UUID text nor a decimal number).
        case idInvalid = "id_invalid"
        /// The transfer is a hold or a void: it moved no posted balance.
        case notPosted = "not_posted"
    }

    /// An item whose ledger transfer is missing.
    public struct MissingTransfer: Sendable, Hashable {
        /// The item's id.
        public let itemID: String
        /// The transfer id the item names, as the item holds it.
        public let transferID: String
        /// Why it does not count.
        public let reason: MissingReason

        /// Creates an entry.
        public init(itemID: String, transferID: String, reason: MissingReason) {
            self.itemID = itemID
            self.transferID = transferID
            self.reason = reason
        }
    }

    /// The business day reconciled.
    public let businessDate: ISODate
    /// Every participant and currency, sorted by currency then participant.
    public let lines: [Line]
    /// The lines whose figures differ.
    public let differences: [Line]
    /// The items whose transfer could not be counted, in item order.
    public let missingTransfers: [MissingTransfer]
    /// Currencies whose net positions do not sum to zero (always empty unless netting is wrong).
    public let unbalancedCurrencies: [Currency]

    /// Creates a reconciliation from its figures.
    /// - Parameters:
    ///   - businessDate: the day.
    ///   - lines: the figures; sorted here.
    ///   - missingTransfers: items whose transfer did not count.
    ///   - unbalancedCurrencies: currencies whose netting does not sum to zero.
    public init(businessDate: ISODate, lines: [Line], missingTransfers: [MissingTransfer],
                unbalancedCurrencies: [Currency]) {
        self.businessDate = businessDate
        self.lines = lines.sorted {
            $0.currency != $1.currency ? $0.currency < $1.currency : $0.participant < $1.participant
        }
        self.differences = self.lines.filter { !$0.isBalanced }
        self.missingTransfers = missingTransfers
        self.unbalancedCurrencies = unbalancedCurrencies.sorted()
    }

    /// True when ledger, messages and netting agree everywhere and every item's transfer was found.
    public var isBalanced: Bool { differences.isEmpty && missingTransfers.isEmpty && unbalancedCurrencies.isEmpty }

    /// The line of a participant in a currency.
    public func line(of participant: ParticipantID, currency: Currency) -> Line? {
        lines.first { $0.participant == participant && $0.currency == currency }
    }
}

extension ClearingReconciliation {
    /// Puts the three independently computed figures side by side.
    static func make(
        businessDate: ISODate, netting: NettingResult, ledger: [PositionKey: Int64], messages: [PositionKey: Int64],
        missingTransfers: [MissingTransfer]
    ) -> ClearingReconciliation {
        var figures: [PositionKey: (netting: Int64, ledger: Int64, messages: Int64)] = [:]
        for position in netting.positions {
            figures[PositionKey(participant: position.participant, currency: position.currency), default: (0, 0, 0)]
                .netting = position.owes
        }
        for (key, value) in ledger { figures[key, default: (0, 0, 0)].ledger = value }
        for (key, value) in messages { figures[key, default: (0, 0, 0)].messages = value }
        let lines = figures.map { key, value in
            Line(participant: key.participant, currency: key.currency, netting: value.netting, ledger: value.ledger,
                 messages: value.messages)
        }
        return ClearingReconciliation(
            businessDate: businessDate, lines: lines, missingTransfers: missingTransfers,
            unbalancedCurrencies: netting.currencies.filter { !$0.isBalanced }.map(\.currency))
    }

    /// The messages figure: every pacs.009 read back from its XML, its amount attributed to the position account
    /// named as debtor account (+) or creditor account (−).
    /// - Parameters:
    ///   - settlements: the messages as written.
    ///   - positions: position accounts by their 32-hex-digit id.
    /// - Throws: ``ClearingError/message(_:)`` when a message does not read back,
    ///   ``ClearingError/amountOverflow(participant:currency:)``.
    static func messageFigures(
        _ settlements: [NetSettlementMessage], positions: [String: PositionKey]
    ) throws(ClearingError) -> [PositionKey: Int64] {
        var figures: [PositionKey: Int64] = [:]
        for settlement in settlements {
            let read: BusinessMessage<FinancialInstitutionCreditTransfer>
            do throws(ISO20022Error) {
                read = try BusinessMessage(headerXML: Data(settlement.headerXML.utf8),
                                           documentXML: Data(settlement.documentXML.utf8))
            } catch {
                throw .message(error)
            }
            for transaction in read.document.transactions {
                let amount = transaction.interbankSettlementAmount
                if let key = Self.position(transaction.debtorAccount, positions) {
                    try Self.add(amount.minorUnits, to: &figures[key, default: 0], key)
                }
                if let key = Self.position(transaction.creditorAccount, positions) {
                    try Self.add(-amount.minorUnits, to: &figures[key, default: 0], key)
                }
            }
        }
        return figures
    }

    private static func position(_ account: CashAccount?, _ positions: [String: PositionKey]) -> PositionKey? {
        guard case .other(let id, _)? = account?.identification else { return nil }
        return positions[id]
    }

    private static func add(_ amount: Int64, to sum: inout Int64, _ key: PositionKey) throws(ClearingError) {
        let (result, overflow) = sum.addingReportingOverflow(amount)
        guard !overflow else { throw .amountOverflow(participant: key.participant, currency: key.currency) }
        sum = result
    }
}
