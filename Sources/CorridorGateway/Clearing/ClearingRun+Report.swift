import CorridorCore
import CorridorISO20022
import Foundation

extension ClearingRun {
    /// The reconciliation report as JSON (sorted keys, amounts in minor units), for scripts.
    public var reconciliationJSON: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Every field is a string, an integer or a Bool: encoding cannot fail.
        let data = try! encoder.encode(ReconciliationReport(self))
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The reconciliation report as Markdown, for people.
    public var reconciliationMarkdown: String {
        let reconciliation = reconciliation
        var text = "# Clearing reconciliation \(businessDate.text)\n\n"
        if reconciliation.isBalanced {
            text += "**Balanced**: ledger = messages = netting for every participant and currency.\n\n"
        } else {
            text += "**Not balanced**: \(reconciliation.differences.count) difference(s), "
                + "\(reconciliation.missingTransfers.count) missing transfer(s)"
                + (reconciliation.unbalancedCurrencies.isEmpty ? "" : ", netting unbalanced in "
                    + reconciliation.unbalancedCurrencies.map(\.alphaCode).joined(separator: ", "))
                + ".\n\n"
        }
        text += "Items netted: \(netting.itemCount). Settlement messages: \(settlementMessages.count). "
            + "Statements: \(statements.count). Notifications: \(notifications.count).\n\n"
        text += "Figures: **netting** = what the obligations say the participant owes; **ledger** = credits − debits "
            + "the items' transfers moved on its position account; **messages** = what the pacs.009 files make it "
            + "pay (negative: receive).\n"
        let currencies = Set(reconciliation.lines.map(\.currency)).sorted()
        for currency in currencies {
            text += "\n## \(currency.alphaCode)\n\n"
            if let summary = netting.netting(of: currency) {
                text += "Obligations: \(summary.obligationCount). Gross: \(Self.amount(summary.grossTotal, currency)). "
                    + "Net: \(Self.amount(summary.netTotal, currency)). Positions sum: "
                    + "\(Self.amount(summary.owesSum, currency))"
                    + (summary.isBalanced ? " (balanced)" : " (**unbalanced**)") + ".\n\n"
            }
            text += "| participant | netting | ledger | messages | status |\n|---|---:|---:|---:|---|\n"
            for line in reconciliation.lines where line.currency == currency {
                text += "| \(Self.cell(line.participant)) | \(Self.amount(line.netting, currency)) | "
                    + "\(Self.amount(line.ledger, currency)) | \(Self.amount(line.messages, currency)) | "
                    + (line.isBalanced ? "ok" : "**differs**") + " |\n"
            }
        }
        if !reconciliation.differences.isEmpty {
            text += "\n## Differences\n\n| participant | currency | netting | ledger | messages |\n"
                + "|---|---|---:|---:|---:|\n"
            for line in reconciliation.differences {
                text += "| \(Self.cell(line.participant)) | \(line.currency.alphaCode) | "
                    + "\(Self.amount(line.netting, line.currency)) | \(Self.amount(line.ledger, line.currency)) | "
                    + "\(Self.amount(line.messages, line.currency)) |\n"
            }
        }
        if !reconciliation.missingTransfers.isEmpty {
            text += "\n## Missing transfers\n\n| item | transfer | reason |\n|---|---|---|\n"
            for missing in reconciliation.missingTransfers {
                text += "| \(Self.cell(missing.itemID)) | \(Self.cell(missing.transferID)) | "
                    + "\(missing.reason.rawValue) |\n"
            }
        }
        if !settlementMessages.isEmpty {
            text += "\n## Settlement\n\n"
                + "| participant | currency | amount | direction | agent | message | ledger transfer |\n"
                + "|---|---|---:|---|---|---|---|\n"
            for message in settlementMessages {
                text += "| \(Self.cell(message.participant)) | \(message.currency.alphaCode) | "
                    + "\(Self.amount(abs(message.owes), message.currency)) | "
                    + (message.owes > 0 ? "pays agent" : "paid by agent")
                    + " | \(Self.cell(message.settlementAgent)) | "
                    + "\(message.documentFileName) | \(message.transferID) |\n"
            }
        }
        if !statements.isEmpty {
            text += "\n## Statements\n\n| participant | currency | opening | closing | camt.053 | camt.054 |\n"
                + "|---|---|---:|---:|---|---|\n"
            for statement in statements {
                let balances = statement.document.statements.first?.balances ?? []
                let notification = notifications.first {
                    $0.participant == statement.participant && $0.currency == statement.currency
                }
                text += "| \(Self.cell(statement.participant)) | \(statement.currency.alphaCode) | "
                    + "\(Self.balance("OPBD", in: balances)) | \(Self.balance("CLBD", in: balances)) | "
                    + "\(statement.fileName) | \(notification?.fileName ?? "–") |\n"
            }
        }
        if !settlementMessages.isEmpty {
            text += "\nEach pacs.009 document has its head.001 business application header beside it, in the file "
                + "of the same name ending `.head.xml`.\n"
        }
        return text
    }

    /// A statement balance as signed decimal text (negative: DBIT).
    private static func balance(_ typeCode: String, in balances: [CashBalance]) -> String {
        guard let balance = balances.first(where: { $0.typeCode == typeCode }) else { return "–" }
        let text = balance.amount.decimalText
        return balance.creditDebit == .debit && balance.amount.minorUnits != 0 ? "-" + text : text
    }

    /// Minor units as exact decimal text in the currency's exponent.
    private static func amount(_ minorUnits: Int64, _ currency: Currency) -> String {
        Money(minorUnits: minorUnits, currency: currency).decimalText
    }

    /// Text safe inside a Markdown table cell.
    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}

/// The JSON form of a run's reconciliation.
private struct ReconciliationReport: Encodable {
    struct CurrencySummary: Encodable {
        let currency: String
        let obligationCount: Int
        let grossTotalMinorUnits: Int64
        let netTotalMinorUnits: Int64
        let owesSumMinorUnits: Int64
        let isBalanced: Bool
    }

    struct Line: Encodable {
        let participant: String
        let currency: String
        let nettingMinorUnits: Int64
        let ledgerMinorUnits: Int64
        let messagesMinorUnits: Int64
        let isBalanced: Bool

        init(_ line: ClearingReconciliation.Line) {
            participant = line.participant
            currency = line.currency.alphaCode
            nettingMinorUnits = line.netting
            ledgerMinorUnits = line.ledger
            messagesMinorUnits = line.messages
            isBalanced = line.isBalanced
        }
    }

    struct Missing: Encodable {
        let itemID: String
        let transferID: String
        let reason: String
    }

    struct Settlement: Encodable {
        let participant: String
        let currency: String
        let owesMinorUnits: Int64
        let settlementAgent: String
        let messageID: String
        let file: String
        let headerFile: String
        let transferID: String
    }

    let businessDate: String
    let isBalanced: Bool
    let itemCount: Int
    let currencies: [CurrencySummary]
    let lines: [Line]
    let differences: [Line]
    let missingTransfers: [Missing]
    let unbalancedCurrencies: [String]
    let settlements: [Settlement]
    let files: [String]

    init(_ run: ClearingRun) {
        let reconciliation = run.reconciliation
        businessDate = run.businessDate.text
        isBalanced = reconciliation.isBalanced
        itemCount = run.netting.itemCount
        currencies = run.netting.currencies.map {
            CurrencySummary(currency: $0.currency.alphaCode, obligationCount: $0.obligationCount,
                            grossTotalMinorUnits: $0.grossTotal, netTotalMinorUnits: $0.netTotal,
                            owesSumMinorUnits: $0.owesSum, isBalanced: $0.isBalanced)
        }
        lines = reconciliation.lines.map(Line.init)
        differences = reconciliation.differences.map(Line.init)
        missingTransfers = reconciliation.missingTransfers.map {
            Missing(itemID: $0.itemID, transferID: $0.transferID, reason: $0.reason.rawValue)
        }
        unbalancedCurrencies = reconciliation.unbalancedCurrencies.map(\.alphaCode)
        settlements = run.settlementMessages.map {
            Settlement(participant: $0.participant, currency: $0.currency.alphaCode, owesMinorUnits: $0.owes,
                       settlementAgent: $0.settlementAgent, messageID: $0.message.document.groupHeader.messageId,
                       file: $0.documentFileName, headerFile: $0.headerFileName, transferID: $0.transferID.description)
        }
        files = run.messageFiles.map(\.name)
    }
}
