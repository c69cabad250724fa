import CorridorScenario
import Foundation

extension CorridorService {
    /// Parses a scenario file and starts it on a fresh in-memory ledger, owned by `caller`.
    /// - Throws: 422 naming the line and key of the first problem in the file.
    public func startSimulation(yaml: String, seed: UInt64?, for caller: HTTPCaller = .admin) throws
        -> APISimulation
    {
        let scenario = try Scenario(yaml: yaml, folder: scenarioFolder)
        return simulations.start(scenario, seed: seed, owner: caller)
    }

    /// A simulation's state and report, when the caller posted it (the operator sees all).
    /// - Throws: 404 when there is none or it is another participant's.
    public func simulation(_ id: String, for caller: HTTPCaller = .admin) throws(HTTPProblem) -> APISimulation {
        guard let simulation = simulations.simulation(id, for: caller) else { throw .notFound("no simulation \(id)") }
        return simulation
    }

    /// A file a finished simulation wrote, when the caller posted it.
    /// - Throws: 404 when there is none or it is another participant's.
    public func simulationFile(_ id: String, name: String, for caller: HTTPCaller = .admin) throws(HTTPProblem)
        -> String
    {
        guard let text = simulations.file(id, name: name, for: caller) else {
            throw .notFound("no file \(name) in simulation \(id)")
        }
        return text
    }
}
