import ArgumentParser
import CorridorLedger
import CorridorLedgerSQLite
import CorridorScenario
import Foundation

/// `corridor simulate FILE.yaml`: runs a scenario's scripted steps through the gateway and the digital-ruble platform
/// on one ledger and checks its expectations (issue 7). Writes `report.json`, `report.md`, the payments' ISO 20022
/// messages (`messages/`) and the clearing files (`clearing/<date>/`) to `--out`.
///
/// Exit status: 0 every expectation holds, 1 one fails (or a step could not run), 2 the file is wrong (the error
/// names the line and the key), 64 bad options.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate", abstract: "Run a scenario file and check its expectations.",
        discussion: "Exit status: 0 all expectations hold, 1 one fails, 2 the scenario file is wrong.")

    @Argument(help: ArgumentHelp("The scenario file (see Samples/scenarios/wallet-to-merchant.yaml).", valueName: "file"))
    var file: String

    @Option(help: "The seed for ids and tokens (default: the file's `seed`).")
    var seed: UInt64?

    // Optional rather than defaulted: `BackendLocation` describes its default as the SQLite file of the other commands.
    @Option(help: ArgumentHelp("memory (the default), or sqlite:PATH (best a new file: an existing ledger keeps its balances)."))
    var backend: BackendLocation?

    @Option(help: ArgumentHelp("Folder for report.json, report.md, messages/ and clearing/ (created when missing).", valueName: "dir"))
    var out = "corridor-simulate"

    @Flag(help: "Print report.json instead of the summary.")
    var json = false

    func validate() throws {
        if case .postgres = backend { throw ValidationError("--backend: simulate runs on memory or sqlite:PATH") }
    }

    func run() async throws {
        let scenario: Scenario
        do { scenario = try Scenario(contentsOf: URL(fileURLWithPath: file)) } catch {
            Console.error("corridor simulate: \(file): \(error)")
            throw ExitCode(2)
        }
        let clock = ScenarioRunner.makeClock()
        let ledger: any SettlementBackend
        switch backend ?? .memory {
        case .sqlite(let path): ledger = try SQLiteSettlementBackend(path: path, clock: clock)
        case .memory, .postgres: ledger = InMemorySettlementBackend(clock: clock)
        }
        let run: ScenarioRun
        do { run = try await ScenarioRunner(scenario: scenario).run(seed: seed, backend: ledger, clock: clock) } catch let error as ScenarioError {
            Console.error("corridor simulate: \(file): \(error)")
            throw ExitCode(2)
        }
        try SimulateOutput.write(run, to: URL(fileURLWithPath: out))
        let report = run.report
        if json {
            Console.write(report.json)
        } else {
            SimulateOutput.printSummary(report, out: out)
        }
        if !report.passed { throw ExitCode.failure }
    }
}
