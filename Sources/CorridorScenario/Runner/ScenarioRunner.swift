import CorridorCBDC
import CorridorCore
import CorridorGateway
import CorridorISO20022
import CorridorLedger
import Foundation
import Logging

/// Runs a scenario's steps in order through the real ``Gateway`` (card rail, QR rail, FX, ledger postings,
/// ISO 20022 messages, clearing) and the real ``DigitalRublePlatform``, both on one ``SettlementBackend``, then
/// checks the expectations.
///
/// Reproducible: time is a ``SimulatedWallClock`` (give the backend the same clock, ``makeClock()``), every id comes
/// from the step ids or an ``IdentifierGenerator`` seeded with the run's seed, and the card-token key is derived from
/// the seed; so one file, one seed and one kind of fresh backend give byte-identical files.
public struct ScenarioRunner: Sendable {
    /// The scenario to run.
    public let scenario: Scenario

    /// Prepares a run.
    public init(scenario: Scenario) {
        self.scenario = scenario
    }

    /// The simulated clock a run uses (2026-01-01T10:00:00Z, one second per reading); create the backend with it.
    public static func makeClock() -> SimulatedWallClock {
        SimulatedWallClock(start: SimulatedWallClock.defaultStart.addingTimeInterval(10 * 3600), step: 1)
    }

    /// Runs the steps and checks the expectations.
    /// - Parameters:
    ///   - seed: the seed; the file's when nil.
    ///   - backend: a settlement backend, best fresh (a used one keeps earlier balances: expectations see them).
    ///   - clock: the clock the backend was made with (``makeClock()``).
    /// - Throws: ``ScenarioError`` when the world's files do not load; the backend's errors when storage fails.
    public func run(seed: UInt64? = nil, backend: any SettlementBackend, clock: SimulatedWallClock = makeClock()) async throws -> ScenarioRun {
        let seed = seed ?? scenario.seed
        let world = scenario.world
        var logger = Logger(label: "corridor.scenario")
        logger.logLevel = .critical

        var platform: DigitalRublePlatform?
        if let cbdcFile = world.cbdcFile {
            let configuration: CBDCPlatformConfiguration
            do { configuration = try CBDCPlatformConfiguration(contentsOf: cbdcFile) } catch {
                throw ScenarioError(line: world.line, key: "world.cbdc", "\(error)")
            }
            let started = DigitalRublePlatform(backend: backend, clock: clock)
            try await started.start(with: configuration)
            platform = started
        }
        let ids = IdentifierGenerator(seed: seed)
        let keyBytes = (0..<2).flatMap { _ in withUnsafeBytes(of: ids.uuid().uuid) { Array($0) } }
        let gateway: Gateway
        do {
            gateway = try await GatewayWorld(folder: world.gatewayFolder, cardsFile: world.cardsFile).makeGateway(
                backend: backend, store: InMemoryPaymentStore(), tokenizer: CardTokenizer(key: Data(keyBytes)), clock: clock, ids: ids,
                cbdc: platform, logger: logger)
        } catch let error as LedgerError {
            throw error
        } catch {
            throw ScenarioError(line: world.line, key: "world", "\(error)")
        }

        var execution = ScenarioExecution(gateway: gateway, platform: platform, backend: backend, clock: clock)
        var outcomes: [ScenarioStepOutcome] = []
        for (index, step) in scenario.steps.enumerated() {
            outcomes.append(await execution.perform(step, index: index + 1))
        }
        let counts = try await execution.messageCounts()
        let payments = zip(scenario.steps, outcomes).filter { $0.0.action.isPayment }
        let approved = payments.filter { $0.1.status == .approved }.count
        let checker = ScenarioExpectationChecker(
            outcomes: outcomes, messageCounts: counts, paymentCount: payments.count, approvedCount: approved,
            platform: platform, backend: backend)
        var results: [ScenarioExpectationOutcome] = []
        for expectation in scenario.expectations { results.append(try await checker.check(expectation)) }
        let report = ScenarioReport(name: scenario.name, seed: seed, steps: outcomes, expectations: results, messageCounts: counts,
                                    paymentCount: payments.count, approvedCount: approved)
        return ScenarioRun(report: report, files: try await execution.files())
    }
}
