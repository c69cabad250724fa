import CorridorCore
import CorridorLedger
import CorridorLedgerSQLite
import Foundation

/// The ledger half of `corridor demo`: a tourist pays the dynamic-amount merchants on the embedded SQLite default.
///
/// Accounts, per currency in play: the issuing bank's settlement account, and the tourist's card account funded
/// from it (flagged so it cannot go overdrawn); one merchant account per sample merchant in its currency. Each
/// payment is a single-phase transfer from the card account to the merchant with the merchant's id as payment id.
/// Ids are fixed numbers, so every run writes the same ledger.
struct DemoLedger {
    /// A merchant's account to open.
    struct Merchant {
        let id: String
        let currency: Currency
    }

    /// A payment to post: the amount decoded from the merchant's QR code.
    struct Payment {
        let merchantID: String
        let rail: String
        let amount: Money
    }

    /// What the tourist starts with beyond the payments, in major units of each currency.
    static let fundingHeadroomMajorUnits: Int64 = 1_000

    let path: String
    let merchants: [Merchant]
    let payments: [Payment]

    /// Deletes any old ledger at ``path``, writes the demo's, and prints it.
    /// - Returns: the problems found (a rejected transfer, an unbalanced ledger); empty when all is well.
    /// - Throws: ``LedgerError`` when the SQLite file cannot be opened or written.
    func run() async throws -> [String] {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
        let backend = try SQLiteSettlementBackend(path: path)
        var problems: [String] = []
        let currencies = Set(merchants.map(\.currency) + payments.map(\.amount.currency)).sorted()

        var accounts: [Account] = []
        var labels: [AccountID: String] = [:]
        for currency in currencies {
            accounts.append(Account(
                id: Self.settlementID(currency), currency: currency, owner: "ISSUER-BANK", kind: .settlement))
            labels[Self.settlementID(currency)] = "issuer settlement \(currency)"
            accounts.append(Account(
                id: Self.cardID(currency), currency: currency, owner: "tourist-1", kind: .cardAccount,
                flags: .debitsMustNotExceedCredits))
            labels[Self.cardID(currency)] = "tourist card \(currency)"
        }
        for (index, merchant) in merchants.enumerated() {
            let id = Self.merchantID(index)
            accounts.append(Account(id: id, currency: merchant.currency, owner: merchant.id, kind: .merchant))
            labels[id] = "merchant \(merchant.id)"
        }
        for (account, outcome) in zip(accounts, try await backend.createAccounts(accounts)) {
            if case .rejected(let rejection) = outcome {
                problems.append("account \(labels[account.id] ?? "?") rejected: \(rejection)")
            }
        }

        var transfers: [Transfer] = []
        var descriptions: [(what: String, amount: Money)] = []
        for currency in currencies {
            var total = Money(minorUnits: Self.fundingHeadroomMajorUnits * currency.minorUnitsPerMajor, currency: currency)
            for payment in payments where payment.amount.currency == currency {
                total = try total.adding(payment.amount)
            }
            transfers.append(.single(
                id: Self.fundingTransferID(currency), debit: Self.settlementID(currency), credit: Self.cardID(currency),
                amount: total, userData: TransferUserData(paymentID: "demo-funding-\(currency)", rail: "card")))
            descriptions.append(("fund tourist card", total))
        }
        let merchantIndex = Dictionary(uniqueKeysWithValues: merchants.enumerated().map { ($1.id, $0) })
        for (number, payment) in payments.enumerated() {
            guard let index = merchantIndex[payment.merchantID] else {
                problems.append("payment to unknown merchant \(payment.merchantID)")
                continue
            }
            transfers.append(.single(
                id: Self.paymentTransferID(number), debit: Self.cardID(payment.amount.currency),
                credit: Self.merchantID(index), amount: payment.amount,
                userData: TransferUserData(paymentID: "demo-\(payment.merchantID)", rail: payment.rail)))
            descriptions.append(("pay \(payment.merchantID)", payment.amount))
        }
        var rows = [["transfer", "amount", "outcome"]]
        for (description, outcome) in zip(descriptions, try await backend.post(transfers)) {
            switch outcome {
            case .committed:
                rows.append([description.what, description.amount.description, "✓ committed"])
            case .rejected(let rejection):
                rows.append([description.what, description.amount.description, "✗ \(rejection.code)"])
                problems.append("\(description.what) rejected: \(rejection)")
            }
        }
        Console.line("Ledger (SQLite, \(path)):")
        for line in Console.table(rows) { Console.line("  " + line) }
        Console.line()

        var balanceRows = [["account", "kind", "currency", "debits", "credits", "net"]]
        let byID = Dictionary(uniqueKeysWithValues: accounts.map { ($0.id, $0) })
        for balance in try await backend.balances(of: accounts.map(\.id)) {
            func decimal(_ minorUnits: Int64) -> String {
                Money(minorUnits: minorUnits, currency: balance.currency).decimalText
            }
            balanceRows.append([
                labels[balance.id] ?? balance.id.description, byID[balance.id]?.kind.rawValue ?? "",
                balance.currency.alphaCode, decimal(balance.debitsPosted), decimal(balance.creditsPosted),
                balance.netCredit.decimalText,
            ])
        }
        for line in Console.table(balanceRows) { Console.line("  " + line) }
        Console.line()

        let verification = try await backend.verify()
        if verification.isBalanced {
            let totals = verification.totals.map { "\($0.currency) \(Money(minorUnits: $0.debitsPosted, currency: $0.currency).decimalText)" }
            Console.line(
                "  verify: ✓ balanced (\(verification.accountCount) accounts, \(verification.transferCount) transfers; "
                    + "debits = credits: \(totals.joined(separator: ", ")))")
        } else {
            Console.line("  verify: ✗ \(verification.problems.count) problem(s)")
            for problem in verification.problems {
                Console.line("    \(problem)")
                problems.append("verify: \(problem)")
            }
        }
        return problems
    }

    static func settlementID(_ currency: Currency) -> AccountID { AccountID(0x1_0000 + UInt128(currency.numericCode)) }
    static func cardID(_ currency: Currency) -> AccountID { AccountID(0x2_0000 + UInt128(currency.numericCode)) }
    static func merchantID(_ index: Int) -> AccountID { AccountID(0x3_0000 + UInt128(index)) }
    static func fundingTransferID(_ currency: Currency) -> TransferID {
        TransferID(0x4_0000 + UInt128(currency.numericCode))
    }
    static func paymentTransferID(_ number: Int) -> TransferID { TransferID(0x5_0000 + UInt128(number)) }
}
