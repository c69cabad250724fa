import ArgumentParser
import CorridorLedger

extension LedgerCommand {
    /// `corridor ledger history ACCOUNT`: the records that touched an account, in commit order.
    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the transfers that touched an account.")

        @OptionGroup var options: LedgerOptions

        @Argument(help: "The account id (UUID or decimal).")
        var account: AccountID

        @Option(help: "Only records with a sequence number greater than this.")
        var after: UInt64?

        @Option(help: "At most this many records.")
        var limit = 100

        func validate() throws {
            guard limit > 0 else { throw ValidationError("--limit must be positive") }
        }

        func run() async throws {
            try await options.withBackend { backend in
                for record in try await backend.history(of: account, after: after, limit: limit) {
                    if options.json {
                        LedgerOutput.line(try LedgerOutput.jsonLine(record))
                    } else {
                        for (index, posting) in LedgerPosting.postings(of: record).enumerated() {
                            let prefix = index == 0 ? "" : "  "
                            LedgerOutput.line(prefix + posting.textFields.joined(separator: "\t"))
                        }
                    }
                }
            }
        }
    }
}
