import CorridorCore
import CorridorGateway
import Foundation
import Testing

@Suite("Screening: amount limits")
struct ScreeningLimitTests {
    static let ruToCN = PaymentCorridor(payerCountry: .russia, payeeCountry: .china)
    static let domestic = PaymentCorridor(payerCountry: .russia, payeeCountry: .russia)
    static let dayStart = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    static func rub(_ roubles: Int64) -> Money { Money(minorUnits: roubles * 100, currency: .rub) }

    private func pay(
        _ screener: ComplianceScreener, _ amount: Money, payer: String = "card-1", corridor: PaymentCorridor = ruToCN,
        hoursIntoDay hours: Double = 1
    ) -> ScreeningDecision {
        screener.screen(
            [ScreeningSubject(name: "Anna Ivanova", role: .payer)], payerKey: payer, corridor: corridor,
            amount: amount, at: Self.dayStart.addingTimeInterval(hours * 3600)
        ).decision
    }

    @Test func secondPaymentOverThePayerCapIsRefusedAndTheNextDayAllowed() {
        let screener = ComplianceScreener(
            watchList: WatchList(entries: []), limits: ScreeningLimits(payerDailyMax: [Self.rub(1000)]))
        #expect(pay(screener, Self.rub(600)) == .clear)
        #expect(
            pay(screener, Self.rub(500), hoursIntoDay: 2)
                == .limitExceeded(.payerDaily, limit: Self.rub(1000), attempted: Self.rub(1100)))
        // Up to the cap exactly is allowed; another payer has a cap of their own.
        #expect(pay(screener, Self.rub(400), hoursIntoDay: 3) == .clear)
        #expect(pay(screener, Self.rub(500), payer: "card-2", hoursIntoDay: 3) == .clear)
        #expect(pay(screener, Self.rub(500), hoursIntoDay: 25) == .clear)
        #expect(screener.payerDailyTotal(payerKey: "card-1", currency: .rub, at: Self.dayStart) == Self.rub(1000))
        #expect(
            screener.payerDailyTotal(payerKey: "card-1", currency: .rub, at: Self.dayStart.addingTimeInterval(86_400))
                == Self.rub(500))
    }

    @Test func dayTurnsAtTheConfiguredOffset() {
        // Moscow midnight is 21:00 UTC.
        let screener = ComplianceScreener(
            watchList: WatchList(entries: []),
            limits: ScreeningLimits(payerDailyMax: [Self.rub(1000)], dayStartUTCOffsetSeconds: 3 * 3600))
        #expect(pay(screener, Self.rub(1000), hoursIntoDay: 20.5) == .clear)
        #expect(pay(screener, Self.rub(1000), hoursIntoDay: 21.5) == .clear)
        #expect(
            pay(screener, Self.rub(1), hoursIntoDay: 21.75)
                == .limitExceeded(.payerDaily, limit: Self.rub(1000), attempted: Self.rub(1001)))
    }

    @Test func corridorCapCountsAllPayersOfTheCorridorClass() {
        let screener = ComplianceScreener(
            watchList: WatchList(entries: []), limits: ScreeningLimits(corridorDailyMax: [.ruToCN: [Self.rub(1500)]]))
        #expect(pay(screener, Self.rub(1000), payer: "a") == .clear)
        #expect(
            pay(screener, Self.rub(600), payer: "b")
                == .limitExceeded(.corridorDaily, limit: Self.rub(1500), attempted: Self.rub(1600)))
        #expect(pay(screener, Self.rub(500), payer: "b") == .clear)
        // Other corridor classes and other currencies are not limited.
        #expect(pay(screener, Self.rub(600), payer: "b", corridor: Self.domestic) == .clear)
        #expect(pay(screener, Money(minorUnits: 1_000_000, currency: .cny), payer: "b") == .clear)
        #expect(screener.corridorDailyTotal(.ruToCN, currency: .rub, at: Self.dayStart) == Self.rub(1500))
    }

    @Test func singlePaymentCapComesFirstAndConsumesNothing() {
        let screener = ComplianceScreener(
            watchList: WatchList(entries: []),
            limits: ScreeningLimits(payerDailyMax: [Self.rub(500)], paymentMax: [.ruToCN: [Self.rub(700)]]))
        #expect(
            pay(screener, Self.rub(800))
                == .limitExceeded(.singlePayment, limit: Self.rub(700), attempted: Self.rub(800)))
        #expect(
            pay(screener, Self.rub(700))
                == .limitExceeded(.payerDaily, limit: Self.rub(500), attempted: Self.rub(700)))
        #expect(pay(screener, Self.rub(500)) == .clear)
        #expect(screener.payerDailyTotal(payerKey: "card-1", currency: .rub, at: Self.dayStart) == Self.rub(500))
    }

    @Test func releaseGivesBackWhatAClearedPaymentConsumed() {
        let screener = ComplianceScreener(
            watchList: WatchList(entries: []),
            limits: ScreeningLimits(payerDailyMax: [Self.rub(1000)], corridorDailyMax: [.ruToCN: [Self.rub(1000)]]))
        #expect(pay(screener, Self.rub(1000)) == .clear)
        #expect(
            pay(screener, Self.rub(1))
                == .limitExceeded(.payerDaily, limit: Self.rub(1000), attempted: Self.rub(1001)))
        let firstPaymentTime = Self.dayStart.addingTimeInterval(3600)
        screener.release(payerKey: "card-1", corridor: Self.ruToCN, amount: Self.rub(1000), at: firstPaymentTime)
        #expect(screener.payerDailyTotal(payerKey: "card-1", currency: .rub, at: Self.dayStart) == Self.rub(0))
        #expect(screener.corridorDailyTotal(.ruToCN, currency: .rub, at: Self.dayStart) == Self.rub(0))
        #expect(pay(screener, Self.rub(1000)) == .clear)
        // Releasing more than was consumed stops at zero.
        screener.release(payerKey: "card-1", corridor: Self.ruToCN, amount: Self.rub(5000), at: Self.dayStart)
        #expect(screener.payerDailyTotal(payerKey: "card-1", currency: .rub, at: Self.dayStart) == Self.rub(0))
    }

    @Test func aHitConsumesNoLimit() throws {
        let screener = ComplianceScreener(
            watchList: try ScreeningSampleList.load(), limits: ScreeningLimits(payerDailyMax: [Self.rub(1000)]))
        let result = screener.screen(
            [ScreeningSubject(name: "Anna Ivanova", role: .payer), ScreeningSubject(name: "王黑名", role: .payee)],
            payerKey: "card-1", corridor: Self.ruToCN, amount: Self.rub(800), at: Self.dayStart)
        #expect(ScreeningHit(result)?.entryID == "CDL-0003")
        #expect(screener.payerDailyTotal(payerKey: "card-1", currency: .rub, at: Self.dayStart) == Self.rub(0))
        #expect(pay(screener, Self.rub(1000)) == .clear)
    }

    @Test func concurrentPaymentsClearExactlyWhatTheCapHolds() async {
        // 1 000.00 RUB a day is worth 100 payments of 10.00; 200 arrive at once.
        let screener = ComplianceScreener(
            watchList: WatchList(entries: []),
            limits: ScreeningLimits(payerDailyMax: [Self.rub(1000)], corridorDailyMax: [.ruToCN: [Self.rub(5000)]]))
        let cleared = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<200 {
                group.addTask {
                    screener.screen(
                        [ScreeningSubject(name: "Anna Ivanova", role: .payer)], payerKey: "card-1",
                        corridor: Self.ruToCN, amount: Self.rub(10), at: Self.dayStart
                    ).decision == .clear
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(cleared == 100)
        #expect(screener.payerDailyTotal(payerKey: "card-1", currency: .rub, at: Self.dayStart) == Self.rub(1000))
        #expect(screener.corridorDailyTotal(.ruToCN, currency: .rub, at: Self.dayStart) == Self.rub(1000))
        #expect(screener.auditRecords().count == 100)
    }
}
