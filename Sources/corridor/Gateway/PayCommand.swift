import ArgumentParser
import CorridorCore
import CorridorGateway
import Foundation

/// `corridor pay card|qr`: one payment through the gateway, answered with codes in ISO 8583 and ISO 20022 terms.
/// Exit status 0 approved, 1 declined.
struct PayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pay", abstract: "Pay a merchant by card or by scanning its QR code.",
        subcommands: [Card.self, QR.self])

    struct Card: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Pay by card (the issuer host authorizes it).")

        @OptionGroup var options: GatewayOptions
        @Option(help: "Card number (used to authorize; only its token and last four digits are kept).") var pan: String
        @Option(help: "Expiry, YYMM.") var expiry: String
        @Option(help: "Card verification value (checked for shape, never stored).") var cvv: String?
        @Flag(help: "Card not present (online): a hold, completed once booked.") var notPresent = false
        @Option(help: "Merchant id from the directory.") var merchant: String
        @Option(help: ArgumentHelp("Amount with currency, e.g. \"250.00 CNY\".", valueName: "amount"), transform: MoneyArgument.parse) var amount: MoneyArgument
        @Flag(help: "Pay in the card's home currency (dynamic currency conversion, markup disclosed).") var dcc = false
        @Option(help: "Payment id (idempotency key); generated when absent.") var id: String?

        func run() async throws {
            let pan: PrimaryAccountNumber
            do { pan = try PrimaryAccountNumber(self.pan) } catch { throw ValidationError("--pan: \(error)") }
            let details = CardPaymentDetails(pan: pan, expiry: expiry, cvv: cvv, present: !notPresent, merchant: merchant,
                                             amount: amount.money, dcc: dcc)
            let result = try await options.withGateway { await $0.submit(.card(details, id: id)) }
            try options.report(result)
        }
    }

    struct QR: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Pay a scanned merchant QR code from a bank app.")

        @OptionGroup var options: GatewayOptions
        @Argument(help: "The payload as scanned (EMV, SBP link or GOST); - reads it from standard input.") var payload: String
        @Option(help: ArgumentHelp("The payer: BANK/REFERENCE, a customer in the directory.", valueName: "bank/ref")) var payer: String
        @Option(help: ArgumentHelp("Amount for a static code, e.g. \"1264.00 RUB\".", valueName: "amount"), transform: MoneyArgument.parse) var amount: MoneyArgument?
        @Option(help: "Payment id (idempotency key); generated when absent.") var id: String?
        @Option(help: "An accepted FX quote id.") var quote: String?

        func run() async throws {
            let parts = payer.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw ValidationError("--payer: expected BANK/REFERENCE") }
            var text = payload
            if text == "-" { text = try Console.readStandardInputText() }
            let details = QRPaymentDetails(payload: text, payer: BankPayer(bank: parts[0], reference: parts[1]), amount: amount?.money)
            let result = try await options.withGateway { await $0.submit(.qr(details, id: id, quoteID: quote)) }
            try options.report(result)
        }
    }
}

/// `corridor refund ID [--amount] [--refund-id]`: gives (part of) a payment back; a cross-border one is returned
/// with a pacs.004. `--reverse` cancels it instead (same day, full amount, card reversal 0400).
struct RefundCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "refund", abstract: "Refund or reverse a payment.")

    @OptionGroup var options: GatewayOptions
    @Argument(help: "The payment id.") var paymentID: String
    @Option(help: ArgumentHelp("Amount to refund (default: all that is left).", valueName: "amount"), transform: MoneyArgument.parse) var amount: MoneyArgument?
    @Option(help: "Refund id (idempotency key).") var refundID: String?
    @Flag(help: "Reverse (cancel) the payment instead of refunding it.") var reverse = false

    func run() async throws {
        do {
            let result = try await options.withGateway { gateway in
                reverse ? try await gateway.reverse(paymentID: paymentID, reversalID: refundID)
                    : try await gateway.refund(paymentID: paymentID, amount: amount?.money, refundID: refundID)
            }
            try options.report(result)
        } catch let error as GatewayError {
            Console.error("corridor refund: \(error)")
            throw ExitCode.failure
        }
    }
}

/// `corridor trail ID [--json]`: everything that happened to a payment.
struct TrailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "trail", abstract: "Show a payment's trail.")

    @OptionGroup var options: GatewayOptions
    @Argument(help: "The payment, refund or reversal id.") var paymentID: String

    func run() async throws {
        guard let record = try await options.withGateway({ try await $0.record(paymentID) }) else {
            Console.error("corridor trail: no payment \(paymentID)")
            throw ExitCode.failure
        }
        if options.json {
            try GatewayOptions.printJSON(TrailReport(result: record.result, trail: record.trail))
            return
        }
        let trail = record.trail
        Console.line("payment \(trail.paymentID): \(record.result.status.rawValue) \(record.result.responseCode)/\(record.result.iso20022Status)")
        Console.line("  request:   \(trail.request)")
        if let payload = trail.qrPayload { Console.line("  qr:        \(payload)") }
        if let card = trail.card { Console.line("  card:      \(card)") }
        if let payer = trail.payerName { Console.line("  payer:     \(payer)") }
        if let merchant = trail.merchantName { Console.line("  merchant:  \(merchant)") }
        if let route = trail.route { Console.line("  route:     \(route)") }
        if let screening = trail.screening { Console.line("  screening: \(screening)") }
        if let quote = trail.quote { Console.line("  quote:     \(quote)") }
        for transfer in trail.ledgerTransfers { Console.line("  ledger:    \(transfer)") }
        for message in trail.iso20022Messages { Console.line("  iso20022:  \(message)") }
        for event in trail.events {
            Console.line("  \(ISO8601DateFormatter().string(from: Date(unixMilliseconds: event.atMs)))  \(event.step): \(event.detail)")
        }
        for message in trail.iso8583 {
            Console.line("  ISO 8583:")
            for line in message.split(separator: "\n") { Console.line("    \(line)") }
        }
    }

    /// The JSON form: result and trail.
    struct TrailReport: Encodable {
        let result: PaymentResult
        let trail: PaymentTrail
    }
}
