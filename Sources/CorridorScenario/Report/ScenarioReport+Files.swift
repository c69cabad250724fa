import Foundation

extension ScenarioReport {
    /// `report.json`: pretty-printed with sorted keys, so equal reports are equal bytes.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, numbers and arrays cannot fail.
        let data = try! encoder.encode(self)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// `report.md`: the steps and the expectations as tables.
    public var markdown: String {
        func cell(_ text: String?) -> String {
            (text ?? "").replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
        }
        var lines = [
            "# Scenario: \(cell(name))", "",
            "Seed \(seed). " + (passed ? "**All expectations hold.**" : "**\(failures.count) expectation(s) failed"
                + (steps.contains { $0.status == .error } ? ", and some steps could not run" : "") + ".**"),
            "", "## Steps", "",
            "| # | line | id | action | status | code | amount | detail |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for step in steps {
            let code = [step.responseCode, step.iso20022Code].compactMap { $0 }.joined(separator: " / ")
            lines.append("| \(step.index) | \(step.line.map(String.init) ?? "") | \(cell(step.id)) | \(step.action) | \(step.status.rawValue) "
                + "| \(cell(code)) | \(cell(step.amount)) | \(cell(step.detail)) |")
        }
        lines += ["", "## Expectations", "", "| line | check | subject | expected | actual | result |", "|---|---|---|---|---|---|"]
        for outcome in expectations {
            lines.append("| \(outcome.line.map(String.init) ?? "") | \(outcome.kind) | \(cell(outcome.subject)) | \(cell(outcome.expected)) "
                + "| \(cell(outcome.actual)) | \(outcome.passed ? "✓" : "✗ FAIL") |")
        }
        lines += ["", "## ISO 20022 messages", "", "| kind | count |", "|---|---|"]
        for (kind, count) in messageCounts.sorted(by: { $0.key < $1.key }) { lines.append("| \(kind) | \(count) |") }
        lines += ["", "Payments: \(approvedCount) of \(paymentCount) approved.", ""]
        return lines.joined(separator: "\n")
    }
}
