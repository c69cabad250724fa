import ArgumentParser
import CorridorCore
import CorridorGateway
import CorridorGatewayPostgres
import CorridorGatewaySQLite
import CorridorLedger
import CorridorLedgerPostgres
import Foundation
import Logging

/// The options every gateway command (`pay`, `refund`, `reverse`, `clear`, `trail`) shares: where the ledger and
/// the payment records are, and which world (directory, rates, watch list, cards) the gateway runs.
struct GatewayOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("sqlite:PATH, postgres:URL or memory. Payment records go in the same "
        + "database (the SQLite file, the PostgreSQL schema)."))
    var backend: BackendLocation = .defaultLocation

    @Option(name: .long, help: ArgumentHelp("Folder with participants.yaml, merchants.yaml, fx-rates.csv, watchlist.csv "
        + "(default: Samples/gateway).", valueName: "dir"))
    var world: String?

    @Option(name: .long, help: ArgumentHelp("Issuer card portfolio (default: Samples/issuer/cards.yaml).", valueName: "file"))
    var cards: String?

    @Option(name: .long, help: ArgumentHelp("Card token key, created (0600) when missing.", valueName: "file"))
    var tokenKeyFile = "corridor.key"

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    /// Opens the ledger and the record store, builds and provisions the gateway, runs `body`.
    func withGateway<Result>(_ body: (Gateway) async throws -> Result) async throws -> Result {
        guard let worldPath = world ?? SampleLocator.file("Samples/gateway/participants.yaml").map({ URL(fileURLWithPath: $0).deletingLastPathComponent().path })
        else { throw ValidationError("--world: no folder given and Samples/gateway not found") }
        let cardsPath = cards ?? SampleLocator.file("Samples/issuer/cards.yaml")
        let tokenizer = try CardTokenizer(key: TokenKeyFile.load(orCreate: tokenKeyFile))
        var logger = Logger(label: "corridor.gateway")
        logger.logLevel = .error
        return try await backend.withBackend { ledger in
            try await Self.withPaymentStore(backend, ledger: ledger) { store in
                let gateway: Gateway
                do {
                    gateway = try await GatewayWorld(
                        folder: URL(fileURLWithPath: worldPath), cardsFile: cardsPath.map { URL(fileURLWithPath: $0) }
                    ).makeGateway(backend: ledger, store: store, tokenizer: tokenizer, logger: logger)
                } catch let error as GatewayWorldError {
                    // A bad world or cards file is a bad option: exit 64, naming the file, its line and key.
                    throw ValidationError("\(error)")
                }
                return try await body(gateway)
            }
        }
    }

    /// Opens the payment store beside the ledger (the same SQLite file, the same PostgreSQL schema, or memory), runs
    /// `body` with it, then closes it (PostgreSQL connections are shut down even when `body` throws).
    static func withPaymentStore<Result>(
        _ location: BackendLocation, ledger: any SettlementBackend, _ body: (any PaymentStore) async throws -> Result
    ) async throws -> Result {
        switch location {
        case .sqlite(let path):
            return try await body(try SQLitePaymentStore(path: path))
        case .memory:
            return try await body(InMemoryPaymentStore())
        case .postgres(let url):
            let schema = (ledger as? PostgresSettlementBackend)?.schema ?? "corridor"
            let store = try await PostgresPaymentStore.connect(url: url, schema: schema)
            do {
                let result = try await body(store)
                await store.shutdown()
                return result
            } catch {
                await store.shutdown()
                throw error
            }
        }
    }

    /// Prints a value as one line of JSON with sorted keys.
    static func printJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        Console.line(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// Prints a payment result for people or as JSON; exit status 1 when it was declined.
    func report(_ result: PaymentResult) throws {
        if json {
            try Self.printJSON(result)
        } else {
            var lines = ["payment \(result.paymentID): \(result.status.rawValue) (\(result.responseCode) / \(result.iso20022Status))"]
            if let reason = result.declineReason { lines.append("  reason:   \(reason.text) [\(reason.iso8583Code)/\(reason.iso20022Code)]") }
            lines.append("  merchant: \(result.merchantID ?? "-") receives \(result.merchantAmount)")
            if let payer = result.payerAmount { lines.append("  payer:    pays \(payer)") }
            if let disclosure = result.fxDisclosure { lines.append("  fx:       \(disclosure)") }
            if let code = result.approvalCode { lines.append("  approval: \(code)") }
            if let route = result.route { lines.append("  route:    \(route)") }
            if let transfer = result.transferID { lines.append("  ledger:   transfer \(transfer)") }
            if let message = result.pacs008MessageID { lines.append("  pacs.008: \(message)") }
            lines.append("  trail:    corridor trail \(result.paymentID)")
            for line in lines { Console.line(line) }
        }
        if result.status == .declined { throw ExitCode.failure }
    }
}

/// A decimal amount with its currency, as `123.45 CNY` or `CNY 123.45` or `123.45CNY`.
///
/// Options take it through `transform: MoneyArgument.parse`, so a bad amount is refused with the reason (unknown
/// currency, too many decimals for the currency's exponent, overflow, a stray character and where).
struct MoneyArgument {
    let money: Money

    /// Reads `argument`, or throws why it is not an amount.
    static func parse(_ argument: String) throws -> MoneyArgument {
        let parts = argument.split(separator: " ")
        let pair: (amount: String, currency: String)
        if parts.count == 2 {
            pair = Currency(alphaCode: String(parts[0]).uppercased()) != nil
                ? (String(parts[1]), String(parts[0])) : (String(parts[0]), String(parts[1]))
        } else if parts.count == 1, argument.count > 3, argument.suffix(3).allSatisfy(\.isLetter) {
            pair = (String(argument.dropLast(3)), String(argument.suffix(3)))
        } else {
            throw ValidationError("expected an amount and an ISO 4217 currency, as \"250.00 CNY\"")
        }
        guard let currency = Currency(alphaCode: pair.currency.uppercased()) else {
            throw ValidationError("\(MoneyError.unknownCurrency(pair.currency))")
        }
        do {
            return MoneyArgument(money: try Money(decimal: pair.amount, currency: currency))
        } catch {
            throw ValidationError("\(error)")
        }
    }
}
