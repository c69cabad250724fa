import CorridorLedger
import CorridorTesting
import Foundation
import Testing

@testable import CorridorScenario

/// `simulate --tourists`: the population scales with its groups' shares, and a scaled run's tourists all hold the
/// cards, bank accounts and wallets they pay with.
@Suite("Scenario population scaling")
struct ScenarioPopulationTests {
    static func beijing() throws -> Scenario {
        try Scenario(contentsOf: URL(fileURLWithPath: SampleFiles.path("scenarios/russian-tourists-beijing.yaml")))
    }

    @Test(arguments: [(1_500, [1_200, 300]), (7, [6, 1]), (2, [1, 1]), (1_001, [801, 200]), (500, [400, 100])])
    func groupsKeepTheirShares(total: Int, expected: [Int]) throws {
        let scenario = try Self.beijing()
        #expect(scenario.population.map(\.size) == [400, 100])
        let scaled = try scenario.scalingPopulation(to: total)
        #expect(scaled.population.map(\.size) == expected)
        // Only the sizes change.
        #expect(scaled.population.map { $0.resized(to: 1) } == scenario.population.map { $0.resized(to: 1) })
        #expect(scaled.steps == scenario.steps && scaled.traffic == scenario.traffic && scaled.seed == scenario.seed)
    }

    @Test func roundingGoesToTheLargestRemaindersAndEveryGroupKeepsOne() {
        #expect(Scenario.apportion(10, by: [1, 1, 1]) == [4, 3, 3])
        #expect(Scenario.apportion(3, by: [1_000, 1, 1]) == [1, 1, 1])
        #expect(Scenario.apportion(100, by: [997, 2, 1]) == [98, 1, 1])
        for total in [3, 17, 1_000, 123_457] {
            let parts = Scenario.apportion(total, by: [5, 3, 2])
            #expect(parts.reduce(0, +) == total && parts.allSatisfy { $0 >= 1 })
        }
    }

    @Test func tooFewOrTooManyTouristsAreNamed() throws {
        let scenario = try Self.beijing()
        let tooFew = ScenarioError(line: nil, key: "population", "1 tourists cannot fill 2 groups (at least one each)")
        #expect(throws: tooFew) {
            try scenario.scalingPopulation(to: 1)
        }
        do {
            _ = try scenario.scalingPopulation(to: 2_000_000)
            Issue.record("a group of 1.6 million was accepted")
        } catch {
            #expect(error.key == "population[0].size" && error.problem.contains("1600000"))
        }
    }

    /// Six payments per tourist: with the population scaled, the tourists past the file's 500 pay with cards,
    /// accounts and wallets the run created for them, and the sample's approval rate and ledger checks hold.
    @Test func aScaledRunApprovesLikeTheSample() async throws {
        let scenario = try Self.beijing()
        let clock = ScenarioRunner.makeClock(for: scenario)
        let run = try await ScenarioRunner(scenario: scenario).run(
            payments: 3_000, tourists: 500 * 3_000 / 400 / 6, backend: InMemorySettlementBackend(clock: clock),
            clock: clock)
        let traffic = try #require(run.report.traffic)
        #expect(traffic.payments == 3_000)
        #expect(Double(traffic.approved) / Double(traffic.payments) >= 0.97, "\(run.report.markdown)")
        let failed = run.report.expectations.filter { !$0.passed }.map(\.subject)
        #expect(failed == ["traffic.payments"], "\(run.report.markdown)")  // the file expects 400
    }
}
