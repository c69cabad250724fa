import CorridorCore
import Foundation

/// The reference settlement backend: everything in one ``LedgerBook`` inside an actor. The fastest backend, and
/// the one whose behaviour the SQL backends must match. Nothing survives the process.
public actor InMemorySettlementBackend: SettlementBackend {
    public nonisolated let batchSizeMax: Int
    private let clock: any WallClock
    /// Everything. Its records are in commit order (this book only commits), so they are sorted by sequence. Nothing
    /// is written back from it, so it keeps no change set.
    private var book = LedgerBook(tracksChanges: false)
    /// Positions in `book.records` per account, in commit order (the `history` cursor walks them). Built on demand:
    /// `history` indexes the records from `indexedCount` on before it reads, so `post` never touches the
    /// per-account arrays (appending to them is a cache miss per account).
    private var historyIndex = LedgerIdentifierMap<[Int]>()
    /// How many records (a prefix of `book.records`) `historyIndex` covers.
    private var indexedCount = 0

    /// Creates an empty ledger.
    /// - Parameters:
    ///   - clock: the time used for commit timestamps and pending timeouts.
    ///   - batchSizeMax: the largest batch accepted.
    public init(clock: any WallClock = SystemWallClock(), batchSizeMax: Int = InMemorySettlementBackend.defaultBatchSizeMax) {
        self.clock = clock
        self.batchSizeMax = batchSizeMax
    }

    public func createAccounts(_ accounts: [Account]) throws -> [AccountOutcome] {
        guard accounts.count <= batchSizeMax else { throw LedgerError.batchTooLarge(count: accounts.count, max: batchSizeMax) }
        return accounts.map { book.create($0) }
    }

    public func post(_ transfers: [Transfer]) throws -> [TransferOutcome] {
        guard transfers.count <= batchSizeMax else {
            throw LedgerError.batchTooLarge(count: transfers.count, max: batchSizeMax)
        }
        let nowMs = clock.now().unixMilliseconds
        return book.applyBatch(transfers, nowMs: nowMs)
    }

    /// Appends a record to the history of every account its applied legs name, once per account (as the SQL
    /// backends index it).
    private func indexHistory(_ position: Int, legs: [TransferLeg]) {
        for (index, leg) in legs.enumerated() {
            // Legs are few (≤ Transfer.legsMax): a scan of the earlier ones beats building a set.
            let earlier = legs[..<index]
            if !earlier.contains(where: { $0.debit == leg.debit || $0.credit == leg.debit }) {
                historyIndex[leg.debit, default: []].append(position)
            }
            if !earlier.contains(where: { $0.debit == leg.credit || $0.credit == leg.credit }) {
                historyIndex[leg.credit, default: []].append(position)
            }
        }
    }

    public func accounts(_ ids: [AccountID]) -> [Account] {
        ids.compactMap { book.accounts[$0] }
    }

    public func allAccounts(after cursor: AccountID?, limit: Int) -> [Account] {
        let sorted = book.accounts.values.sorted { $0.id < $1.id }
        let start = cursor.map { c in sorted.firstIndex { $0.id > c } ?? sorted.count } ?? 0
        return Array(sorted[start...].prefix(max(0, limit)))
    }

    public func balances(of ids: [AccountID]) -> [AccountBalance] {
        ids.compactMap { book.balances[$0] }
    }

    public func lookup(transfers ids: [TransferID]) -> [TransferRecord] {
        ids.compactMap { book.records[$0] }
    }

    public func history(of account: AccountID, after cursor: UInt64?, limit: Int) -> [TransferRecord] {
        let records = book.records.values
        while indexedCount < records.count {
            indexHistory(indexedCount, legs: records[indexedCount].appliedLegs)
            indexedCount += 1
        }
        let positions = historyIndex[account] ?? []
        return Self.page(positions.lazy.map { records[$0] }, after: cursor, limit: limit)
    }

    public func allTransfers(after cursor: UInt64?, limit: Int) -> [TransferRecord] {
        let records = book.records.values
        // Sorted by sequence: the first record past the cursor is found by bisection.
        var low = 0
        var high = records.count
        while low < high {
            let middle = low + (high - low) / 2
            if records[middle].sequence > (cursor ?? 0) { high = middle } else { low = middle + 1 }
        }
        return Array(records[low...].prefix(Swift.max(0, limit)))
    }

    public func expirePendingTransfers() -> Int {
        book.expireDue(nowMs: clock.now().unixMilliseconds).count
    }

    public func verify() -> LedgerVerification {
        var audit = LedgerAudit()
        for record in book.records.values { audit.add(record) }
        return audit.finish(
            accounts: Array(book.accounts.values), balances: Array(book.balances.values),
            nowMs: clock.now().unixMilliseconds
        )
    }

    private static func page(
        _ records: some Sequence<TransferRecord>, after cursor: UInt64?, limit: Int
    ) -> [TransferRecord] {
        var result: [TransferRecord] = []
        for record in records where record.sequence > (cursor ?? 0) {
            guard result.count < limit else { break }
            result.append(record)
        }
        return result
    }
}
