import ArgumentParser

/// The `corridor` command line: thin commands over the Corridor library (DESIGN.md §6).
///
/// Exit status is API: 0 success, 1 a failed check or invalid input the command was asked to judge
/// (`qr decode` of a bad payload, `ledger verify` finding a problem), 64 (EX_USAGE) for bad options.
@main
struct Corridor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corridor",
        abstract: "Cross-border QR-code and card payment gateway simulator.",
        version: "0.1.0",
        subcommands: [
            QRCommand.self, PayCommand.self, RefundCommand.self, ClearCommand.self, TrailCommand.self, LedgerCommand.self,
            DemoCommand.self, ISO8583Command.self, ISO20022Command.self, ServeCommand.self, WalletCommand.self,
            SimulateCommand.self,
        ]
    )
}
