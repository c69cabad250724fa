import Foundation
import Testing

/// The state every stateful bad-input row starts from, made once per test run by the CLI itself: a SQLite ledger
/// with an approved card payment `P1`, digital-ruble wallets `ivan` (2,900 RUB after an offline reserve) and `cafe`,
/// an offline device whose signed transfers are kept as files (one synced, one not, and broken copies of it), and a
/// tampered dynamic QR.
final class BadInputWorld: Sendable {
    /// The directory holding `corridor.sqlite`, `corridor.key` and the transfer files.
    let directory: Scratch
    /// Values for the rows' placeholders: `{qr-tampered}` is `cafe`'s dynamic QR for 10.00 RUB with its CRC zeroed,
    /// `{sbp}` the static SBP link of the directory's `moscow-souvenirs`.
    let placeholders: [String: String]

    /// Made on first use; a failure is reported by every row that needs it.
    static let shared: Result<BadInputWorld, any Error> = Result { try BadInputWorld() }

    private init() throws {
        directory = try Scratch()
        let scratch = directory
        let common = ["--backend", "sqlite:" + scratch.path("corridor.sqlite"), "--token-key-file", scratch.path("corridor.key")]
        let wallet = ["--backend", "sqlite:" + scratch.path("corridor.sqlite")]
        func step(_ arguments: [String]) throws -> CorridorBinary.Result {
            let result = try CorridorBinary.run(arguments)
            guard result.status == 0 else { throw WorldError(step: arguments.joined(separator: " "), result: result) }
            return result
        }
        _ = try step(BadInputCatalogue.card + ["--amount", "100.00 CNY", "--id", "P1"] + common)
        _ = try step(["wallet", "open", "--holder", "ivan", "--name", "Иван Петров", "--bank", "sberbank"] + wallet)
        _ = try step(["wallet", "open", "--holder", "cafe", "--name", "Cafe", "--type", "company", "--bank", "vtbbank",
                      "--mcc", "5812"] + wallet)
        _ = try step(["wallet", "deposit", "--holder", "ivan", "--bank", "sberbank", "--amount", "10000.00 RUB",
                      "--reference", "salary"] + wallet)
        _ = try step(["wallet", "convert", "--holder", "ivan", "--bank", "sberbank", "--amount", "3000.00 RUB",
                      "--id", "CNV-1"] + wallet)
        let device = scratch.path("device.json")
        _ = try step(["wallet", "offline-reserve", "--holder", "ivan", "--device", device, "--amount", "100.00 RUB"] + wallet)
        let synced = try step(["wallet", "offline-pay", "--device", device, "--to", "cafe", "--amount", "10.00 RUB"])
        let pending = try step(["wallet", "offline-pay", "--device", device, "--to", "cafe", "--amount", "20.00 RUB"])
        try Data(synced.standardOutput).write(to: URL(fileURLWithPath: scratch.path("transfer-synced.txt")))
        _ = try step(["wallet", "sync", scratch.path("transfer-synced.txt")] + wallet)
        let line = pending.output.trimmingCharacters(in: .whitespacesAndNewlines)
        // Half a transfer, and one whose last signature digit is changed.
        _ = try scratch.write(String(line.prefix(line.count / 2)) + "\n", to: "transfer-truncated.txt")
        let last = line.last == "0" ? "1" : "0"
        _ = try scratch.write(String(line.dropLast()) + last + "\n", to: "transfer-forged.txt")
        let qr = try step(["wallet", "qr", "--merchant", "cafe", "--amount", "10.00 RUB"] + wallet)
        let payload = try #require(qr.lines.first)
        let sbp = try step(["qr", "make", "sbp", "--id", "AS10003P3RH0LJ2A9ROO038L6NT5RU1M", "--bank", "100000000001",
                            "--payload-only"])
        placeholders = ["{qr-tampered}": String(payload.dropLast(4)) + "0000", "{sbp}": try #require(sbp.lines.first)]
    }

    /// Copies the world's files into `scratch`.
    func copy(into scratch: Scratch) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.directory) {
            try FileManager.default.copyItem(atPath: directory.path(name), toPath: scratch.path(name))
        }
    }

    /// A step of the world that did not succeed.
    struct WorldError: Error, CustomStringConvertible {
        let step: String
        let result: CorridorBinary.Result
        var description: String { "making the bad-input world: corridor \(step)\n\(result)" }
    }
}
