import CorridorISO20022
import Foundation

extension Gateway {
    /// Ends a business day: nets the day's payments, refunds and reversals per currency, settles each net
    /// position against the currency's settlement agent (pacs.009), builds statements (camt.053) and notifications
    /// (camt.054) and a reconciliation of ledger, messages and netting. Running it again for the same day changes
    /// nothing and gives the same run.
    public func clear(businessDate: ISODate) async throws -> ClearingRun {
        let records = try await store.records(businessDate: businessDate)
        let items = records.compactMap(\.clearingItem)
        let engine = ClearingEngine(directory: directory, backend: backend)
        return try await engine.run(items: items, businessDate: businessDate, createdAt: clock.now(), idPrefix: "CLR")
    }

    /// The ISO 20022 messages payments emitted on a business day (pacs.008, pacs.002, pacs.004), in booking order.
    public func emittedMessages(businessDate: ISODate) async throws -> [EmittedMessage] {
        try await store.records(businessDate: businessDate).flatMap(\.messages)
    }
}

extension Gateway {
    /// The compliance audit trail: every screening decision that was not clear.
    public func screeningAudit() -> [ScreeningAuditRecord] { screener.auditRecords() }
}
