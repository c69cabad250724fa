import CorridorLedger
import CorridorLedgerSQLite
import CorridorScenario
import CorridorTesting
import Foundation
import Testing

/// The runner: expectations report expected against actual, a seed fixes every byte, a step that cannot run is
/// reported, not thrown.
@Suite("Scenario runner")
struct ScenarioRunnerTests {
    static let folder = ScenarioLoadingTests.folder

    static func run(_ text: String, seed: UInt64? = nil) async throws -> ScenarioRun {
        try await ScenarioSampleTests.runInMemory(Scenario(yaml: text, folder: folder), seed: seed)
    }

    static func sampleText() throws -> String {
        try String(contentsOf: ScenarioSampleTests.walletToMerchant, encoding: .utf8)
    }

    @Test func aFailingExpectationIsReportedWithExpectedAndActual() async throws {
        let text = try Self.sampleText()
            .replacingOccurrences(
                of: "holder: anna, equals: \"4400.00 RUB\"", with: "holder: anna, equals: \"4400.01 RUB\""
            )
            .replacingOccurrences(of: "status: declined, code: \"51\"", with: "status: declined, code: \"05\"")
        let report = try await Self.run(text).report
        #expect(!report.passed)
        let failures = report.failures
        #expect(failures.count == 2)
        let balance = try #require(failures.first { $0.kind == "wallet_balance" })
        #expect(balance.subject == "anna" && balance.expected == "4400.01 RUB" && balance.actual == "4400.00 RUB")
        #expect(balance.line == 47)
        let payment = try #require(failures.first { $0.kind == "payment" })
        #expect(payment.subject == "CN-SBP-LOW" && payment.expected == "declined 05" && payment.actual == "declined 51")
        #expect(report.markdown.contains("| 47 | wallet_balance | anna | 4400.01 RUB | 4400.00 RUB | ✗ FAIL |"))
    }

    @Test func oneSeedGivesIdenticalFilesInMemoryAndOnSQLite() async throws {
        let scenario = try Scenario(contentsOf: ScenarioSampleTests.walletToMerchant)
        let first = try await ScenarioSampleTests.runInMemory(scenario)
        let second = try await ScenarioSampleTests.runInMemory(scenario)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID().uuidString).sqlite")
            .path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let clock = ScenarioRunner.makeClock()
        let onSQLite = try await ScenarioRunner(scenario: scenario).run(
            backend: SQLiteSettlementBackend(path: path, clock: clock), clock: clock)
        func bytes(_ run: ScenarioRun) -> [String] {
            [run.report.json, run.report.markdown] + run.files.map { $0.name + "\n" + $0.text }
        }
        #expect(first.files.count > 10)
        #expect(bytes(first) == bytes(second))
        #expect(bytes(first) == bytes(onSQLite))
        #expect(onSQLite.report.passed)
    }

    @Test func anotherSeedGivesOtherMessageIDsAndTheSameOutcomes() async throws {
        let scenario = try Scenario(contentsOf: ScenarioSampleTests.walletToMerchant)
        let base = try await ScenarioSampleTests.runInMemory(scenario)
        let other = try await ScenarioSampleTests.runInMemory(scenario, seed: 7)
        #expect(other.report.seed == 7 && other.report.passed)
        #expect(other.report.steps.map(\.status) == base.report.steps.map(\.status))
        #expect(other.files.map(\.text) != base.files.map(\.text))
    }

    @Test func aStepThatCannotRunIsAnErrorOutcomeAndTheRunFails() async throws {
        let text = ScenarioLoadingTests.file(
            """
            steps:
              - wallet_open: { id: OPEN, holder: anna, name: Anna, bank: no-such-bank }
              - qr: { id: QR, payer: huaxiabank/li.wei, merchant: no-such-merchant, amount: "10.00 RUB" }
              - clear:
            expect:
              - ledger_verify: true
            """)
        let report = try await Self.run(text).report
        #expect(report.steps.map(\.status) == [.error, .error, .done])
        #expect(report.steps[1].detail.contains("no-such-merchant"))
        #expect(report.expectations.allSatisfy { $0.passed })
        #expect(!report.passed)
    }

    @Test func aGivenPayloadIsScannedAsIsAndAnUnreadableOneIsDeclined() async throws {
        let text = ScenarioLoadingTests.file(
            """
            steps:
              - qr: { id: BAD-CODE, payer: huaxiabank/li.wei, payload: "not a merchant code", amount: "10.00 RUB" }
            expect:
              - payment: { id: BAD-CODE, status: declined }
              - approval_rate: { max: "0" }
            """)
        let report = try await Self.run(text).report
        #expect(report.passed, "\(report.markdown)")
        #expect(report.steps.first?.status == .declined)
    }

    @Test func approvalRateBoundsAreCheckedExactly() async throws {
        let text = try Self.sampleText().replacingOccurrences(
            of: "{ min: \"0.75\", max: \"0.80\" }", with: "{ min: \"0.8001\" }")
        let outcome = try #require(try await Self.run(text).report.expectations.last)
        #expect(outcome.kind == "approval_rate" && !outcome.passed)
        #expect(outcome.expected == "0.8001…1.0000" && outcome.actual == "4/5 = 0.8000")
    }
}
