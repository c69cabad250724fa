import CorridorScenario
import CorridorTesting
import Foundation
import Testing

/// Replays the kept fuzz inputs of `scenario-yaml` with the fuzz target's rule (Tools/Fuzz/ScenarioYAML), world
/// paths resolving against Samples/scenarios: loading returns a scenario or an error that names a key.
@Suite("Fuzz corpus replay: scenario files")
struct ScenarioFuzzCorpusReplayTests {
    static let samples = FuzzReplayInput.fuzzDirectory.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Samples/scenarios")

    @Test func theTargetKeepsInputs() {
        #expect(!FuzzReplayInput.all("scenario-yaml").isEmpty)
    }

    @Test(arguments: FuzzReplayInput.all("scenario-yaml"))
    func loadingFailsOnlyWithANamedKey(_ input: FuzzReplayInput) {
        guard let text = String(validating: input.bytes, as: UTF8.self) else { return }
        do {
            _ = try Scenario(yaml: text, folder: Self.samples)
        } catch {
            #expect(!error.key.isEmpty, "\(error)")
        }
    }
}
