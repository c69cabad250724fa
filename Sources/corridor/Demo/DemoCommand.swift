import ArgumentParser
import CorridorCore
import CorridorMerchantQR
import CorridorQRImage
import Foundation

/// `corridor demo [--out DIR]`: the README's first command.
///
/// Makes every sample merchant's QR code (Samples/merchants.json) as PNG and SVG, prints one in the terminal,
/// decodes every PNG back with zbarimg and checks it carries exactly the payload, then pays the dynamic-amount
/// merchants on a fresh SQLite ledger in DIR/corridor.sqlite and verifies it. Exit status 1 when any check fails.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Make the sample merchants' QR codes, decode them back, and pay them on a SQLite ledger."
    )

    @Option(help: ArgumentHelp("Directory for the images and corridor.sqlite (created).", valueName: "dir"))
    var out: String = "corridor-demo"

    @Option(help: ArgumentHelp(
        "Merchant profiles (default: Samples/merchants.json here or in the executable's package).", valueName: "file"))
    var merchants: String?

    /// One sample merchant's QR code and what became of it.
    struct Made {
        let profile: MerchantProfile
        let payload: MerchantQRPayload
        let pngPath: String
        let svgPath: String
    }

    func run() async throws {
        guard let merchantsPath = merchants ?? SampleLocator.merchantsFile() else {
            Console.error("error: cannot find \(SampleLocator.relativePath); run from the repository root or pass --merchants")
            throw ExitCode.failure
        }
        let profiles: [MerchantProfile]
        do {
            profiles = try MerchantProfileCatalog.load(contentsOf: URL(fileURLWithPath: merchantsPath))
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            Console.error("error: \(error)")
            throw ExitCode.failure
        }
        var problems: [String] = []
        Console.line("Corridor demo: \(profiles.count) sample merchants from \(merchantsPath) → \(out)/")
        Console.line()

        // 1. Payloads and images.
        var made: [Made] = []
        for profile in profiles {
            do {
                let payload = MerchantQRPayload(
                    format: profile.format, text: try profile.payload(), bytes: try profile.payloadBytes())
                let matrix = try payload.matrix(errorCorrection: .medium)
                let base = out + "/" + profile.id
                try matrix.writePNG(toFile: base + ".png")
                try matrix.writeSVG(toFile: base + ".svg")
                made.append(Made(profile: profile, payload: payload, pngPath: base + ".png", svgPath: base + ".svg"))
            } catch {
                problems.append("\(profile.id): \(error)")
                Console.error("✗ \(profile.id): \(error)")
            }
        }

        // 2. One code in the terminal.
        if let first = made.first, let matrix = try? first.payload.matrix(errorCorrection: .medium),
            let text = try? matrix.terminalText()
        {
            Console.line("\(first.profile.id) (\(first.profile.format.rawValue)), scannable from this terminal:")
            Console.write(text)
            Console.line(first.payload.text)
            Console.line()
        }

        // 3. Decode every PNG back with zbarimg.
        var rows = [["merchant", "format", "payload", "files", "decoded"]]
        var payments: [DemoLedger.Payment] = []
        for item in made {
            var status = "✓"
            do {
                let bytes = try ZbarImage.decode(imageAt: item.pngPath)
                if bytes == item.payload.bytes {
                    let decoded = try MerchantQRDecoder.decode(bytes: bytes)
                    if let amount = decoded.amount {
                        payments.append(DemoLedger.Payment(
                            merchantID: item.profile.id, rail: Self.rail(item.profile.format), amount: amount))
                    }
                } else {
                    status = "✗ differs"
                    problems.append("\(item.profile.id): zbarimg read \(bytes.count) bytes that differ from the payload")
                }
            } catch {
                status = "✗"
                problems.append("\(item.profile.id): \(error)")
            }
            rows.append([
                item.profile.id, item.profile.format.rawValue, "\(item.payload.text.unicodeScalars.count) chars",
                "\(item.profile.id).png .svg", status,
            ])
        }
        Console.line("QR codes, decoded back from PNG with zbarimg:")
        for line in Console.table(rows) { Console.line("  " + line) }
        Console.line()

        // 4. The ledger.
        let ledger = DemoLedger(
            path: out + "/corridor.sqlite",
            merchants: made.map { DemoLedger.Merchant(id: $0.profile.id, currency: Self.currency(of: $0.profile)) },
            payments: payments)
        do {
            problems += try await ledger.run()
        } catch {
            problems.append("ledger: \(error)")
        }

        Console.line()
        if problems.isEmpty {
            Console.line("✓ demo complete: \(made.count) merchants, \(made.count * 2) images, \(payments.count) payments")
        } else {
            for problem in problems { Console.error("✗ \(problem)") }
            Console.line("✗ demo finished with \(problems.count) failed check(s)")
            throw ExitCode.failure
        }
    }

    /// The ledger rail of a payment made by scanning this format.
    static func rail(_ format: MerchantQRFormat) -> String {
        switch format {
        case .emv: "emv-qr"
        case .sbp: "sbp"
        case .gost: "gost-qr"
        }
    }

    /// The merchant's account currency: its profile's, RUB for SBP and GOST.
    static func currency(of profile: MerchantProfile) -> Currency {
        guard profile.format == .emv, let code = profile.currency, let currency = Currency(alphaCode: code) else {
            return .rub
        }
        return currency
    }
}
