import ArgumentParser
import CorridorCBDC
import CorridorCore
import CorridorLedger
import Foundation

/// A device file: an ``OfflineDevice/Snapshot`` as JSON, mode 0600 (it holds the private key).
enum DeviceFile {
    static func load(_ path: String) throws -> OfflineDevice {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ValidationError("--device: \(path) cannot be read")
        }
        do { return try OfflineDevice(snapshot: JSONDecoder().decode(OfflineDevice.Snapshot.self, from: data)) } catch {
            throw ValidationError("--device: \(path) is not a device file: \(error)")
        }
    }

    /// Writes atomically (a temporary file renamed over the old one), so a crash leaves the old or the new state.
    static func save(_ device: OfflineDevice, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let temporary = path + ".tmp"
        let created = FileManager.default.createFile(
            atPath: temporary, contents: try encoder.encode(device.snapshot), attributes: [.posixPermissions: 0o600])
        guard created else { throw ValidationError("--device: cannot write \(temporary)") }
        guard rename(temporary, path) == 0 else { throw ValidationError("--device: cannot replace \(path)") }
    }
}

/// `corridor wallet offline-reserve`: moves funds from the wallet into an offline reserve bound to a device key
/// (created in `--device` when the file is missing) and loads them onto the device.
struct WalletOfflineReserve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "offline-reserve", abstract: "Fund a device's offline reserve from the wallet.")
    @OptionGroup var options: WalletOptions
    @Option(help: "Holder id.") var holder: HolderArgument
    @Option(help: "Device file (JSON with the private key; created, mode 0600, when missing).") var device: String
    @Option(help: ArgumentHelp("Amount, e.g. \"2000.00 RUB\".", valueName: "amount"), transform: MoneyArgument.parse) var amount: MoneyArgument
    @Option(help: "Names this funding (the same key funds once).") var id: String?

    func run() async throws {
        let money = try WalletOptions.rubles(amount, option: "--amount")
        var handset = FileManager.default.fileExists(atPath: device)
            ? try DeviceFile.load(device) : OfflineDevice(wallet: holder.walletID)
        guard handset.wallet == holder.walletID else { throw ValidationError("--device: the device belongs to wallet \(handset.wallet)") }
        let key = id ?? "RSV-" + UUID().uuidString.prefix(18)
        let outcome: TransferOutcome = try await options.withPlatform { platform, ledger in
            guard await platform.wallet(holder.walletID) != nil else { throw ValidationError("--holder: no wallet for \(holder.holder)") }
            try await OfflineSync(backend: ledger).registerDurably(device: handset.publicKey, wallet: holder.walletID)
            return try await OfflineReserve(wallet: holder.walletID, device: handset.id, backend: ledger)
                .fund(money.minorUnits, idempotencyKey: String(key))
        }
        guard outcome.isCommitted else {
            Console.error("corridor wallet offline-reserve: refused: \(outcome)")
            throw ExitCode.failure
        }
        handset.load(money.minorUnits)
        try DeviceFile.save(handset, to: device)
        if options.json {
            Console.line("{\"device\":\"\(handset.id.hex)\",\"offline_balance\":\"\(Money(minorUnits: handset.offlineBalanceMinorUnits, currency: .rub).decimalText)\"}")
        } else {
            Console.line("device \(handset.id.hex): reserve funded with \(money); offline balance \(Money(minorUnits: handset.offlineBalanceMinorUnits, currency: .rub))")
        }
    }
}

/// `corridor wallet offline-pay`: the device signs a payment with no platform contact; the signed transfer is written
/// as one line of hex (to `--out`, appended, or standard output) for the payee to sync later.
struct WalletOfflinePay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "offline-pay", abstract: "Sign an offline payment on a device.")
    @Option(help: "Device file.") var device: String
    @Option(help: "The holder paid.") var to: HolderArgument
    @Option(help: ArgumentHelp("Amount, e.g. \"350.00 RUB\".", valueName: "amount"), transform: MoneyArgument.parse) var amount: MoneyArgument
    @Option(help: "Append the signed transfer to this file (default: print it).") var out: String?

    func run() async throws {
        let money = try WalletOptions.rubles(amount, option: "--amount")
        var handset = try DeviceFile.load(device)
        let transfer: OfflineTransfer
        switch handset.pay(money.minorUnits, to: to.walletID, timestampMs: SystemWallClock().now().unixMilliseconds) {
        case .success(let signed): transfer = signed
        case .failure(let refusal):
            Console.error("corridor wallet offline-pay: \(refusal)")
            throw ExitCode.failure
        }
        // The device's new counter is saved before the transfer leaves it: a crash in between loses a payment the
        // payee never got, never signs the same counter twice.
        try DeviceFile.save(handset, to: device)
        let line = Hexadecimal.uppercase(transfer.wireBytes)
        if let out {
            if !FileManager.default.fileExists(atPath: out), !FileManager.default.createFile(atPath: out, contents: nil) {
                throw ValidationError("--out: cannot create \(out)")
            }
            guard let handle = FileHandle(forWritingAtPath: out) else { throw ValidationError("--out: cannot open \(out)") }
            handle.seekToEndOfFile()
            handle.write(Data((line + "\n").utf8))
            handle.closeFile()
            Console.line("signed #\(transfer.counter): \(money) to \(to.walletID), hash \(transfer.hash.hex)")
        } else {
            Console.line(line)
        }
    }
}

/// `corridor wallet sync FILE…`: the platform verifies and posts offline transfers (hex lines), reporting duplicates,
/// rejections, double spends and gaps. Exit status 1 when any transfer was rejected or a conflict was found.
struct WalletSync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sync", abstract: "Sync offline transfers with the platform.")
    @OptionGroup var options: WalletOptions
    @Argument(help: "Files of signed transfers, one hex line each (- for standard input).") var files: [String]

    func run() async throws {
        var transfers: [OfflineTransfer] = []
        for file in files {
            let text = file == "-" ? try Console.readStandardInputText()
                : try String(contentsOfFile: file, encoding: .utf8)
            for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = raw.trimmingCharacters(in: .whitespaces)
                if line.isEmpty { continue }
                guard let bytes = HexText.bytes(line) else { throw ValidationError("\(file):\(number + 1): not hex") }
                do { transfers.append(try OfflineTransfer(decoding: bytes)) } catch {
                    throw ValidationError("\(file):\(number + 1): \(error)")
                }
            }
        }
        let report = try await options.withPlatform { _, ledger in
            let sync = OfflineSync(backend: ledger)
            try await sync.restore()
            return try await sync.sync(transfers)
        }
        if options.json {
            try GatewayOptions.printJSON(SyncSummary(
                posted: report.postedCount, postedMinorUnits: report.postedMinorUnits, duplicates: report.duplicateCount,
                rejected: report.rejectedCount, conflicts: report.conflicts.count, flagged: report.newlyFlaggedWallets.sorted(),
                rejections: report.results.compactMap { result in
                    guard case .rejected(let why) = result.outcome else { return nil }
                    return SyncSummary.Rejection(transfer: String(result.transferHash.hex.prefix(16)), code: why.code, reason: why.description)
                }))
        } else {
            Console.line("synced \(transfers.count): \(report.postedCount) posted (\(Money(minorUnits: report.postedMinorUnits, currency: .rub))), \(report.duplicateCount) duplicate, \(report.rejectedCount) rejected")
            for result in report.results { Console.line("  \(result.transferHash.hex.prefix(16))…  \(result.outcome)") }
            for conflict in report.conflicts { Console.line("  double spend: \(conflict)") }
            for gap in report.gaps { Console.line("  gap: device \(gap.device) counters \(gap.missing)") }
        }
        if report.rejectedCount > 0 || !report.conflicts.isEmpty { throw ExitCode.failure }
    }
}

/// `wallet sync --json`: one line.
struct SyncSummary: Encodable {
    let posted: Int
    let postedMinorUnits: Int64
    let duplicates: Int
    let rejected: Int
    let conflicts: Int
    let flagged: [String]
    /// Each transfer refused, and why.
    let rejections: [Rejection]

    /// One refused transfer: the first 16 hex digits of its hash, a stable code and a sentence.
    struct Rejection: Encodable {
        let transfer: String
        let code: String
        let reason: String
    }

    enum CodingKeys: String, CodingKey {
        case posted, duplicates, rejected, conflicts, flagged, rejections
        case postedMinorUnits = "posted_minor_units"
    }
}
