import ArgumentParser
import CorridorLedger
import CorridorLedgerSQLite
import CorridorScenario
import Foundation

/// `corridor simulate FILE.yaml`: runs a scenario's steps and generated traffic through the gateway and the
/// digital-ruble platform on one ledger and checks its expectations (issue 7). Writes `report.json`, `report.md`,
/// `report.html`, the payments' ISO 20022 messages (`messages/`), the clearing files (`clearing/<date>/`), the ledger
/// export (`ledger/postings.csv`) and the trails of declined payments (`trails/failed.jsonl`) to `--out`. A progress
/// bar shows on a terminal.
///
/// Exit status: 0 every expectation holds, 1 one fails (or a step could not run), 2 the file is wrong (the error
/// names the line and the key), 64 bad options.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate", abstract: "Run a scenario file and check its expectations.",
        discussion: "Exit status: 0 all expectations hold, 1 one fails, 2 the scenario file is wrong.")

    @Argument(
        help: ArgumentHelp("The scenario file (see Samples/scenarios/wallet-to-merchant.yaml).", valueName: "file"))
    var file: String

    @Option(help: "The seed for ids, tokens and the traffic's random choices (default: the file's `seed`).")
    var seed: UInt64?

    @Option(
        help: ArgumentHelp(
            "Generate this many traffic payments, spread by the file's hourly rates "
                + "(default: the file's `traffic.payments`).",
            valueName: "n"))
    var payments: Int?

    @Option(
        help: ArgumentHelp(
            "Scale the population to this many tourists, each group keeping its share (default: the file's sizes). "
                + "Scale it with --payments: the file's tourists alone run out of money in a long run.",
            valueName: "n"))
    var tourists: Int?

    // Optional rather than defaulted: `BackendLocation` describes its default as the SQLite file of the other commands.
    @Option(
        help: ArgumentHelp(
            "memory (the default), or sqlite:PATH (best a new file: an existing ledger keeps its balances)."))
    var backend: BackendLocation?

    @Option(
        help: ArgumentHelp(
            "Folder for report.json/.md/.html, messages/, clearing/, ledger/ and trails/ (created when missing).",
            valueName: "dir"))
    var out = "corridor-simulate"

    @Flag(
        help: ArgumentHelp(
            "Flush every SQLite commit to disk (synchronous=FULL). By default a run flushes at checkpoints "
                + "(NORMAL): it can be run again from its seed, and a crash loses no commit, only a power loss might."))
    var fullSync = false

    @Flag(help: "Print report.json instead of the summary.")
    var json = false

    func validate() throws {
        if case .postgres = backend { throw ValidationError("--backend: simulate runs on memory or sqlite:PATH") }
        if let payments, !(1...100_000_000).contains(payments) { throw ValidationError("--payments: 1 to 100000000") }
        if let tourists, !(1...10_000_000).contains(tourists) { throw ValidationError("--tourists: 1 to 10000000") }
    }

    func run() async throws {
        let scenario: Scenario
        do { scenario = try Scenario(contentsOf: URL(fileURLWithPath: file)) } catch {
            Console.error("corridor simulate: \(file): \(error)")
            throw ExitCode(2)
        }
        let clock = ScenarioRunner.makeClock(for: scenario)
        let ledger: any SettlementBackend
        switch backend ?? .memory {
        case .sqlite(let path):
            ledger = try SQLiteSettlementBackend(path: path, durability: fullSync ? .full : .normal, clock: clock)
        case .memory, .postgres: ledger = InMemorySettlementBackend(clock: clock)
        }
        let run: ScenarioRun
        let progress = SimulateProgress(isEnabled: Console.standardErrorIsTerminal)
        let onProgress: (@Sendable (Int, Int) -> Void)?
        if progress.isEnabled {
            onProgress = { @Sendable done, total in progress.update(done: done, total: total) }
        } else {
            onProgress = nil
        }
        do {
            run = try await ScenarioRunner(scenario: scenario).run(
                seed: seed, payments: payments, tourists: tourists, backend: ledger, clock: clock,
                progress: onProgress)
            progress.finish()
        } catch let error as ScenarioError {
            progress.finish()
            Console.error("corridor simulate: \(file): \(error)")
            throw ExitCode(2)
        }
        let directory = URL(fileURLWithPath: out)
        try SimulateOutput.write(run, to: directory)
        try await SimulateLedgerExport.write(ledger, to: directory)
        let report = run.report
        if json {
            Console.write(report.json)
        } else {
            SimulateOutput.printSummary(report, out: out)
        }
        if !report.passed { throw ExitCode.failure }
    }
}
