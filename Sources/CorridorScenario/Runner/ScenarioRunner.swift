import CorridorCBDC
import CorridorCore
import CorridorGateway
import CorridorISO20022
import CorridorLedger
import Foundation
import Logging

/// Runs a scenario's steps in order through the real ``Gateway`` (card rail, QR rail, FX, ledger postings,
/// ISO 20022 messages, clearing) and the real ``DigitalRublePlatform``, both on one ``SettlementBackend``; the
/// `traffic` step runs the generated traffic (``TrafficEngine``) at its place; then checks the expectations.
///
/// Reproducible: time is a ``SimulatedWallClock`` (give the backend the same clock, ``makeClock(for:)``), every id
/// comes from the step ids, the traffic's counter or an ``IdentifierGenerator`` seeded with the run's seed, random
/// choices come from the seed, and the card-token key is derived from the seed; so one file, one seed and one kind
/// of fresh backend give byte-identical files.
public struct ScenarioRunner: Sendable {
    /// The scenario to run.
    public let scenario: Scenario

    /// Prepares a run.
    public init(scenario: Scenario) {
        self.scenario = scenario
    }

    /// The simulated clock of a scripted run (2026-01-01T10:00:00Z, one second per reading).
    public static func makeClock() -> SimulatedWallClock {
        SimulatedWallClock(start: SimulatedWallClock.defaultStart.addingTimeInterval(10 * 3600), step: 1)
    }

    /// The simulated clock a run of this scenario uses: a scripted one's (``makeClock()``), or for traffic the
    /// traffic day's midnight, moved only by the run (each step one second, each payment to its arrival time).
    public static func makeClock(for scenario: Scenario) -> SimulatedWallClock {
        guard let traffic = scenario.traffic else { return makeClock() }
        return SimulatedWallClock(start: traffic.day, step: 0)
    }

    /// Runs the steps and checks the expectations.
    /// - Parameters:
    ///   - seed: the seed; the file's when nil.
    ///   - payments: the traffic's number of payments, replacing the file's (`--payments`); nil keeps it.
    ///   - tourists: the population's size, scaling the file's groups (`--tourists`,
    ///     ``Scenario/scalingPopulation(to:)``); nil keeps it.
    ///   - backend: a settlement backend, best fresh (a used one keeps earlier balances: expectations see them).
    ///   - clock: the clock the backend was made with (``makeClock(for:)``).
    ///   - progress: called during traffic with (payments done, payments in all).
    /// - Throws: ``ScenarioError`` when the world's files do not load; the backend's errors when storage fails.
    public func run(
        seed: UInt64? = nil, payments: Int? = nil, tourists: Int? = nil, backend: any SettlementBackend,
        clock: SimulatedWallClock? = nil, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws -> ScenarioRun {
        var scenario = self.scenario
        if let tourists { scenario = try scenario.scalingPopulation(to: tourists) }
        let clock = clock ?? Self.makeClock(for: scenario)
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
        let store = ScenarioPaymentStore()
        let gateway: Gateway
        do {
            gateway = try await ScenarioGatewayFactory(
                world: world, population: scenario.population, faults: scenario.faults
            )
            .makeGateway(
                backend: backend, store: store, tokenizer: CardTokenizer(key: Data(keyBytes)), clock: clock, ids: ids,
                seed: seed, cbdc: platform, logger: logger)
        } catch let error as LedgerError {
            throw error
        } catch let error as ScenarioError {
            throw error
        } catch {
            throw ScenarioError(line: world.line, key: "world", "\(error)")
        }

        var execution = ScenarioExecution(gateway: gateway, platform: platform, backend: backend, clock: clock)
        var outcomes: [ScenarioStepOutcome] = []
        var trafficStatistics: TrafficStatistics?
        for (index, step) in scenario.steps.enumerated() {
            if step.action == .traffic, let traffic = scenario.traffic {
                let engine = TrafficEngine(
                    traffic: traffic, population: scenario.population, faults: scenario.faults, gateway: gateway,
                    platform: platform,
                    backend: backend, clock: clock, store: store, seed: seed, worldFolder: world.gatewayFolder,
                    progress: progress)
                let statistics = try await engine.run(payments: payments)
                let date = gateway.businessDate(at: clock.now())
                if !execution.businessDates.contains(date) { execution.businessDates.append(date) }
                trafficStatistics = statistics
                outcomes.append(
                    ScenarioStepOutcome(
                        index: index + 1, line: step.line, id: step.id, action: step.action.key, status: .done,
                        responseCode: nil,
                        iso20022Code: nil, amount: nil,
                        detail: "\(statistics.payments) payments on \(statistics.day), \(statistics.approved) approved")
                )
            } else {
                outcomes.append(await execution.perform(step, index: index + 1))
            }
            if scenario.traffic != nil { clock.advance(by: 1) }
        }
        var counts = try await execution.messageCounts()
        for (kind, count) in store.trafficMessageCounts { counts[kind, default: 0] += count }
        let payments = zip(scenario.steps, outcomes).filter { $0.0.action.isPayment }
        let paymentCount = payments.count + (trafficStatistics?.payments ?? 0)
        let approved = payments.filter { $0.1.status == .approved }.count + (trafficStatistics?.approved ?? 0)
        let checker = ScenarioExpectationChecker(
            outcomes: outcomes, messageCounts: counts, paymentCount: paymentCount, approvedCount: approved,
            platform: platform, backend: backend,
            metrics: ScenarioMetrics.all(steps: outcomes, traffic: trafficStatistics))
        var results: [ScenarioExpectationOutcome] = []
        for expectation in scenario.expectations { results.append(try await checker.check(expectation)) }
        let report = ScenarioReport(
            name: scenario.name, seed: seed, steps: outcomes, expectations: results, messageCounts: counts,
            paymentCount: paymentCount, approvedCount: approved, traffic: trafficStatistics,
            netPositions: execution.netPositions())
        var files = try await execution.files()
        let streamed = store.messageFiles
        files += streamed.files
        let trails = store.failedTrails
        if !trails.lines.isEmpty {
            files.append(GeneratedFile(name: "trails/failed.jsonl", text: trails.lines.joined(separator: "\n") + "\n"))
        }
        return ScenarioRun(report: report, files: files)
    }
}
