import CorridorCore
import CorridorScenario
import CorridorTesting
import Foundation
import Testing

/// Scenario files are checked before anything runs: every error names the line and the key.
@Suite("Scenario loading")
struct ScenarioLoadingTests {
    static let folder = SampleFiles.samplesDirectory.appendingPathComponent("scenarios")

    static let world = """
        name: t
        world:
          gateway: ../gateway
          cards: ../issuer/cards.yaml
          cbdc: ../cbdc/platform.yaml
        """

    /// A file with the sample world and these lines after it (`steps:` and `expect:` included).
    static func file(_ rest: String) -> String { world + "\n" + rest + "\n" }

    /// A bad file, the line and key its error must name, and a word the problem must contain.
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
            name: "unknown top-level key", text: file("steps: []\nvisitors: {}"), line: 7, key: "visitors",
            problem: "unknown key"),
        BadFile(
            name: "unknown world key", text: "name: t\nworld:\n  gateway: ../gateway\n  rates: x.csv\nsteps: []\n",
            line: 4, key: "world.rates", problem: "unknown key"),
        BadFile(
            name: "unknown step field",
            text: file(
                "steps:\n  - card: { pan: \"2200700000001239\", expiry: \"2912\", "
                    + "merchant: m, amount: \"1.00 CNY\", tip: 1 }"
            ),
            line: 7, key: "steps[0].card.tip", problem: "unknown key"),
        BadFile(
            name: "unknown action", text: file("steps:\n  - clear: {}\n  - teleport: { to: moon }"),
            line: 8, key: "steps[1].teleport", problem: "unknown action"),
        BadFile(
            name: "bad amount",
            text: file("steps:\n  - wallet_deposit: { holder: a, bank: sberbank, amount: \"12,50 RUB\" }"),
            line: 7, key: "steps[0].wallet_deposit.amount", problem: "fraction digits"),
        BadFile(
            name: "amount without currency", text: file("steps:\n  - refund: { payment: x, amount: \"12.50\" }"),
            line: 7, key: "steps[0].refund.amount", problem: "currency"),
        BadFile(
            name: "unknown currency",
            text: file(
                "steps:\n  - card: { pan: \"2200700000001239\", expiry: \"2912\", merchant: m, amount: \"1.00 XYZ\" }"),
            line: 7, key: "steps[0].card.amount", problem: "unknown currency"),
        BadFile(
            name: "too many fraction digits for RUB",
            text: file("steps:\n\n  - wallet_convert: { holder: a, bank: b, amount: \"1.234 RUB\" }"),
            line: 8, key: "steps[0].wallet_convert.amount", problem: "2 fraction digits"),
        BadFile(
            name: "too few fraction digits for CNY",
            text: file("steps:\n  - clear:\n  - qr: { payer: a/b, merchant: m, amount: \"15.5 CNY\" }"),
            line: 8, key: "steps[1].qr.amount", problem: "2 fraction digits"),
        BadFile(
            name: "fraction digits for JPY",
            text: file("steps: []\nexpect:\n  - customer_balance: { customer: a/b, equals: \"100.00 JPY\" }"),
            line: 8, key: "expect[0].customer_balance.equals", problem: "no fraction digits"),
        BadFile(
            name: "missing world folder", text: "name: t\nworld:\n  gateway: ../nowhere\nsteps: []\n",
            line: 3, key: "world.gateway", problem: "no folder"),
        BadFile(
            name: "missing cards file",
            text: "name: t\nworld:\n  gateway: ../gateway\n  cards: ../issuer/missing.yaml\nsteps: []\n",
            line: 4, key: "world.cards", problem: "no file"),
        BadFile(
            name: "missing platform file",
            text: "name: t\nworld:\n  gateway: ../gateway\n  cbdc: nope.yaml\nsteps: []\n",
            line: 4, key: "world.cbdc", problem: "no file"),
        BadFile(
            name: "refund of no earlier payment",
            text: file("steps:\n  - refund: { payment: LATER }\n  - qr: { id: LATER, payer: a/b, merchant: m }"),
            line: 7, key: "steps[0].refund.payment", problem: "not an earlier"),
        BadFile(
            name: "id used twice", text: file("steps:\n  - clear: { id: A }\n  - clear: { id: A }"),
            line: 8, key: "steps[1].id", problem: "earlier step"),
        BadFile(
            name: "expectation of no step",
            text: file("steps: []\nexpect:\n  - payment: { id: GHOST, status: approved }"),
            line: 8, key: "expect[0].payment.id", problem: "no step"),
        BadFile(
            name: "unknown message kind", text: file("steps: []\nexpect:\n  - messages: { pacs.999: 1 }"),
            line: 8, key: "expect[0].messages.pacs.999", problem: "unknown key"),
        BadFile(
            name: "approval rate above 1", text: file("steps: []\nexpect:\n  - approval_rate: { min: \"1.5\" }"),
            line: 8, key: "expect[0].approval_rate.min", problem: "share"),
        BadFile(
            name: "wallet step without a platform",
            text: "name: t\nworld: { gateway: ../gateway }\nsteps:\n  - wallet_open: { holder: a, name: A, bank: b }\n",
            line: 4, key: "steps[0].wallet_open", problem: "world.cbdc"),
        BadFile(name: "not YAML", text: "name: t\nworld: [unclosed\n", line: 3, key: "(file)", problem: "not YAML"),
        BadFile(
            name: "step with two actions", text: file("steps:\n  - clear: {}\n    refund: { payment: x }"),
            line: 7, key: "steps[0]", problem: "exactly one action key"),
        BadFile(
            name: "qr with merchant and payload", text: file("steps:\n  - qr: { payer: a/b, merchant: m, payload: p }"),
            line: 7, key: "steps[0].qr", problem: "not both"),
        BadFile(
            name: "missing name", text: "world: { gateway: ../gateway }\nsteps: []\n", line: 1, key: "name",
            problem: "required"),
    ]

    @Test(arguments: badFiles)
    func aBadFileIsAScenarioErrorNamingLineAndKey(_ bad: BadFile) {
        #expect {
            _ = try Scenario(yaml: bad.text, folder: Self.folder)
        } throws: { error in
            guard let error = error as? ScenarioError else { return false }
            return error.line == bad.line && error.key == bad.key && error.problem.contains(bad.problem)
        }
    }

    @Test func theSampleLoadsWithItsStepsAndExpectationsInOrder() throws {
        let scenario = try Scenario(contentsOf: Self.folder.appendingPathComponent("wallet-to-merchant.yaml"))
        #expect(scenario.seed == 42)
        #expect(scenario.steps.map(\.action.key).first == "qr" && scenario.steps.last?.action == .clear)
        #expect(scenario.world.gatewayFolder.lastPathComponent == "gateway")
        let deposit = try #require(scenario.steps.first { $0.id == "SALARY-1" })
        #expect(
            deposit.action
                == .walletDeposit(
                    holder: "anna", bank: "sberbank", amount: Money(minorUnits: 2_000_000, currency: .rub)))
        // `messages` with six kinds is six expectations, each at its line.
        #expect(scenario.expectations.filter { if case .messages = $0.check { true } else { false } }.count == 6)
    }

    @Test func seedDefaultsAndStepIDsDefaultToTheirPosition() throws {
        let scenario = try Scenario(yaml: Self.file("steps:\n  - clear:\n  - clear: { id: EOD }"), folder: Self.folder)
        #expect(scenario.seed == Scenario.defaultSeed)
        #expect(scenario.steps.map(\.id) == ["step-1", "EOD"])
    }
}
