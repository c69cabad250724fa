import ArgumentParser
import CorridorCBDC
import CorridorCore
import CorridorLedger
import Foundation

/// The options every `corridor wallet` command shares: where the ledger is and which platform configuration
/// (participant banks) it runs. Each command starts the platform afresh from the ledger (``DigitalRublePlatform/start(with:)``).
struct WalletOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("sqlite:PATH, postgres:URL or memory."))
    var backend: BackendLocation = .defaultLocation

    @Option(name: .long, help: ArgumentHelp("Platform configuration: the participant banks (default: Samples/cbdc/platform.yaml).",
                                            valueName: "file"))
    var platform: String?

    @Flag(name: .long, help: "Print one line of JSON instead of text.")
    var json = false

    /// Opens the ledger, starts the platform on it, runs `body`; a ``CBDCPlatformError`` is printed and exits 1.
    func withPlatform<Result>(_ body: (DigitalRublePlatform, any SettlementBackend) async throws -> Result) async throws -> Result {
        guard let path = platform ?? SampleLocator.file("Samples/cbdc/platform.yaml") else {
            throw ValidationError("--platform: no file given and Samples/cbdc/platform.yaml not found")
        }
        let configuration: CBDCPlatformConfiguration
        do { configuration = try CBDCPlatformConfiguration(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ValidationError("--platform: \(error)")
        }
        do {
            return try await backend.withBackend { ledger in
                let platform = DigitalRublePlatform(backend: ledger)
                try await platform.start(with: configuration)
                return try await body(platform, ledger)
            }
        } catch let error as CBDCPlatformError {
            // The platform refused (unknown bank or wallet, invalid id or amount): a judged refusal, exit status 1.
            Console.error("corridor wallet: \(error)")
            throw ExitCode.failure
        }
    }

    /// Prints an operation's result for people or as JSON; exit status 1 when it was declined.
    func report(_ result: CBDCPaymentResult) throws {
        if json {
            try GatewayOptions.printJSON(result)
        } else {
            Console.line("\(result.kind.rawValue) \(result.id): \(result.status.rawValue) (\(result.responseCode) / \(result.iso20022Status))")
            if let reason = result.declineReason { Console.line("  reason: \(reason)") }
            Console.line("  amount: \(result.amount)" + (result.fee.minorUnits > 0 ? ", merchant fee \(result.fee)" : ""))
            if let payer = result.payer { Console.line("  from:   \(payer)") }
            if let payee = result.payee { Console.line("  to:     \(payee)") }
            if let transfer = result.transferID { Console.line("  ledger: transfer \(transfer)") }
        }
        if !result.isApproved { throw ExitCode.failure }
    }

    /// A RUB amount argument, refusing other currencies.
    static func rubles(_ argument: MoneyArgument, option: String) throws -> Money {
        guard argument.money.currency == .rub else { throw ValidationError("\(option): digital rubles are RUB") }
        return argument.money
    }
}

/// A holder id (`alice`, `cafe-pushkin`): the wallet is ``DigitalRublePlatform/walletID(forHolder:)``.
struct HolderArgument: ExpressibleByArgument {
    let holder: String
    init?(argument: String) {
        guard !argument.isEmpty else { return nil }
        holder = argument
    }
    var walletID: WalletID { DigitalRublePlatform.walletID(forHolder: holder) }
}

extension CBDCWalletType: ExpressibleByArgument {}
