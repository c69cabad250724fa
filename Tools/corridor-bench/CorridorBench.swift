import ArgumentParser

/// `corridor-bench SUITE [--quick]`: measures one suite and prints one JSON object per metric (DESIGN.md §8).
///
/// Always run it as a release build: `swift run -c release corridor-bench qr`.
@main
struct CorridorBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corridor-bench",
        abstract: "Measure a Corridor suite; prints one JSON line per metric.",
        discussion: "Suites: \(BenchSuite.allCases.map(\.rawValue).joined(separator: ", "))."
    )

    @Argument(help: "The suite to measure.")
    var suite: BenchSuite

    @Flag(help: "Fewer iterations: a smoke run, not a figure to report.")
    var quick = false

    func run() async throws {
        #if DEBUG
        FileHandleOutput.standardError("warning: corridor-bench is a debug build; figures are not representative\n")
        #endif
        let options = BenchOptions(quick: quick)
        switch suite {
        case .qr: try await QRSuite.run(options)
        case .ledger: try await LedgerSuite.run(options)
        case .iso8583: try await ISO8583Suite.run(options)
        case .gateway: try await GatewaySuite.run(options)
        case .cbdc: try await CBDCSuite.run(options)
        case .scenario: try await ScenarioSuite.run(options)
        case .http: try await HTTPSuite.run(options)
        }
    }
}

/// The suites `corridor-bench` knows.
enum BenchSuite: String, CaseIterable, ExpressibleByArgument {
    case qr, ledger, iso8583, gateway, cbdc, scenario, http
}

/// Options every suite receives.
struct BenchOptions: Sendable {
    /// A short smoke run.
    let quick: Bool
}
