import CorridorCore
import CorridorLedger

/// What the ledger holds for a day's items: each item's transfer, looked up by ``ClearingItem/transferID``, and
/// what it moved on the position accounts. The ledger figure of the reconciliation and the item entries of the
/// statements both come from here.
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

    /// The posted records of the items' transfers, by id.
    let records: [TransferID: TransferRecord]
    /// For each item (in the day's order), the transfer whose effects it shows; nil when its transfer is missing or
    /// an earlier item named the same transfer (a transfer counts once).
    let entryTransfers: [TransferID?]
    /// The items whose transfer does not count, in item order.
    let missing: [ClearingReconciliation.MissingTransfer]

    /// Looks the items' transfers up, in batches the backend accepts.
    /// - Throws: the backend's errors.
    static func read(_ items: [ClearingItem], backend: any SettlementBackend) async throws -> ItemLedger {
        var parsed: [TransferID?] = []
        parsed.reserveCapacity(items.count)
        var unique: [TransferID] = []
        var seen = Set<TransferID>()
        for item in items {
            let id = LedgerIdentifier(string: item.transferID)
            parsed.append(id)
            if let id, seen.insert(id).inserted { unique.append(id) }
        }
        var found: [TransferID: TransferRecord] = [:]
        let batch = max(1, backend.batchSizeMax)
        for start in stride(from: 0, to: unique.count, by: batch) {
            let ids = Array(unique[start..<min(start + batch, unique.count)])
            for record in try await backend.lookup(transfers: ids) { found[record.transfer.id] = record }
        }
        var records: [TransferID: TransferRecord] = [:]
        var entryTransfers: [TransferID?] = []
        entryTransfers.reserveCapacity(items.count)
        var missing: [ClearingReconciliation.MissingTransfer] = []
        var counted = Set<TransferID>()
        for (item, id) in zip(items, parsed) {
            let reason: ClearingReconciliation.MissingReason
            if let id, let record = found[id] {
                if isPosted(record) {
                    records[id] = record
                    entryTransfers.append(counted.insert(id).inserted ? id : nil)
                    continue
                }
                reason = .notPosted
            } else {
                reason = id == nil ? .idInvalid : .notFound
            }
            missing.append(.init(itemID: item.id, transferID: item.transferID, reason: reason))
            entryTransfers.append(nil)
        }
        return ItemLedger(records: records, entryTransfers: entryTransfers, missing: missing)
    }

    /// What the items' transfers moved on the position accounts.
    /// - Parameter positions: the position accounts to watch, by ledger id; legs on other accounts are ignored.
    /// - Throws: ``ClearingError/amountOverflow(participant:currency:)``.
    func effects(on positions: [AccountID: PositionKey]) throws(ClearingError) -> Effects {
        var effects = Effects()
        for (item, id) in entryTransfers.enumerated() {
            guard let id, let record = records[id] else { continue }
            for (key, amount) in try Self.postedEffects(of: record, on: positions) where amount != 0 {
                effects.entries[key, default: []].append(Entry(item: item, amount: amount))
                try Self.add(amount, to: &effects.figures[key, default: 0], key)
            }
        }
        return effects
    }

    /// The latest commit among the items' records.
    var lastSequence: UInt64? { records.values.map(\.sequence).max() }

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
