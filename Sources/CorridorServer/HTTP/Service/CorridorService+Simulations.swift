import CorridorScenario
import Foundation

extension CorridorService {
    /// Parses a scenario file and starts it on a fresh in-memory ledger.
    /// - Throws: 422 naming the line and key of the first problem in the file.
    public func startSimulation(yaml: String, seed: UInt64?) throws -> APISimulation {
        let scenario = try Scenario(yaml: yaml, folder: scenarioFolder)
        return simulations.start(scenario, seed: seed)
    }

    /// A simulation's state and report.
    /// - Throws: 404 when there is none.
    public func simulation(_ id: String) throws(HTTPProblem) -> APISimulation {
        guard let simulation = simulations.simulation(id) else { throw .notFound("no simulation \(id)") }
        return simulation
    }

    /// A file a finished simulation wrote.
    /// - Throws: 404 when there is none.
    public func simulationFile(_ id: String, name: String) throws(HTTPProblem) -> String {
        guard let text = simulations.file(id, name: name) else {
            throw .notFound("no file \(name) in simulation \(id)")
        }
        return text
    }
}
