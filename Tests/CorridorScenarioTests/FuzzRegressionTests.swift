import CorridorScenario
import Foundation
import Testing

/// Inputs the `scenario-yaml` fuzz target of Tools/fuzz.sh found, each pinned as the rule it broke. The same inputs
/// are kept under `Tools/Fuzz/regressions/scenario-yaml/` and replayed by ``ScenarioFuzzCorpusReplayTests``.
@Suite("Fuzz regressions: scenario files")
struct ScenarioFuzzRegressionTests {
    /// crash-b54cf73a…: a file whose top level is a list, not a mapping, failed with an empty key (printed as
    /// "line 1: ``: expected a mapping"); every other file-level problem is named `(file)`.
    @Test func topLevelListIsNamedAsTheFile() {
        let text = "- wallet_open: { holder: anna, name: Anna Smirnova, bank: sberbank }\n"
        let error = #expect(throws: ScenarioError.self) {
            try Scenario(yaml: text, folder: URL(fileURLWithPath: "/nonexistent"))
        }
        #expect(error?.key == "(file)")
        #expect(error?.problem == "expected a mapping")
    }

    /// crash-5bab61eb… (found by CI's smoke run): `?` alone is a mapping with one empty key, refused with an empty
    /// key path; the empty key is now named as `""`, like a quoted empty key.
    @Test(arguments: ["?", "\"\": 1\n"])
    func anEmptyKeyIsNamed(_ text: String) {
        let error = #expect(throws: ScenarioError.self) {
            try Scenario(yaml: text, folder: URL(fileURLWithPath: "/nonexistent"))
        }
        #expect(error?.key == "\"\"")
        #expect(error?.problem.hasPrefix("unknown key") == true)
    }
}
