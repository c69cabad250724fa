import ArgumentParser
import CorridorGateway
import CorridorISO20022
import Foundation

/// `corridor clear [--date YYYY-MM-DD] [--out DIR]`: ends a business day — netting per currency, pacs.009 per net
/// obligation, camt.053 per participant account, camt.054 notifications, the day's pacs.008/.002/.004 and a
/// reconciliation report (ledger = messages = netting). Exit status 1 when the reconciliation finds a difference.
struct ClearCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "clear", abstract: "Clear a business day and write its ISO 20022 files.")

    @OptionGroup var options: GatewayOptions
    @Option(help: ArgumentHelp("Business day (UTC), default today.", valueName: "YYYY-MM-DD")) var date: String?
    @Option(help: ArgumentHelp("Directory for the XML files and the reconciliation report.", valueName: "dir")) var out = "corridor-clearing"

    func run() async throws {
        let (run, files) = try await options.withGateway { gateway in
            let day: ISODate
            if let date {
                guard let parsed = ISODate(text: date) else { throw ValidationError("--date: expected YYYY-MM-DD") }
                day = parsed
            } else {
                day = gateway.businessDate(at: Date())
            }
            return try await Self.clear(gateway, day: day, out: URL(fileURLWithPath: out))
        }
        if options.json {
            Console.line(run.reconciliationJSON)
        } else {
            Console.line("clearing \(run.businessDate): \(run.netting.positions.count) net positions, "
                + "\(run.settlementMessages.count) pacs.009, \(run.statements.count) camt.053, \(run.notifications.count) camt.054, "
                + "\(files.count) files in \(out)/")
            Console.line(run.reconciliationMarkdown)
        }
        if !run.reconciliation.isBalanced { throw ExitCode.failure }
    }

    /// Clears the day and writes every file: the run's own, plus the payments' pacs.008, pacs.002 and pacs.004.
    static func clear(_ gateway: Gateway, day: ISODate, out: URL) async throws -> (ClearingRun, [URL]) {
        let run = try await gateway.clear(businessDate: day)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        var files = try run.write(to: out)
        for message in try await gateway.emittedMessages(businessDate: day) {
            let xml = try message.xml()
            let base = out.appendingPathComponent("\(message.definition.prefix(8))-\(message.messageID)")
            for (suffix, text) in [(".head.xml", xml.header), (".xml", xml.document)] {
                let url = URL(fileURLWithPath: base.path + suffix)
                try Data(text.utf8).write(to: url)
                files.append(url)
            }
        }
        return (run, files)
    }
}

/// `corridor iso20022 validate FILE…`: validates messages with xmllint against the official XSDs shipped with
/// Corridor (the message is recognised by its namespace). Exit status 1 when any file is invalid.
struct ISO20022Command: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iso20022", abstract: "ISO 20022 message tools.", subcommands: [Validate.self])

    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validate messages against the official XSDs (xmllint).")

        @Argument(help: "XML files (a head.001 header or a message document).") var files: [String]
        @Option(help: "Message definition to validate against, e.g. pacs.008.001.08 (default: from the namespace).") var definition: String?
        @Flag(help: "Print one JSON object per file.") var json = false

        struct Line: Encodable {
            let file: String
            let definition: String?
            let valid: Bool
            let messages: String
        }

        func run() async throws {
            var allValid = true
            for file in files {
                let line: Line
                do {
                    let result = try ISO20022SchemaValidator.validate(file: file, definition: definition)
                    line = Line(file: file, definition: result.definition, valid: result.isValid,
                                messages: result.isValid ? "" : result.output.trimmingCharacters(in: .whitespacesAndNewlines))
                } catch {
                    line = Line(file: file, definition: definition, valid: false, messages: "\(error)")
                }
                allValid = allValid && line.valid
                if json {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                    Console.line(String(decoding: try encoder.encode(line), as: UTF8.self))
                } else {
                    Console.line("\(line.valid ? "✓" : "✗") \(file)\(line.definition.map { " (\($0))" } ?? "")\(line.messages.isEmpty ? "" : ": " + line.messages)")
                }
            }
            if !allValid { throw ExitCode.failure }
        }
    }
}
