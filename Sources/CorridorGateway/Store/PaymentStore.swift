import CorridorCore
import CorridorISO20022
import Synchronization

/// Where the gateway keeps payment records (results, trails, clearing items, emitted messages).
///
/// The ledger is the truth for money; the store is the truth for what was answered. A record is saved before the
/// answer is returned, so a retried payment id gets the first answer.
public protocol PaymentStore: Sendable {
    /// Saves records (new or updated) durably.
    func save(_ records: [PaymentRecord]) async throws
    /// The record of a payment, refund or reversal id.
    func record(_ id: String) async throws -> PaymentRecord?
    /// Every record booked on a business day (approved payments, refunds and reversals), in booking order.
    func records(businessDate: ISODate) async throws -> [PaymentRecord]
    /// The clearing items of ``records(businessDate:)``, in the same order: what clearing reads. A store that keeps
    /// items apart from whole records (a simulation's million payments) answers without building the records.
    func clearingItems(businessDate: ISODate) async throws -> [ClearingItem]
    /// The messages of ``records(businessDate:)``, in the same order. A store that does not keep every record's
    /// messages answers with those it kept, without building the records.
    func emittedMessages(businessDate: ISODate) async throws -> [EmittedMessage]
}

extension PaymentStore {
    public func clearingItems(businessDate: ISODate) async throws -> [ClearingItem] {
        try await records(businessDate: businessDate).compactMap(\.clearingItem)
    }

    public func emittedMessages(businessDate: ISODate) async throws -> [EmittedMessage] {
        try await records(businessDate: businessDate).flatMap(\.messages)
    }
}

/// The in-memory store: the reference, and the fastest.
///
/// Records live in ``shardCount`` shards chosen by a hash of the id, each behind its own lock, so payments on both
/// cores rarely wait for each other; a record is kept in a box, so a growing shard moves pointers, not records.
/// A business day's listing (booking order) has its own lock.
public final class InMemoryPaymentStore: PaymentStore {
    /// One shard: records by id, each in a box (a `PaymentRecord` is about a kilobyte inline).
    private final class Shard: Sendable {
        let records = Mutex(BoxedDictionary<String, PaymentRecord>())
    }

    private static let shardCount = 32
    private let shards: [Shard]
    private let byDate = Mutex<[ISODate: [String]]>([:])

    /// An empty store.
    public init() {
        shards = (0..<Self.shardCount).map { _ in Shard() }
    }

    private func shard(_ id: String) -> Shard {
        var hasher = Hasher()
        hasher.combine(id)
        return shards[Int(UInt(bitPattern: hasher.finalize()) % UInt(Self.shardCount))]
    }

    public func save(_ records: [PaymentRecord]) async throws {
        var firstSaved: [(ISODate, String)] = []
        for record in records {
            let id = record.result.paymentID
            let isNew = shard(id).records.withLock { $0.updateValue(record, forKey: id) == nil }
            if isNew, let item = record.clearingItem { firstSaved.append((item.businessDate, id)) }
        }
        guard !firstSaved.isEmpty else { return }
        byDate.withLock { byDate in
            for (date, id) in firstSaved { byDate[date, default: []].append(id) }
        }
    }

    public func record(_ id: String) async throws -> PaymentRecord? {
        shard(id).records.withLock { $0[id] }
    }

    public func records(businessDate: ISODate) async throws -> [PaymentRecord] {
        let ids = byDate.withLock { $0[businessDate] ?? [] }
        return ids.compactMap { id in shard(id).records.withLock { $0[id] } }
    }
}
