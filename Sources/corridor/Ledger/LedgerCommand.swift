import ArgumentParser

/// `corridor ledger accounts|balances|history|verify|export`.
struct LedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Inspect and verify the settlement ledger.",
        subcommands: [
            Accounts.self, Balances.self, History.self, Verify.self, Export.self, CrashWriter.self,
        ]
    )
}
