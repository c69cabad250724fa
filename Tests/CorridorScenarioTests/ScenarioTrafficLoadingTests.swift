import CorridorCore
import CorridorScenario
import CorridorTesting
import Foundation
import Testing

/// Population, traffic, faults and metric expectations are checked before anything runs, naming line and key.
@Suite("Scenario traffic loading")
struct ScenarioTrafficLoadingTests {
    static let folder = SampleFiles.samplesDirectory.appendingPathComponent("scenarios")

    /// A valid traffic file (lines 1–17), with `replace` applied and `extra` appended.
    static func file(replacing original: String = "", with replacement: String = "", extra: String = "") -> String {
        let text = """
            name: t
            world: { gateway: world, cards: ../issuer/cards.yaml, cbdc: ../cbdc/platform.yaml }
            population:
              - group: ru
                home: RU
                size: 10
                balance: "1000.00 RUB"
                bank: mirbank
                wallet_bank: sberbank
                instruments: { mir_card: 0.5, cbdc_wallet: 0.5 }
                spending:
                  - { mcc: 5812, share: 1, basket: ["10.00 CNY", "20.00 CNY"] }
            traffic: { day: 2026-07-01, per_hour: { 9: 10 } }
            faults:
              - bank_offline: { bank: mirbank, from: "09:00", to: "10:00" }
            steps:
              - traffic: {}

            """ + extra
        return original.isEmpty ? text : text.replacingOccurrences(of: original, with: replacement)
    }

    struct BadFile: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        let line: Int?
        let key: String
        let problem: String
        var testDescription: String { name }
    }

    static let badFiles: [BadFile] = [
        BadFile(
            name: "shares not adding up", text: file(replacing: "cbdc_wallet: 0.5", with: "cbdc_wallet: 0.4"),
            line: 10, key: "population[0].instruments", problem: "add up to 1"),
        BadFile(
            name: "unknown instrument", text: file(replacing: "mir_card: 0.5", with: "visa_card: 0.5"),
            line: 10, key: "population[0].instruments.visa_card", problem: "unknown key"),
        BadFile(
            name: "basket upside down",
            text: file(replacing: #"["10.00 CNY", "20.00 CNY"]"#, with: #"["20.00 CNY", "10.00 CNY"]"#),
            line: 12, key: "population[0].spending[0].basket", problem: "smallest first"),
        BadFile(
            name: "basket in two currencies", text: file(replacing: #""20.00 CNY""#, with: #""20.00 RUB""#),
            line: 12, key: "population[0].spending[0].basket", problem: "one currency"),
        BadFile(
            name: "wallets without a platform bank", text: file(replacing: "    wallet_bank: sberbank\n", with: ""),
            line: 4, key: "population[0].wallet_bank", problem: "required"),
        BadFile(
            name: "unknown home country", text: file(replacing: "home: RU", with: "home: XX"),
            line: 5, key: "population[0].home", problem: "unknown country"),
        BadFile(
            name: "hour out of range", text: file(replacing: "per_hour: { 9: 10 }", with: "per_hour: { 24: 10 }"),
            line: 13, key: "traffic.per_hour.24", problem: "0…23"),
        BadFile(
            name: "no positive rate", text: file(replacing: "per_hour: { 9: 10 }", with: "per_hour: { 9: 0 }"),
            line: 13, key: "traffic.per_hour", problem: "positive rate"),
        BadFile(
            name: "bad day", text: file(replacing: "day: 2026-07-01", with: "day: 2026-02-30"),
            line: 13, key: "traffic.day", problem: "YYYY-MM-DD"),
        BadFile(
            name: "bad fault time", text: file(replacing: #"to: "10:00""#, with: #"to: "25:00""#),
            line: 15, key: "faults[0].bank_offline.to", problem: "HH:MM"),
        BadFile(
            name: "fault window backwards", text: file(replacing: #"to: "10:00""#, with: #"to: "08:00""#),
            line: 15, key: "faults[0].bank_offline.to", problem: "after `from`"),
        BadFile(
            name: "unknown fault", text: file(replacing: "bank_offline:", with: "meteor:"),
            line: 15, key: "faults[0]", problem: "exactly one key"),
        BadFile(
            name: "offline wallets of an unknown group",
            text: file(
                replacing: #"- bank_offline: { bank: mirbank, from: "09:00", to: "10:00" }"#,
                with:
                    #"- offline_wallets: { group: cn, merchant: m, amount: "1.00 RUB", "#
                    + #"from: "06:00", sync_at: "07:00" }"#
            ),
            line: 15, key: "faults[0].offline_wallets.group", problem: "no population group cn"),
        BadFile(
            name: "traffic without a traffic step", text: file(replacing: "  - traffic: {}", with: "  - clear: {}"),
            line: 13, key: "steps", problem: "exactly one `- traffic:` step"),
        BadFile(
            name: "traffic step without traffic",
            text: "name: t\nworld: { gateway: world }\nsteps:\n  - traffic: {}\n", line: 4, key: "traffic",
            problem: "needs a `traffic:`"),
        BadFile(
            name: "unknown metric", text: file(extra: "expect:\n  - metric: { name: happiness, min: 1 }\n"),
            line: 19, key: "expect[0].metric.name", problem: "unknown metric"),
        BadFile(
            name: "metric with equals and min",
            text: file(extra: "expect:\n  - metric: { name: payments, equals: 1, min: 1 }\n"),
            line: 19, key: "expect[0].metric", problem: "give `equals`"),
    ]

    @Test(arguments: badFiles)
    func aBadTrafficFileIsAScenarioErrorNamingLineAndKey(_ bad: BadFile) {
        #expect {
            _ = try Scenario(yaml: bad.text, folder: Self.folder)
        } throws: { error in
            guard let error = error as? ScenarioError else { return false }
            return error.line == bad.line && error.key == bad.key && error.problem.contains(bad.problem)
        }
    }

    @Test func aGoodFileLoadsItsGroupsTrafficAndFaults() throws {
        let scenario = try Scenario(
            yaml: Self.file(extra: "expect:\n  - metric: { name: declined.91, min: 1 }\n"), folder: Self.folder)
        let group = try #require(scenario.population.first)
        #expect(group.instruments.map(\.shareBps) == [5_000, 5_000])
        #expect(group.spending.first?.basketMax == Money(minorUnits: 2_000, currency: .cny))
        #expect(scenario.traffic?.ratePerHour[9] == 10)
        #expect(scenario.faults == [.bankOffline(bank: "mirbank", from: 9 * 3600, to: 10 * 3600)])
        #expect(scenario.expectations.first?.check == .metric(name: "declined.91", min: 1, max: Int(Int32.max)))
    }

    @Test(arguments: [(1000, [0, 250, 750]), (7, [0, 2, 5]), (1, [0, 0, 1])])
    func aTotalIsSplitOverTheHoursAndAddsUpExactly(_ total: Int, _ expected: [Int]) {
        let traffic = ScenarioTraffic(
            day: Date(timeIntervalSince1970: 0), ratePerHour: [0, 1, 3] + Array(repeating: 0, count: 21),
            payments: nil, merchantCountry: nil, line: nil)
        let split = traffic.paymentsPerHour(total: total)
        #expect(Array(split.prefix(3)) == expected)
        #expect(split.reduce(0, +) == total)
    }
}
