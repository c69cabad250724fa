import CorridorCore
import Foundation

/// The reference settlement backend: everything in one ``LedgerBook`` inside an actor. The fastest backend, and
/// the one whose behaviour the SQL backends must match. Nothing survives the process.
public actor InMemorySettlementBackend: SettlementBackend {
    public nonisolated let batchSizeMax: Int
    private let clock: any WallClock
    private var book = LedgerBook()
    /// Record ids in commit order (the `allTransfers` cursor walks it).
    private var order: [TransferID] = []
    /// Record ids per account in commit order (the `history` cursor walks it).
    private var historyIndex: [AccountID: [TransferID]] = [:]

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
        defer { book.clearChanges() }
        return accounts.map { book.create($0) }
    }

    public func post(_ transfers: [Transfer]) throws -> [TransferOutcome] {
        guard transfers.count <= batchSizeMax else {
            throw LedgerError.batchTooLarge(count: transfers.count, max: batchSizeMax)
        }
        let nowMs = clock.now().unixMilliseconds
        book.expireDue(nowMs: nowMs)
        var outcomes: [TransferOutcome] = []
        outcomes.reserveCapacity(transfers.count)
        for transfer in transfers { outcomes.append(book.apply(transfer, nowMs: nowMs)) }
        for id in book.changes.newRecordIDs {
            order.append(id)
            guard let record = book.records[id] else { continue }
            var seen: [AccountID] = []
            for leg in record.appliedLegs.isEmpty ? record.transfer.legs : record.appliedLegs {
                for account in [leg.debit, leg.credit] where !seen.contains(account) {
                    seen.append(account)
                    historyIndex[account, default: []].append(id)
                }
            }
        }
        book.clearChanges()
        return outcomes
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
        let ids = historyIndex[account] ?? []
        return Self.page(ids.lazy.compactMap { self.book.records[$0] }, after: cursor, limit: limit)
    }

    public func allTransfers(after cursor: UInt64?, limit: Int) -> [TransferRecord] {
        Self.page(order.lazy.compactMap { self.book.records[$0] }, after: cursor, limit: limit)
    }

    public func expirePendingTransfers() -> Int {
        let expired = book.expireDue(nowMs: clock.now().unixMilliseconds)
        book.clearChanges()
        return expired.count
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
