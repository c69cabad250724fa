import CorridorScenario
import Foundation
import Testing

/// One file kept for a fuzz target: a regression input (`Tools/Fuzz/regressions/<target>/`) or a hand-picked seed
/// (`Tools/Fuzz/seeds/<target>/`).
struct FuzzReplayInput: Sendable, CustomStringConvertible {
    /// `<target>/<kind>/<file name>`.
    let name: String
    let bytes: [UInt8]

    var description: String { name }

    /// `Tools/Fuzz`, found from this file's path so tests run from any working directory.
    static let fuzzDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // CorridorScenarioTests/
        .deletingLastPathComponent()  // Tests/
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("Tools/Fuzz")

    /// Every regression input and seed kept for `target`, in name order.
    static func all(_ target: String) -> [FuzzReplayInput] {
        ["regressions", "seeds"].flatMap { kind -> [FuzzReplayInput] in
            let folder = fuzzDirectory.appendingPathComponent(kind).appendingPathComponent(target)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.filter { !$0.hasSuffix(".md") }.sorted().compactMap { name in
                guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)) else { return nil }
                return FuzzReplayInput(name: "\(target)/\(kind)/\(name)", bytes: Array(data))
            }
        }
    }
}

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
