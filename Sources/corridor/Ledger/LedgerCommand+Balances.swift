import ArgumentParser
import CorridorCore
import CorridorLedger

extension LedgerCommand {
    /// `corridor ledger balances [ID…]`: the four counters and the net balance of some or all accounts.
    struct Balances: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show account balances (all accounts when no id is given)."
        )

        @OptionGroup var options: LedgerOptions

        @Argument(help: "Account ids (UUID or decimal).")
        var ids: [AccountID] = []

        func run() async throws {
            try await options.withBackend { backend in
                if ids.isEmpty {
                    try await LedgerOutput.forEachAccount(in: backend) { page in
                        try emit(try await backend.balances(of: page.map(\.id)))
                    }
                } else {
                    let balances = try await backend.balances(of: ids)
                    try emit(balances)
                    let found = Set(balances.map(\.id))
                    let missing = ids.filter { !found.contains($0) }
                    if !missing.isEmpty {
                        LedgerOutput.error("no such account: \(missing.map(\.description).joined(separator: ", "))")
                        throw ExitCode.failure
                    }
                }
            }
        }

        private func emit(_ balances: [AccountBalance]) throws {
            for balance in balances {
                if options.json {
                    LedgerOutput.line(try LedgerOutput.jsonLine(balance))
                } else {
                    let currency = balance.currency
                    func decimal(_ minorUnits: Int64) -> String {
                        Money(minorUnits: minorUnits, currency: currency).decimalText
                    }
                    LedgerOutput.line([
                        balance.id.description, currency.alphaCode,
                        "debits=\(decimal(balance.debitsPosted))", "credits=\(decimal(balance.creditsPosted))",
                        "pending_debits=\(decimal(balance.debitsPending))",
                        "pending_credits=\(decimal(balance.creditsPending))", "net=\(balance.netCredit.decimalText)",
                    ].joined(separator: "\t"))
                }
            }
        }
    }
}
