// Fuzz target `scenario-yaml`: scenario files (YAML through Yams, then Corridor's checks; DESIGN.md §6), built by
// Tools/fuzz.sh against the SwiftPM-built Yams. The world paths resolve against Samples/scenarios, so the sample
// world's files exist and the checks past them are reached.
//
// Rule checked on every input: loading returns a scenario or a `ScenarioError`, never a crash; an error names a
// key. There is no scenario writer, so no round trip.
import CorridorScenario
import Foundation

enum FuzzTarget {
    /// Samples/scenarios in the checkout these targets were built from.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../Samples/scenarios").standardizedFileURL

    static func test(_ input: [UInt8]) {
        guard let text = String(validating: input, as: UTF8.self) else { return }
        do {
            _ = try Scenario(yaml: text, folder: folder)
        } catch {
            guard !error.key.isEmpty else {
                fuzzFailure("a scenario error names no key", input: input, detail: "\(error)")
            }
        }
    }

    /// The committed samples are copied by Tools/fuzz.sh; nothing is generated.
    static func seeds() -> [[UInt8]] { [] }
}
