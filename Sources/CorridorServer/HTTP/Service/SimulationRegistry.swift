import CorridorLedger
import CorridorScenario
import Foundation
import Synchronization

/// Simulations posted to the server: each runs once, in the background, on its own in-memory ledger (a scenario
/// never touches the live one), and is kept until ``HTTPLimits/simulationsKeptMax`` newer ones push it out.
final class SimulationRegistry: Sendable {
    struct Entry: Sendable {
        let id: String
        let scenario: Scenario
        let createdAt: Date
        /// Who posted it: only that caller (and the operator) sees it.
        var owner: HTTPCaller = .admin
        var running = false
        var run: ScenarioRun?
        var error: String?
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let order = Mutex<[String]>([])

    /// Accepts a scenario and starts it.
    func start(_ scenario: Scenario, seed: UInt64?, owner: HTTPCaller = .admin) -> APISimulation {
        let id = "SIM-" + String(UInt64.random(in: .min ... .max), radix: 16, uppercase: true)
        let entry = Entry(id: id, scenario: scenario, createdAt: Date(), owner: owner)
        entries.withLock { $0[id] = entry }
        let dropped: [String] = order.withLock { order in
            order.append(id)
            guard order.count > HTTPLimits.simulationsKeptMax else { return [] }
            let excess = order.count - HTTPLimits.simulationsKeptMax
            defer { order.removeFirst(excess) }
            return Array(order.prefix(excess))
        }
        entries.withLock { entries in for old in dropped { entries[old] = nil } }
        Task { [self] in
            update(id) { $0.running = true }
            do {
                let run = try await ScenarioRunner(scenario: scenario).run(
                    seed: seed, backend: InMemorySettlementBackend())
                update(id) {
                    $0.run = run; $0.running = false
                }
            } catch {
                update(id) {
                    $0.error = "\(error)"; $0.running = false
                }
            }
        }
        return describe(entry)
    }

    /// A simulation's state.
    func simulation(_ id: String, for caller: HTTPCaller = .admin) -> APISimulation? {
        entries.withLock { $0[id] }.flatMap { caller == .admin || $0.owner == caller ? describe($0) : nil }
    }

    /// A file of a finished run.
    func file(_ id: String, name: String, for caller: HTTPCaller = .admin) -> String? {
        guard let entry = entries.withLock({ $0[id] }), caller == .admin || entry.owner == caller else { return nil }
        return entry.run?.files.first { $0.name == name }?.text
    }

    private func update(_ id: String, _ change: (inout Entry) -> Void) {
        entries.withLock { entries in
            guard var entry = entries[id] else { return }
            change(&entry)
            entries[id] = entry
        }
    }

    private func describe(_ entry: Entry) -> APISimulation {
        let status: String
        if let run = entry.run {
            status = run.report.passed ? "passed" : "failed"
        } else if entry.error != nil {
            status = "error"
        } else {
            status = entry.running ? "running" : "queued"
        }
        let finished = entry.run != nil || entry.error != nil
        return APISimulation(
            id: entry.id, name: entry.scenario.name, status: status, stepCount: entry.scenario.steps.count,
            stepsDone: finished ? entry.scenario.steps.count : 0, createdAt: RFC3339.string(entry.createdAt),
            report: entry.run?.report, files: entry.run?.files.map(\.name) ?? [], error: entry.error)
    }
}
