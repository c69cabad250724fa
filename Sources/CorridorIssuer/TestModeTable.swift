import CorridorCore

/// What a test-mode magic value does to a request (DESIGN.md §7).
public enum TestModeOutcome: Sendable, Hashable {
    /// Decline with this code before touching the card or the ledger.
    case decline(IssuerResponseCode)
    /// Process normally, then answer only after the configured delay (past a typical acquirer timeout).
    case delayResponse
    /// Process normally (funds are held), then send no answer at all: the acquirer must reverse.
    case dropResponse
}

/// The one table of test-mode magic values: PAN endings and amount tails that select an outcome.
///
/// A PAN's last four digits (check digit included) or an amount's last three minor-unit digits select the outcome;
/// the PAN wins when both match. The README prints this table (`corridor issuer magic` renders it from here).
public struct TestModeTable: Sendable {
    /// One row: the trigger values and the outcome.
    public struct Row: Sendable, Hashable {
        /// The PAN's last four digits.
        public let panEnding: String
        /// The amount's minor units modulo 1000.
        public let amountTail: Int
        /// What happens.
        public let outcome: TestModeOutcome
    }

    /// The rows, in documentation order.
    public let rows: [Row]

    /// Corridor's table.
    public static let standard = TestModeTable(rows: [
        Row(panEnding: "0005", amountTail: 905, outcome: .decline(.doNotHonour)),
        Row(panEnding: "0014", amountTail: 914, outcome: .decline(.invalidCardNumber)),
        Row(panEnding: "0051", amountTail: 951, outcome: .decline(.insufficientFunds)),
        Row(panEnding: "0054", amountTail: 954, outcome: .decline(.expiredCard)),
        Row(panEnding: "0057", amountTail: 957, outcome: .decline(.transactionNotPermitted)),
        Row(panEnding: "0061", amountTail: 961, outcome: .decline(.exceedsWithdrawalLimit)),
        Row(panEnding: "0091", amountTail: 991, outcome: .decline(.issuerInoperative)),
        Row(panEnding: "0098", amountTail: 998, outcome: .delayResponse),
        Row(panEnding: "0099", amountTail: 999, outcome: .dropResponse),
    ])

    /// The outcome a PAN's digits and an amount select, nil when neither is magic.
    public func outcome(panDigits: String, amountMinorUnits: Int64?) -> TestModeOutcome? {
        let ending = panDigits.suffix(4)
        if let row = rows.first(where: { $0.panEnding == ending }) { return row.outcome }
        guard let amount = amountMinorUnits, amount >= 0 else { return nil }
        let tail = Int(amount % 1000)
        return rows.first(where: { $0.amountTail == tail })?.outcome
    }

    /// The table as Markdown, for the README and `--help` texts.
    public var markdown: String {
        var lines = [
            "| PAN ends in | or amount's minor units end in | outcome | field 39 | ISO 20022 reason |",
            "|---|---|---|---|---|",
        ]
        for row in rows {
            let (what, code, reason): (String, String, String)
            switch row.outcome {
            case .decline(let response):
                (what, code, reason) = (response.meaning, response.rawValue, response.iso20022Reason ?? "")
            case .delayResponse:
                (what, code, reason) = ("answer delayed past the acquirer's timeout", "00 (late)", "AB05")
            case .dropResponse:
                (what, code, reason) = ("no answer; funds stay held until reversed", "none", "AB06")
            }
            lines.append("| `\(row.panEnding)` | `\(row.amountTail)` | \(what) | \(code) | \(reason) |")
        }
        return lines.joined(separator: "\n")
    }
}
