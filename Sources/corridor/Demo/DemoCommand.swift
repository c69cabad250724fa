import ArgumentParser
import CorridorCore
import CorridorGateway
import CorridorMerchantQR
import CorridorQRImage
import Foundation

/// `corridor demo [--out DIR]`: the README's first command.
///
/// Makes every sample merchant's QR code (Samples/merchants.json) as PNG and SVG, prints one in the terminal,
/// decodes every PNG back with zbarimg and checks it carries exactly the payload, then runs a small tourist day
/// through the gateway on a fresh SQLite ledger in DIR/corridor.sqlite (cards and QR codes across RU↔CN), clears it
/// and writes and validates the ISO 20022 files in DIR. Exit status 1 when any check fails.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Make the sample QR codes, pay them in a tourist day through the gateway, clear it and write the XML."
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
        for item in made {
            var status = "✓"
            do {
                let bytes = try ZbarImage.decode(imageAt: item.pngPath)
                if bytes == item.payload.bytes {
                    _ = try MerchantQRDecoder.decode(bytes: bytes)
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

        // 4. A tourist day through the gateway, paying the scanned codes, then clearing it.
        var payloads: [String: String] = [:]
        for item in made { payloads[item.profile.id] = item.payload.text }
        guard let worldFile = SampleLocator.file("Samples/gateway/participants.yaml"),
            let cardsFile = SampleLocator.file("Samples/issuer/cards.yaml")
        else {
            Console.error("error: cannot find Samples/gateway and Samples/issuer/cards.yaml")
            throw ExitCode.failure
        }
        let day = DemoTouristDay(
            out: out, payloads: payloads,
            world: GatewayWorld(folder: URL(fileURLWithPath: worldFile).deletingLastPathComponent(),
                                cardsFile: URL(fileURLWithPath: cardsFile)))
        do {
            problems += try await day.run()
        } catch {
            problems.append("tourist day: \(error)")
        }
        Console.line()

        // 5. The digital ruble on the same ledger: convert, pay by QR, pay offline, sync.
        if let platformFile = SampleLocator.file("Samples/cbdc/platform.yaml") {
            do {
                problems += try await DemoDigitalRuble(out: out, platformFile: URL(fileURLWithPath: platformFile)).run()
            } catch {
                problems.append("digital ruble: \(error)")
            }
        } else {
            problems.append("digital ruble: cannot find Samples/cbdc/platform.yaml")
        }
        Console.line()
        if problems.isEmpty {
            Console.line("✓ demo complete: \(made.count) merchants, \(made.count * 2) images, "
                + "\(DemoTouristDay.steps.count) payments, cleared, digital rubles paid online and offline; files in \(out)/")
        } else {
            for problem in problems { Console.error("✗ \(problem)") }
            Console.line("✗ demo finished with \(problems.count) failed check(s)")
            throw ExitCode.failure
        }
    }
}
