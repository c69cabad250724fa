import ArgumentParser
import CorridorLedger
import Foundation

extension LedgerCommand {
    /// `corridor ledger export`: every posting (one row per applied leg) as CSV or JSON lines, in commit order.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write every posting as CSV (default) or JSON lines.",
            discussion: "Columns: \(LedgerPosting.csvHeader)."
        )

        /// The export formats.
        enum Format: String, ExpressibleByArgument, CaseIterable {
            case csv, jsonl
        }

        @OptionGroup var options: LedgerOptions

        @Option(help: "csv or jsonl (--json is the same as --format jsonl).")
        var format: Format = .csv

        @Option(help: "Write to this file instead of standard output.")
        var output: String?

        func run() async throws {
            let handle: FileHandle
            if let output {
                guard FileManager.default.createFile(atPath: output, contents: nil) else {
                    LedgerOutput.error("corridor ledger export: cannot create \(output)")
                    throw ExitCode.failure
                }
                handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
            } else {
                handle = FileHandle.standardOutput
            }
            defer { if output != nil { try? handle.close() } }
            let jsonLines = options.json || format == .jsonl
            if !jsonLines { try handle.write(contentsOf: Data((LedgerPosting.csvHeader + "\n").utf8)) }
            try await options.withBackend { backend in
                try await LedgerOutput.forEachRecord(in: backend) { page in
                    var text = ""
                    for record in page {
                        for posting in LedgerPosting.postings(of: record) {
                            text += jsonLines ? try LedgerOutput.jsonLine(posting) : posting.csvLine
                            text += "\n"
                        }
                    }
                    try handle.write(contentsOf: Data(text.utf8))
                }
            }
        }
    }
}
