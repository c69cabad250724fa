import CorridorTesting
import Foundation

/// The world `corridor-bench http` serves: a copy of `Samples/gateway` with one more mirbank bank-app customer,
/// ``payerReference``, whose balance and daily screening limit no benchmark run can spend, so every measured
/// payment is approved (a benchmark of declines would measure another path).
enum HTTPBenchWorld {
    /// The payer's bank (a participant key of this bank sends the payments).
    static let payerBank = "mirbank"
    /// The bench customer at ``payerBank``.
    static let payerReference = "bench.payer"
    /// The merchant the payments go to and whose static code `qr_png_rps` fetches: Russian payers pay it by EMV QR,
    /// so every payment is quoted RUB → CNY and messaged (pacs.008), the corridor the product is about.
    static let merchant = "beijing-restaurant"
    /// The amount encoded in the payments' dynamic code, in the merchant's currency (CNY).
    static let amount = "1.00"

    /// The sample line the payer is inserted after.
    private static let customersLine = "customers:"
    /// The start of the per-payer daily limits line, which is replaced by limits no run reaches.
    private static let dailyLimitPrefix = "  payer_daily: ["

    /// Writes the world into `directory/world` and returns that folder.
    /// - Throws: ``HTTPSuite/Failure`` when the sample no longer has the lines this edits.
    static func write(into directory: URL) throws -> URL {
        let source = URL(fileURLWithPath: SampleFiles.path("gateway"))
        let folder = directory.appendingPathComponent("world")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            try FileManager.default.copyItem(
                at: source.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let participantsFile = folder.appendingPathComponent("participants.yaml")
        let text = try String(contentsOf: participantsFile, encoding: .utf8)
        var lines: [String] = []
        var edits = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(dailyLimitPrefix) {
                lines.append(dailyLimitPrefix + "\"1000000000.00 RUB\", \"1000000000.00 CNY\", \"1000000000.00 EUR\"]")
                edits += 1
                continue
            }
            lines.append(String(line))
            if line == customersLine {
                lines.append("  - { bank: \(payerBank), reference: \(payerReference), name: Bench Payer, country: RU, "
                    + "currency: RUB, balance: \"1000000000.00\" }")
                edits += 1
            }
        }
        guard edits == 2 else {
            throw HTTPSuite.Failure(
                "Samples/gateway/participants.yaml no longer has one \"customers:\" line and one payer_daily line")
        }
        try lines.joined(separator: "\n").write(to: participantsFile, atomically: true, encoding: .utf8)
        return folder
    }
}
