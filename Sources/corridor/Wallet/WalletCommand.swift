import ArgumentParser
import CorridorCBDC
import CorridorCore
import CorridorLedger
import Foundation

/// `corridor wallet …`: the digital ruble from scripts (issue 6 §5). Every command is its own process over the same
/// ledger (SQLite `corridor.sqlite` by default); the platform rebuilds its registry and limit counters from the ledger
/// each time. Exit status 0 done, 1 declined or refused, 64 bad options.
struct WalletCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wallet", abstract: "Digital-ruble wallets: open, convert, pay, balances, offline payments.",
        subcommands: [
            WalletOpen.self, WalletDeposit.self, WalletConvert.self, WalletQR.self, WalletPay.self, WalletBalance.self,
            WalletHistory.self, WalletOfflineReserve.self, WalletOfflinePay.self, WalletSync.self,
        ])
}

/// `corridor wallet open`: a bank opens a wallet for a holder (one per holder; opening through another bank adds it).
struct WalletOpen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "open", abstract: "Open a wallet through a bank.")
    @OptionGroup var options: WalletOptions
    @Option(help: "Holder id (1–64 of A–Z a–z 0–9 . _ -).") var holder: HolderArgument
    @Option(help: "Holder's name.") var name: String
    @Option(help: "person, soleTrader, company or government.") var type: CBDCWalletType = .person
    @Option(help: "The bank opening it.") var bank: String
    @Option(help: "For businesses: the MCC their QR codes show.") var mcc: Int?

    func run() async throws {
        let mcc = try self.mcc.map { code in
            guard let value = MerchantCategoryCode(code) else { throw ValidationError("--mcc: 0…9999") }
            return value
        }
        let wallet = try await options.withPlatform { platform, _ in
            try await platform.openWallet(holder: holder.holder, name: name, type: type, bank: bank, merchantCategoryCode: mcc)
        }
        if options.json {
            try GatewayOptions.printJSON(WalletSummary(wallet))
        } else {
            Console.line("wallet \(wallet.id) of \(wallet.holder) (\(wallet.type.rawValue)), banks \(wallet.banks.joined(separator: ", "))")
        }
    }
}

/// `corridor wallet deposit`: cash paid into the holder's account at a bank (what `convert` draws on).
struct WalletDeposit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "deposit", abstract: "Pay cash into a bank deposit.")
    @OptionGroup var options: WalletOptions
    @Option(help: "Holder id.") var holder: HolderArgument
    @Option(help: "The bank.") var bank: String
    @Option(help: ArgumentHelp("Amount, e.g. \"5000.00 RUB\".", valueName: "amount"), transform: MoneyArgument.parse) var amount: MoneyArgument
    @Option(help: "Names this deposit (the same reference deposits once).") var reference: String

    func run() async throws {
        let money = try WalletOptions.rubles(amount, option: "--amount")
        let balance = try await options.withPlatform { platform, _ in
            try await platform.fundDeposit(customer: holder.holder, bank: bank, amount: money, reference: reference)
            return try await platform.depositBalance(customer: holder.holder, bank: bank)
        }
        Console.line(options.json ? "{\"deposit\":\"\(balance.decimalText)\"}" : "deposit of \(holder.holder) at \(bank): \(balance)")
    }
}

/// `corridor wallet convert`: deposit → digital rubles, or back with `--to-deposit`.
struct WalletConvert: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "convert", abstract: "Convert between a deposit and the wallet.")
    @OptionGroup var options: WalletOptions
    @Option(help: "Holder id.") var holder: HolderArgument
    @Option(help: "The bank holding the deposit (one that serves the wallet).") var bank: String
    @Option(help: ArgumentHelp("Amount, e.g. \"1000.00 RUB\".", valueName: "amount"), transform: MoneyArgument.parse) var amount: MoneyArgument
    @Flag(help: "Redeem digital rubles into the deposit instead.") var toDeposit = false
    @Option(help: "Operation id (idempotency key); generated when absent.") var id: String?

    func run() async throws {
        let money = try WalletOptions.rubles(amount, option: "--amount")
        let id = self.id ?? "CNV-" + UUID().uuidString.prefix(18)
        let result = try await options.withPlatform { platform, _ in
            toDeposit ? await platform.convertToDeposit(id: id, wallet: holder.walletID, bank: bank, amount: money)
                : await platform.convertToDigital(id: id, wallet: holder.walletID, bank: bank, amount: money)
        }
        try options.report(result)
    }
}

/// `corridor wallet qr`: the dynamic QR a merchant wallet shows for one sale.
struct WalletQR: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "qr", abstract: "Make a merchant's dynamic payment QR payload.")
    @OptionGroup var options: WalletOptions
    @Option(help: "The merchant's holder id (a sole trader or company).") var merchant: HolderArgument
    @Option(help: ArgumentHelp("Sale amount, e.g. \"350.00 RUB\".", valueName: "amount"), transform: MoneyArgument.parse) var amount: MoneyArgument

    func run() async throws {
        let money = try WalletOptions.rubles(amount, option: "--amount")
        let payload = try await options.withPlatform { platform, _ in try await platform.merchantQR(wallet: merchant.walletID, amount: money) }
        Console.line(options.json ? "{\"payload\":\"\(payload)\"}" : payload)
    }
}

/// `corridor wallet pay`: a payment from a wallet — to another holder, or by a scanned merchant QR.
struct WalletPay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pay", abstract: "Pay from a wallet (P2P, B2B, G2P, or C2B by QR).")
    @OptionGroup var options: WalletOptions
    @Option(help: "The paying holder.") var from: HolderArgument
    @Option(help: "The holder paid (with --amount).") var to: HolderArgument?
    @Option(help: ArgumentHelp("Amount, e.g. \"100.00 RUB\".", valueName: "amount"), transform: MoneyArgument.parse) var amount: MoneyArgument?
    @Option(help: "p2p, b2b, g2p or c2b (with --to).") var kind: String = "p2p"
    @Option(help: "A merchant's dynamic QR payload (from `wallet qr`); - reads it from standard input.") var qr: String?
    @Option(help: "Payment id (idempotency key); generated when absent (for a QR: from its reference).") var id: String?

    func run() async throws {
        if var payload = qr {
            guard to == nil, amount == nil else { throw ValidationError("--qr carries the payee and the amount: no --to or --amount") }
            if payload == "-" { payload = try Console.readStandardInputText() }
            let text = payload.trimmingCharacters(in: .whitespacesAndNewlines)
            let result = try await options.withPlatform { platform, _ in await platform.pay(qr: text, from: from.walletID, paymentID: id) }
            try options.report(result)
            return
        }
        guard let to, let amount else { throw ValidationError("give --to and --amount, or --qr") }
        guard let kind = CBDCPaymentKind(rawValue: kind), [.p2p, .b2b, .g2p, .c2b].contains(kind) else {
            throw ValidationError("--kind: p2p, b2b, g2p or c2b")
        }
        let request = CBDCPaymentRequest(id: id ?? "PAY-" + UUID().uuidString.prefix(18), kind: kind, payer: from.walletID,
                                         payee: to.walletID, amount: try WalletOptions.rubles(amount, option: "--amount"))
        let result = try await options.withPlatform { platform, _ in await platform.pay(request) }
        try options.report(result)
    }
}

/// `corridor wallet balance`: the wallet, its offline reserves' total is in `history`; deposits at each serving bank.
struct WalletBalance: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "balance", abstract: "Show a wallet's and its deposits' balances.")
    @OptionGroup var options: WalletOptions
    @Option(help: "Holder id.") var holder: HolderArgument

    func run() async throws {
        let found: (WalletSummary, Money, [String: Money])? = try await options.withPlatform { platform, _ in
            guard let wallet = await platform.wallet(holder.walletID) else { return nil }
            var deposits: [String: Money] = [:]
            for bank in wallet.banks { deposits[bank] = try await platform.depositBalance(customer: wallet.holder, bank: bank) }
            return (WalletSummary(wallet), try await platform.balance(of: wallet.id), deposits)
        }
        guard let (summary, balance, deposits) = found else {
            Console.error("corridor wallet balance: no wallet for holder \(holder.holder)")
            throw ExitCode.failure
        }
        if options.json {
            try GatewayOptions.printJSON(WalletBalanceReport(
                wallet: summary, balance: balance.decimalText, deposits: deposits.mapValues(\.decimalText)))
        } else {
            Console.line("wallet \(summary.id) of \(summary.holder): \(balance)")
            for (bank, money) in deposits.sorted(by: { $0.key < $1.key }) { Console.line("  deposit at \(bank): \(money)") }
        }
    }
}

/// `corridor wallet history`: the wallet's postings on the ledger, newest last.
struct WalletHistory: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "List a wallet's ledger postings.")
    @OptionGroup var options: WalletOptions
    @Option(help: "Holder id.") var holder: HolderArgument
    @Option(help: "At most this many (the latest).") var limit = 50

    func run() async throws {
        let account = CBDCAccounts.wallet(holder.walletID)
        let keep = max(limit, 0)
        let entries: [WalletHistoryEntry] = try await options.withPlatform { _, ledger in
            var all: [WalletHistoryEntry] = []
            var cursor: UInt64?
            while true {
                let records = try await ledger.history(of: account, after: cursor, limit: ledger.batchSizeMax)
                all += records.map { WalletHistoryEntry($0, account: account) }
                if all.count > keep { all.removeFirst(all.count - keep) }
                guard records.count == ledger.batchSizeMax, let last = records.last else { break }
                cursor = last.sequence
            }
            return all
        }
        if options.json {
            try GatewayOptions.printJSON(entries)
        } else {
            for entry in entries {
                Console.line("#\(entry.sequence)  \(entry.signedAmount)  \(entry.rail)/\(entry.reference)  \(entry.paymentID)")
            }
        }
    }
}

/// A wallet as the CLI prints it.
struct WalletSummary: Encodable {
    let id: String
    let holder: String
    let name: String
    let type: String
    let banks: [String]

    init(_ wallet: CBDCWallet) {
        id = wallet.id
        holder = wallet.holder
        name = wallet.name
        type = wallet.type.rawValue
        banks = wallet.banks
    }
}

/// `wallet balance --json`.
struct WalletBalanceReport: Encodable {
    let wallet: WalletSummary
    let balance: String
    let deposits: [String: String]
}

/// One line of `wallet history`.
struct WalletHistoryEntry: Encodable {
    let sequence: UInt64
    let paymentID: String
    let rail: String
    let reference: String
    /// "+12.50 RUB" credited, "-12.50 RUB" debited (net over the record's legs touching the wallet).
    let signedAmount: String

    init(_ record: TransferRecord, account: AccountID) {
        sequence = record.sequence
        paymentID = record.transfer.userData.paymentID
        rail = record.transfer.userData.rail
        reference = record.transfer.userData.reference
        var net: Int64 = 0
        for leg in record.appliedLegs {
            if leg.credit == account { net += leg.amount.minorUnits }
            if leg.debit == account { net -= leg.amount.minorUnits }
        }
        let magnitude = Money(minorUnits: net.magnitude > UInt64(Int64.max) ? Int64.max : Int64(net.magnitude), currency: .rub)
        signedAmount = (net < 0 ? "-" : "+") + magnitude.decimalText + " RUB"
    }
}
