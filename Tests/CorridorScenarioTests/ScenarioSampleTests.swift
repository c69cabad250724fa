import CorridorLedger
import CorridorLedgerSQLite
import CorridorScenario
import CorridorTesting
import Foundation
import Testing

/// The sample scenarios run with all their expectations holding, in memory and on SQLite, reproducibly.
@Suite("Scenario samples")
struct ScenarioSampleTests {
    static let walletToMerchant = URL(fileURLWithPath: SampleFiles.path("scenarios/wallet-to-merchant.yaml"))

    static func runInMemory(_ scenario: Scenario, seed: UInt64? = nil) async throws -> ScenarioRun {
        let clock = ScenarioRunner.makeClock()
        return try await ScenarioRunner(scenario: scenario).run(
            seed: seed, backend: InMemorySettlementBackend(clock: clock), clock: clock)
    }

    @Test func walletToMerchantSampleHoldsEveryExpectation() async throws {
        let scenario = try Scenario(contentsOf: Self.walletToMerchant)
        let run = try await Self.runInMemory(scenario)
        #expect(run.report.passed, "\(run.report.markdown)")
        #expect(run.report.steps.allSatisfy { $0.status != .error })
        #expect(run.report.expectations.count == scenario.expectations.count)
        #expect(run.files.contains { $0.name.hasPrefix("clearing/") && $0.name.contains("pacs.009") })
    }
}
