import CorridorCore
import CorridorLedger

/// What the ledger holds for a day's items: each item's transfer, looked up by ``ClearingItem/transferID``, and
/// what it moved on the position accounts. The ledger figure of the reconciliation and the item entries of the
/// statements both come from here.
///
/// The transfers are read in chunks of items and reduced to their effects on the position accounts as they come:
/// a day of a million payments is not held as a million transfer records.
struct ItemLedger: Sendable {
    /// One item's effect on one position account.
    struct Entry: Sendable, Hashable {
        /// The item's index in the day's items.
        let item: Int
        /// Credits minus debits the item's transfer moved on the account (never zero).
        let amount: Int64
    }

    /// The items' effects on the position accounts.
    struct Effects: Sendable {
        /// Per position, the entries in item order.
        var entries: [PositionKey: [Entry]] = [:]
        /// Per position, the sum of its entries.
        var figures: [PositionKey: Int64] = [:]
    }

    /// What the lookup found for one item's transfer id.
    private enum Found {
        case posted, notPosted, notFound, idInvalid

        /// Why an item naming it does not count, nil when it does (or its transfer already counted).
        var missingReason: ClearingReconciliation.MissingReason? {
            switch self {
            case .posted: nil
            case .notPosted: .notPosted
            case .notFound: .notFound
            case .idInvalid: .idInvalid
            }
        }
    }

    /// For each item (in the day's order), the transfer whose effects it shows; nil when its transfer is missing or
    /// an earlier item named the same transfer (a transfer counts once).
    let entryTransfers: [TransferID?]
    /// The items whose transfer does not count, in item order.
    let missing: [ClearingReconciliation.MissingTransfer]
    /// What the counted transfers moved on the position accounts.
    let effects: Effects
    /// Every position account the run may meet, by ledger id: each given participant in each given currency or
    /// currency a counted transfer moved.
    let positions: [AccountID: PositionKey]
    /// The latest commit among the counted transfers.
    let lastSequence: UInt64?

    /// Looks the items' transfers up, in batches the backend accepts, and keeps what they moved on the position
    /// accounts of `participants`.
    /// - Parameters:
    ///   - participants: whose position accounts to watch.
    ///   - currencies: the currencies to watch them in besides those the transfers move.
    /// - Throws: ``ClearingError/amountOverflow(participant:currency:)``, or the backend's errors.
    static func read(
        _ items: [ClearingItem], backend: any SettlementBackend, participants: Set<ParticipantID>,
        currencies: Set<Currency>
    ) async throws -> ItemLedger {
        var index = PositionIndex(participants: participants)
        for currency in currencies { index.watch(currency) }
        var outcomes: [TransferID: Found] = [:]
        var entryTransfers: [TransferID?] = []
        entryTransfers.reserveCapacity(items.count)
        var missing: [ClearingReconciliation.MissingTransfer] = []
        var effects = Effects()
        var lastSequence: UInt64?
        let batch = max(1, backend.batchSizeMax)
        for chunkStart in stride(from: 0, to: items.count, by: batch) {
            let chunk = items[chunkStart..<min(chunkStart + batch, items.count)]
            let parsed = chunk.map { LedgerIdentifier(string: $0.transferID) }
            var unseen: [TransferID] = []
            var asked = Set<TransferID>()
            for id in parsed.compactMap({ $0 }) where outcomes[id] == nil && asked.insert(id).inserted { unseen.append(id) }
            var found: [TransferID: TransferRecord] = [:]
            for start in stride(from: 0, to: unseen.count, by: batch) {
                let ids = Array(unseen[start..<min(start + batch, unseen.count)])
                for record in try await backend.lookup(transfers: ids) { found[record.transfer.id] = record }
            }
            for (offset, (item, id)) in zip(chunk, parsed).enumerated() {
                // A transfer counts once: a later item naming a counted transfer shows nothing, and one naming a
                // missing transfer is listed as missing again.
                let outcome: Found
                if let id, let known = outcomes[id] {
                    outcome = known
                } else if let id {
                    outcome = found[id].map { isPosted($0) ? .posted : .notPosted } ?? .notFound
                    outcomes[id] = outcome
                    if case .posted = outcome, let record = found[id] {
                        entryTransfers.append(id)
                        lastSequence = max(lastSequence ?? record.sequence, record.sequence)
                        for leg in record.appliedLegs { index.watch(leg.amount.currency) }
                        for (key, amount) in try postedEffects(of: record, on: index.accounts) where amount != 0 {
                            effects.entries[key, default: []].append(Entry(item: chunkStart + offset, amount: amount))
                            try add(amount, to: &effects.figures[key, default: 0], key)
                        }
                        continue
                    }
                } else {
                    outcome = .idInvalid
                }
                entryTransfers.append(nil)
                if let reason = outcome.missingReason {
                    missing.append(.init(itemID: item.id, transferID: item.transferID, reason: reason))
                }
            }
        }
        return ItemLedger(entryTransfers: entryTransfers, missing: missing, effects: effects, positions: index.accounts,
                          lastSequence: lastSequence)
    }

    /// Position accounts by ledger id, for a set of participants, in the currencies watched so far.
    private struct PositionIndex {
        let participants: Set<ParticipantID>
        private(set) var accounts: [AccountID: PositionKey] = [:]
        private var currencies: Set<Currency> = []

        init(participants: Set<ParticipantID>) { self.participants = participants }

        /// Adds every participant's position in `currency`, once.
        mutating func watch(_ currency: Currency) {
            guard currencies.insert(currency).inserted else { return }
            for participant in participants {
                let key = PositionKey(participant: participant, currency: currency)
                accounts[key.account] = key
            }
        }
    }

    /// Whether a record moved posted balances: a single-phase transfer or the posting of a hold.
    static func isPosted(_ record: TransferRecord) -> Bool {
        switch record.transfer.kind {
        case .single, .postPending: true
        case .pending, .voidPending: false
        }
    }

    /// Credits minus debits a record moved on each watched account it touches, in the order its legs name them.
    /// - Throws: ``ClearingError/amountOverflow(participant:currency:)``.
    static func postedEffects(
        of record: TransferRecord, on positions: [AccountID: PositionKey]
    ) throws(ClearingError) -> [(key: PositionKey, amount: Int64)] {
        guard isPosted(record) else { return [] }
        // Legs are few (≤ Transfer.legsMax): an array scan beats a dictionary.
        var moved: [(key: PositionKey, amount: Int64)] = []
        func book(_ account: AccountID, _ amount: Int64) throws(ClearingError) {
            guard let key = positions[account] else { return }
            if let index = moved.firstIndex(where: { $0.key == key }) {
                try add(amount, to: &moved[index].amount, key)
            } else {
                moved.append((key, amount))
            }
        }
        for leg in record.appliedLegs {
            try book(leg.credit, leg.amount.minorUnits)
            try book(leg.debit, -leg.amount.minorUnits)
        }
        return moved
    }

    /// Credits minus debits a record moved on one account.
    /// - Throws: ``ClearingError/amountOverflow(participant:currency:)``.
    static func postedEffect(of record: TransferRecord, on key: PositionKey) throws(ClearingError) -> Int64 {
        try postedEffects(of: record, on: [key.account: key]).first?.amount ?? 0
    }

    private static func add(_ amount: Int64, to sum: inout Int64, _ key: PositionKey) throws(ClearingError) {
        let (result, overflow) = sum.addingReportingOverflow(amount)
        guard !overflow else { throw .amountOverflow(participant: key.participant, currency: key.currency) }
        sum = result
    }
}
