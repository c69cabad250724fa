import ArgumentParser
import CorridorLedger

extension LedgerCommand {
    /// `corridor ledger accounts`: every account in id order.
    struct Accounts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every account in id order.")

        @OptionGroup var options: LedgerOptions

        func run() async throws {
            try await options.withBackend { backend in
                try await LedgerOutput.forEachAccount(in: backend) { page in
                    for account in page {
                        if options.json {
                            LedgerOutput.line(try LedgerOutput.jsonLine(account))
                        } else {
                            LedgerOutput.line(Self.text(account))
                        }
                    }
                }
            }
        }

        private static func text(_ account: Account) -> String {
            var flags: [String] = []
            if account.flags.contains(.debitsMustNotExceedCredits) { flags.append("debits<=credits") }
            if account.flags.contains(.creditsMustNotExceedDebits) { flags.append("credits<=debits") }
            return [account.id.description, account.currency.alphaCode, account.kind.rawValue, account.owner,
                    flags.joined(separator: ","), account.userData].joined(separator: "\t")
        }
    }
}
