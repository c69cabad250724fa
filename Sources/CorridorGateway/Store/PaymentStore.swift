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
}

/// The in-memory store: the reference, and the fastest.
public final class InMemoryPaymentStore: PaymentStore {
    private struct State {
        var byID: [String: PaymentRecord] = [:]
        var byDate: [ISODate: [String]] = [:]
    }

    private let state = Mutex(State())

    /// An empty store.
    public init() {}

    public func save(_ records: [PaymentRecord]) async throws {
        state.withLock { state in
            for record in records {
                let id = record.result.paymentID
                if state.byID.updateValue(record, forKey: id) == nil, let item = record.clearingItem {
                    state.byDate[item.businessDate, default: []].append(id)
                }
            }
        }
    }

    public func record(_ id: String) async throws -> PaymentRecord? {
        state.withLock { $0.byID[id] }
    }

    public func records(businessDate: ISODate) async throws -> [PaymentRecord] {
        state.withLock { state in (state.byDate[businessDate] ?? []).compactMap { state.byID[$0] } }
    }
}
