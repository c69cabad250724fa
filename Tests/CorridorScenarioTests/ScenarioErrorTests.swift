import CorridorScenario
import Testing

@Suite("Scenario errors")
struct ScenarioErrorTests {
    @Test func anErrorNamesTheLineAndTheKey() {
        #expect(
            ScenarioError(line: 12, key: "steps[3].amount", "expected a decimal amount").description
                == "line 12: `steps[3].amount`: expected a decimal amount")
        #expect(ScenarioError(line: nil, key: "world", "required").description == "`world`: required")
    }
}
