import ArgumentParser
import CorridorCore
import CorridorGateway
import CorridorGatewaySQLite
import CorridorISO20022
import CorridorLedger
import CorridorLedgerSQLite
import Foundation
import Logging

/// The demo's tourist day (issue 5 §3): Russian tourists pay Beijing merchants by Mir card and QR, Chinese tourists
/// pay Moscow merchants by UnionPay and SBP QR, two payments are declined (insufficient funds, screening), one is
/// partly refunded; then the day is cleared and every ISO 20022 file is written and validated with xmllint.
/// The ledger and the payment records live in `<out>/corridor.sqlite`.
struct DemoTouristDay {
    /// A payment the day makes: a card at a merchant, or a bank-app customer scanning a merchant's code.
    enum Step {
        case card(id: String, pan: String, expiry: String, merchant: String, amount: String, dcc: Bool, present: Bool, who: String)
        case qr(id: String, merchant: String, payer: String, amount: String?, who: String)
    }

    let out: String
    /// QR payload text by merchant id, as decoded from the demo's own PNG files.
    let payloads: [String: String]
    let world: GatewayWorld

    static let steps: [Step] = [
        .card(id: "DEMO-RU-CARD-1", pan: "2200700000001239", expiry: "2912", merchant: "beijing-restaurant",
              amount: "268.00 CNY", dcc: false, present: true, who: "Russian tourist, Mir card"),
        .card(id: "DEMO-RU-DCC-1", pan: "2200700000001239", expiry: "2912", merchant: "beijing-taxi-dynamic",
              amount: "86.50 CNY", dcc: true, present: false, who: "Russian tourist, Mir card, pays in RUB (DCC)"),
        .qr(id: "DEMO-RU-QR-1", merchant: "shanghai-teahouse", payer: "mirbank/anna.smirnova", amount: "120.00 CNY",
            who: "Russian tourist, bank app, EMV QR"),
        .qr(id: "DEMO-RU-QR-2", merchant: "beijing-taxi-dynamic", payer: "mirbank/pavel.orlov", amount: nil,
            who: "Russian tourist, bank app, dynamic EMV QR"),
        .card(id: "DEMO-CN-CARD-1", pan: "6212340000007899", expiry: "3001", merchant: "moscow-souvenirs",
              amount: "3450.00 RUB", dcc: false, present: true, who: "Chinese tourist, UnionPay card"),
        .qr(id: "DEMO-CN-SBP-1", merchant: "moscow-souvenirs", payer: "huaxiabank/li.wei", amount: "1580.00 RUB",
            who: "Chinese tourist, bank app, SBP link"),
        .qr(id: "DEMO-CN-QR-1", merchant: "spb-cafe", payer: "huaxiabank/li.wei", amount: "920.00 RUB",
            who: "Chinese tourist, bank app, EMV QR"),
        .qr(id: "DEMO-RU-GOST-1", merchant: "moscow-hotel", payer: "mirbank/anna.smirnova", amount: nil,
            who: "Russian guest, bank app, GOST transfer"),
        .qr(id: "DEMO-DECLINE-FUNDS", merchant: "moscow-hotel", payer: "huaxiabank/zhang.min", amount: nil,
            who: "Chinese tourist with too little money"),
        .qr(id: "DEMO-DECLINE-SCREEN", merchant: "beijing-taxi-dynamic", payer: "mirbank/ivan.sanctionov", amount: nil,
            who: "a payer on the watch list"),
    ]

    /// Runs the day; returns the problems found (empty when every check holds).
    func run() async throws -> [String] {
        let path = out + "/corridor.sqlite"
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        var problems: [String] = []
        let backend = try SQLiteSettlementBackend(path: path)
        let store = try SQLitePaymentStore(path: path)
        var logger = Logger(label: "corridor.demo")
        logger.logLevel = .critical
        let gateway = try await world.makeGateway(
            backend: backend, store: store, tokenizer: CardTokenizer(key: Data(SHA256Key.demo)), logger: logger)

        var rows = [["payment", "who", "merchant", "price", "payer paid", "answer", "route"]]
        for step in Self.steps {
            let request: PaymentRequest
            let id: String, who: String, merchant: String
            switch step {
            case .card(let stepID, let pan, let expiry, let merchantID, let amount, let dcc, let present, let description):
                (id, who, merchant) = (stepID, description, merchantID)
                request = .card(CardPaymentDetails(
                    pan: try PrimaryAccountNumber(pan), expiry: expiry, present: present, merchant: merchantID,
                    amount: try Self.money(amount), dcc: dcc), id: stepID)
            case .qr(let stepID, let merchantID, let payer, let amount, let description):
                (id, who, merchant) = (stepID, description, merchantID)
                guard let payload = payloads[merchantID] else {
                    problems.append("\(stepID): no QR code for \(merchantID)")
                    continue
                }
                let parts = payer.split(separator: "/").map(String.init)
                request = .qr(QRPaymentDetails(payload: payload, payer: BankPayer(bank: parts[0], reference: parts[1]),
                                               amount: try amount.map(Self.money)), id: stepID)
            }
            let result = await gateway.submit(request)
            let expectedDecline = id.hasPrefix("DEMO-DECLINE")
            if result.isApproved == expectedDecline {
                problems.append("\(id): \(result.status.rawValue) \(result.responseCode) \(result.declineReason?.text ?? "")")
            }
            rows.append([
                id, who, merchant, result.merchantAmount.description, result.payerAmount?.description ?? "-",
                result.isApproved ? "✓ \(result.responseCode) \(result.approvalCode ?? "")"
                    : "✗ \(result.responseCode)/\(result.declineReason?.iso20022Code ?? "") \(result.declineReason?.text ?? "")",
                result.route.map { String($0.split(separator: ":").last ?? "").trimmingCharacters(in: .whitespaces) } ?? "-",
            ])
        }
        Console.line("A tourist day through the gateway (ledger and records in \(path)):")
        for line in Console.table(rows) { Console.line("  " + line) }
        let refund = try await gateway.refund(paymentID: "DEMO-RU-CARD-1", amount: try Self.money("68.00 CNY"), refundID: "DEMO-RU-CARD-1-R1")
        Console.line("  refund \(refund.paymentID): \(refund.merchantAmount) back to the Mir card as \(refund.payerAmount?.description ?? "-") (pacs.004)")
        Console.line()

        let day = gateway.businessDate(at: Date())
        let (run, files) = try await ClearCommand.clear(gateway, day: day, out: URL(fileURLWithPath: out))
        Console.line("Clearing \(day.text): \(run.netting.positions.count) net positions, \(run.settlementMessages.count) pacs.009, "
            + "\(run.statements.count) camt.053, \(run.notifications.count) camt.054")
        for line in run.reconciliationMarkdown.split(separator: "\n").prefix(while: { !$0.hasPrefix("## Files") })
        where !line.hasPrefix("Figures:") {
            Console.line("  " + line)
        }
        Console.line("  reconciliation: \(run.reconciliation.isBalanced ? "✓ balanced" : "✗ differences")")
        if !run.reconciliation.isBalanced { problems.append("reconciliation found differences") }

        let xmlFiles = files.filter { $0.pathExtension == "xml" }
        if ISO20022SchemaValidator.xmllintPath != nil {
            var invalid = 0
            for file in xmlFiles {
                let result = try ISO20022SchemaValidator.validate(file: file.path)
                if !result.isValid {
                    invalid += 1
                    problems.append("\(file.lastPathComponent) is not valid: \(result.output)")
                }
            }
            Console.line("  ISO 20022 files: \(xmlFiles.count) written, \(xmlFiles.count - invalid) valid against the official XSDs (xmllint)")
        } else {
            Console.line("  ISO 20022 files: \(xmlFiles.count) written (xmllint not installed: not validated)")
        }

        let verification = try await backend.verify()
        if verification.isBalanced {
            Console.line("  verify: ✓ balanced (\(verification.accountCount) accounts, \(verification.transferCount) transfers)")
        } else {
            Console.line("  verify: ✗ \(verification.problems.count) problem(s)")
            problems += verification.problems.map { "verify: \($0)" }
        }
        return problems
    }

    static func money(_ text: String) throws -> Money {
        try MoneyArgument.parse(text).money
    }
}

/// The demo's fixed card-token key: the demo ledger is throwaway, so its tokens need not be secret.
enum SHA256Key {
    static let demo = [UInt8](repeating: 0x5A, count: 32)
}
