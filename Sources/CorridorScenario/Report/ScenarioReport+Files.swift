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
            "Seed \(seed). "
                + (passed
                    ? "**All expectations hold.**"
                    : "**\(failures.count) expectation(s) failed"
                        + (steps.contains { $0.status == .error } ? ", and some steps could not run" : "") + ".**"),
            "", "## Steps", "",
            "| # | line | id | action | status | code | amount | detail |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for step in steps {
            let code = [step.responseCode, step.iso20022Code].compactMap { $0 }.joined(separator: " / ")
            lines.append(
                "| \(step.index) | \(step.line.map(String.init) ?? "") | \(cell(step.id)) | "
                    + "\(step.action) | \(step.status.rawValue) "
                    + "| \(cell(code)) | \(cell(step.amount)) | \(cell(step.detail)) |")
        }
        lines += [
            "", "## Expectations", "", "| line | check | subject | expected | actual | result |",
            "|---|---|---|---|---|---|",
        ]
        for outcome in expectations {
            lines.append(
                "| \(outcome.line.map(String.init) ?? "") | \(outcome.kind) | "
                    + "\(cell(outcome.subject)) | \(cell(outcome.expected)) "
                    + "| \(cell(outcome.actual)) | \(outcome.passed ? "✓" : "✗ FAIL") |")
        }
        lines += ["", "## ISO 20022 messages", "", "| kind | count |", "|---|---|"]
        for (kind, count) in messageCounts.sorted(by: { $0.key < $1.key }) { lines.append("| \(kind) | \(count) |") }
        if let traffic {
            lines += ["", "## Traffic on \(traffic.day)", "", "| instrument | payments | approved |", "|---|---|---|"]
            for (key, counts) in traffic.instruments.sorted(by: { $0.key < $1.key }) {
                lines.append("| \(key) | \(counts.payments) | \(counts.approved) |")
            }
            lines += ["", "| decline (ISO 8583 / ISO 20022) | reason | count |", "|---|---|---|"]
            for decline in traffic.declines.values.sorted(by: {
                $0.count > $1.count || ($0.count == $1.count && $0.iso8583Code < $1.iso8583Code)
            }) {
                lines.append(
                    "| \(decline.iso8583Code) / \(decline.iso20022Code) | \(cell(decline.text)) | \(decline.count) |")
            }
            lines += [
                "", "| FX corridor | payments | payers paid (minor units) | merchants owed (minor units) |",
                "|---|---|---|---|",
            ]
            for corridor in traffic.fx.values.sorted(by: { $0.corridor < $1.corridor }) {
                lines.append(
                    "| \(corridor.corridor) | \(corridor.payments) | "
                        + "\(corridor.payerMinorUnits) \(corridor.payerCurrency) "
                        + "| \(corridor.merchantMinorUnits) \(corridor.merchantCurrency) |")
            }
            lines += ["", "| counter | value |", "|---|---|"]
            for (key, value) in traffic.counters.sorted(by: { $0.key < $1.key }) {
                lines.append("| \(key) | \(value) |")
            }
        }
        if !netPositions.isEmpty {
            lines += [
                "", "## Net positions after clearing", "", "| day | participant | currency | owes |",
                "|---|---|---|---|",
            ]
            for line in netPositions {
                lines.append("| \(line.businessDate) | \(line.participant) | \(line.currency) | \(line.owes) |")
            }
        }
        lines += ["", "Payments: \(approvedCount) of \(paymentCount) approved.", ""]
        return lines.joined(separator: "\n")
    }
}
