import CorridorISO20022
import Foundation

extension Gateway {
    /// Ends a business day: nets the day's payments, refunds and reversals per currency, settles each net
    /// position against the currency's settlement agent (pacs.009), builds statements (camt.053) and notifications
    /// (camt.054) and a reconciliation of ledger, messages and netting. Running it again for the same day changes
    /// nothing and gives the same run.
    public func clear(businessDate: ISODate) async throws -> ClearingRun {
        let items = try await store.clearingItems(businessDate: businessDate)
        let engine = ClearingEngine(directory: directory, backend: backend)
        // Created at the end of the business day, not at the wall clock: clearing a day again writes the same bytes.
        let endOfDay = Date(timeIntervalSince1970: TimeInterval(Self.unixDay(businessDate) * 86_400 + 86_399))
        return try await engine.run(items: items, businessDate: businessDate, createdAt: endOfDay, idPrefix: "CLR")
    }

    /// Days since 1970-01-01 of a civil date (proleptic Gregorian).
    static func unixDay(_ date: ISODate) -> Int64 {
        let y = Int64(date.month <= 2 ? date.year - 1 : date.year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64((date.month + 9) % 12)
        let doy = (153 * mp + 2) / 5 + Int64(date.day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The payments of `businessDate` as stored (results, trails, messages), in booking order.
    public func records(businessDate: ISODate) async throws -> [PaymentRecord] {
        try await store.records(businessDate: businessDate)
    }

    /// The ISO 20022 messages payments emitted on a business day (pacs.008, pacs.002, pacs.004), in booking order.
    public func emittedMessages(businessDate: ISODate) async throws -> [EmittedMessage] {
        try await store.emittedMessages(businessDate: businessDate)
    }
}

extension Gateway {
    /// The compliance audit trail: every screening decision that was not clear.
    public func screeningAudit() -> [ScreeningAuditRecord] { screener.auditRecords() }
}
