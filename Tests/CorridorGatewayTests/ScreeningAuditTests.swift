import CorridorCore
import CorridorGateway
import Foundation
import Testing

@Suite("Screening: results and audit")
struct ScreeningAuditTests {
    static let ruToCN = PaymentCorridor(payerCountry: .russia, payeeCountry: .china)
    static let now = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    static func rub(_ roubles: Int64) -> Money { Money(minorUnits: roubles * 100, currency: .rub) }

    @Test func resultsCarryISO8583AndISO20022Codes() throws {
        let screener = ComplianceScreener(
            watchList: try ScreeningSampleList.load(), limits: ScreeningLimits(payerDailyMax: [Self.rub(1000)]))
        func screen(_ name: String, _ amount: Money) -> ScreeningResult {
            screener.screen(
                [ScreeningSubject(name: name, role: .payer)], payerKey: "card-1", corridor: Self.ruToCN,
                amount: amount, at: Self.now)
        }
        let clear = screen("Anna Ivanova", Self.rub(100))
        #expect(clear.iso8583ResponseCode == "00")
        #expect(clear.iso20022Reason == nil)
        #expect(clear.checkedAt == Self.now)

        let hit = screen("Иван Санкционов", Self.rub(100))
        #expect(hit.iso8583ResponseCode == "05")
        #expect(hit.iso20022Reason == "RR04")
        #expect(hit.reason == "Declined by compliance screening: the payer needs review.")

        let limit = screen("Anna Ivanova", Self.rub(1000))
        #expect(limit.iso8583ResponseCode == "61")
        #expect(limit.iso20022Reason == "AM14")
        #expect(
            limit.reason
                == "Declined: the payer's total today would be 1100.00 RUB, above the daily limit of 1000.00 RUB.")
    }

    @Test func auditRecordsHitsAndLimitsOnly() throws {
        let screener = ComplianceScreener(
            watchList: try ScreeningSampleList.load(), limits: ScreeningLimits(payerDailyMax: [Self.rub(1000)]))
        func screen(_ name: String, _ amount: Money) {
            _ = screener.screen(
                [ScreeningSubject(name: name, role: .payer)], payerKey: "card-1", corridor: Self.ruToCN,
                amount: amount, at: Self.now)
        }
        screen("Anna Ivanova", Self.rub(100))
        screen("Ivan Sanktionov", Self.rub(100))
        screen("Anna Ivanova", Self.rub(2000))
        let records = screener.auditRecords()
        try #require(records.count == 2)

        #expect(records[0].time == Self.now)
        #expect(records[0].payerKey == "card-1")
        #expect(records[0].subjectRole == .payer)
        #expect(records[0].subjectName == "Ivan Sanktionov")
        #expect(records[0].entryID == "CDL-0001")
        #expect(records[0].list == "CORRIDOR-DEMO")
        #expect(abs((records[0].score ?? 0) - 298.0 / 319.0) < 1e-9)
        #expect(records[0].decision.contains("CORRIDOR-DEMO entry CDL-0001"))

        #expect(records[1].subjectRole == nil)
        #expect(records[1].subjectName == nil)
        #expect(records[1].entryID == nil)
        #expect(records[1].decision == "limit exceeded: payerDaily limit 1000.00 RUB, attempted 2100.00 RUB")
    }

    @Test func auditLogKeepsTheLatestRecordsOnly() throws {
        let screener = ComplianceScreener(watchList: try ScreeningSampleList.load(), auditRecordsMax: 3)
        for payer in 0..<5 {
            _ = screener.screen(
                [ScreeningSubject(name: "Boris Embargov", role: .payer)], payerKey: "p\(payer)",
                corridor: Self.ruToCN, amount: Self.rub(1), at: Self.now)
        }
        #expect(screener.auditRecords().map(\.payerKey) == ["p2", "p3", "p4"])
    }
}
