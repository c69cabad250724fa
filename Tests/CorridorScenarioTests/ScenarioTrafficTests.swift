import CorridorCore
import CorridorLedger
import CorridorLedgerSQLite
import CorridorTesting
import Foundation
import Testing

@testable import CorridorScenario

/// Generated traffic runs through the real gateway, reproducibly for a seed, and its figures add up on the ledger.
@Suite("Scenario traffic")
struct ScenarioTrafficTests {
    static func sample(_ name: String) throws -> Scenario {
        try Scenario(contentsOf: URL(fileURLWithPath: SampleFiles.path("scenarios/\(name).yaml")))
    }

    static func run(_ scenario: Scenario, seed: UInt64? = nil, payments: Int? = nil) async throws -> ScenarioRun {
        let clock = ScenarioRunner.makeClock(for: scenario)
        return try await ScenarioRunner(scenario: scenario)
            .run(seed: seed, payments: payments, backend: InMemorySettlementBackend(clock: clock), clock: clock)
    }

    /// Everything but the latency, which is measured on this machine.
    static func counted(_ statistics: TrafficStatistics?) -> TrafficStatistics? {
        guard var statistics else { return nil }
        statistics.latencyBuckets = []
        return statistics
    }

    @Test func oneSeedGivesTheSameFilesAndCountersAndAnotherSeedOtherTraffic() async throws {
        let scenario = try Self.sample("russian-tourists-beijing")
        let first = try await Self.run(scenario, payments: 150)
        let second = try await Self.run(scenario, payments: 150)
        #expect(first.report.passed == false)  // the sample expects 400 payments
        #expect(first.files.map(\.name) == second.files.map(\.name))
        #expect(first.files.map(\.text) == second.files.map(\.text))
        #expect(Self.counted(first.report.traffic) == Self.counted(second.report.traffic))
        #expect(first.report.traffic?.payments == 150)
        let other = try await Self.run(scenario, seed: 99, payments: 150)
        #expect(Self.counted(other.report.traffic) != Self.counted(first.report.traffic))
    }

    @Test func theBeijingSampleHoldsAndItsConversionsAreWhatThePayersBankOwes() async throws {
        let run = try await Self.run(try Self.sample("russian-tourists-beijing"))
        #expect(run.report.passed, "\(run.report.markdown)")
        let traffic = try #require(run.report.traffic)
        let corridor = try #require(traffic.fx["RUB→CNY"])
        #expect(corridor.payments > 0 && corridor.payments == run.report.messageCounts["pacs.008"])
        // Every RUB the tourists' bank paid out for conversions is what it owes in the RUB netting, to the kopeck.
        let mirbank = try #require(
            run.report.netPositions.first { $0.participant == "mirbank" && $0.currency == "RUB" })
        #expect(mirbank.owesMinorUnits == corridor.payerMinorUnits)
        // The three instruments all paid: cards and bank apps in CNY, wallets in RUB at the duty-free shop.
        #expect(Set(traffic.instruments.keys) == ["mir_card", "bank_qr", "cbdc_wallet"])
        #expect(traffic.instruments.values.allSatisfy { $0.approved > 0 })
        #expect(traffic.instruments.values.reduce(0) { $0 + $1.perHour.reduce(0, +) } == 400)
        // Hours without a rate have no payments.
        #expect(traffic.instruments.values.allSatisfy { $0.perHour[0] == 0 && $0.perHour[20] == 0 })
    }

    @Test func theMoscowSampleHoldsWithDCCTaken() async throws {
        let run = try await Self.run(try Self.sample("chinese-tourists-moscow"))
        #expect(run.report.passed, "\(run.report.markdown)")
        let traffic = try #require(run.report.traffic)
        #expect((traffic.counters["dcc.accepted"] ?? 0) > 0)
        #expect(traffic.fx["CNY→RUB"]?.payments ?? 0 > 0)
        #expect(Set(traffic.instruments.keys) == ["unionpay_card", "bank_qr"])
    }

    @Test func theBorderDaySampleShowsEveryFault() async throws {
        let run = try await Self.run(try Self.sample("border-day-faults"))
        #expect(run.report.passed, "\(run.report.markdown)")
        let traffic = try #require(run.report.traffic)
        let counters = traffic.counters
        #expect(counters["offline.signed"] == 15 && counters["offline.posted"] == 15)
        #expect((counters["reversals"] ?? 0) > 0 && (counters["bank_offline.declined"] ?? 0) > 0)
        // Dropped answers and the offline bank are both 91/AB07, told apart by their reasons.
        #expect(traffic.declines.values.contains { $0.iso8583Code == "91" && $0.text.contains("reversed") })
        #expect(traffic.declines.values.contains { $0.iso8583Code == "91" && $0.text == "huaxiabank is offline" })
        // The failed payments' trails: a dropped answer shows its 0400 reversal, the listed name its screening.
        let trails = try #require(run.files.first { $0.name == "trails/failed.jsonl" }?.text)
        let lines = trails.split(separator: "\n")
        #expect(lines.count == traffic.payments - traffic.approved)
        #expect(lines.contains { $0.contains("MTI 0400") && $0.contains("reversal sent") })
        #expect(lines.contains { $0.contains("\"paymentID\":\"S6\"") && $0.contains("screening") })
        // Delayed answers count their 12 simulated seconds in the latency histogram: they alone fill the ≥ 10 s bucket.
        #expect((counters["delayed"] ?? 0) > 0 && traffic.latencyBuckets.last == counters["delayed"])
    }

    @Test func generatedCardsAreLuhnValidOfTheirSchemeAndNeverMagic() throws {
        let group = TouristGroup(
            id: "g", home: Country(code: "RU")!, size: 20_000, balance: Money(minorUnits: 1, currency: .rub),
            bank: "mirbank", walletBank: nil,
            instruments: [
                .init(instrument: .mirCard, shareBps: 5_000), .init(instrument: .unionPayCard, shareBps: 5_000),
            ],
            spending: [], dccBps: 0, line: nil)
        var seen: Set<String> = []
        for index in 0..<group.size {
            let tourist = Tourist(group: group, groupIndex: 3, index: index)
            let pan = tourist.pan
            #expect(Luhn.isValid(pan) && pan.count == 16)
            #expect(!Tourist.magicPANEndings.contains(String(pan.suffix(4))))
            #expect(pan.hasPrefix(tourist.instrument == .mirCard ? "220075" : "625094"))
            seen.insert(pan)
        }
        #expect(seen.count == group.size)
        #expect(Tourist(group: group, groupIndex: 3, index: 0).instrument == .mirCard)
        #expect(Tourist(group: group, groupIndex: 3, index: 19_999).instrument == .unionPayCard)
    }

    @Test func theSameSeedGivesIdenticalFilesInMemoryAndOnSQLite() async throws {
        let scenario = try Self.sample("border-day-faults")
        let memory = try await Self.run(scenario, payments: 120)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "scenario-traffic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = ScenarioRunner.makeClock(for: scenario)
        let sqlite = try SQLiteSettlementBackend(
            path: directory.appendingPathComponent("ledger.sqlite").path, clock: clock)
        let onDisk = try await ScenarioRunner(scenario: scenario).run(payments: 120, backend: sqlite, clock: clock)
        #expect(memory.files.map(\.name) == onDisk.files.map(\.name))
        #expect(memory.files.map(\.text) == onDisk.files.map(\.text))
        #expect(Self.counted(memory.report.traffic) == Self.counted(onDisk.report.traffic))
        #expect(try await sqlite.verify().isBalanced)
    }
}
