import CorridorTesting
import Foundation
import Testing

/// `corridor demo`: the README's first command works, finds the samples from anywhere, runs a tourist day through
/// the gateway, clears it, and every XML file it writes validates; it can be run again.
@Suite("demo", .enabled(if: ExternalTool.shouldRun(.zbarimg), "zbarimg is not installed"))
struct DemoTests {
    static let merchantIDs = [
        "beijing-restaurant", "moscow-souvenirs", "moscow-hotel", "shanghai-teahouse", "spb-cafe",
        "beijing-taxi-dynamic",
    ]

    @Test func demoMakesImagesPaysATouristDayAndClearsIt() throws {
        let scratch = try Scratch()
        let out = scratch.path("demo")
        // Run from an unrelated directory: the samples are found through the executable's package.
        let result = try CorridorBinary.run(["demo", "--out", out], directory: scratch.directory)
        #expect(result.status == 0, "\(result)")
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: out))
        for id in Self.merchantIDs {
            #expect(files.contains(id + ".png") && files.contains(id + ".svg"), "\(id)")
            #expect(result.lines.contains { $0.contains(id) && $0.hasSuffix("✓") }, "\(id) not decoded OK")
        }
        #expect(files.contains("corridor.sqlite"))
        // Approved payments on both corridors, the two planned declines with their codes, a refund.
        for id in ["DEMO-RU-CARD-1", "DEMO-RU-QR-1", "DEMO-CN-CARD-1", "DEMO-CN-SBP-1", "DEMO-RU-GOST-1"] {
            #expect(result.lines.contains { $0.contains(id) && $0.contains("✓ 00") }, "\(id)")
        }
        #expect(result.lines.contains { $0.contains("DEMO-DECLINE-FUNDS") && $0.contains("✗ 51/AM04") })
        #expect(result.lines.contains { $0.contains("DEMO-DECLINE-SCREEN") && $0.contains("✗ 05/RR04") })
        #expect(result.lines.contains { $0.contains("reconciliation: ✓ balanced") })
        #expect(result.lines.contains { $0.contains("verify: ✓ balanced") })
        // The digital ruble on the same ledger: a QR image read back, two offline payments synced, issuance = holdings.
        #expect(files.contains("digital-ruble-qr.png"))
        let qr = String(decoding: try ImageDecoder.payloadBytes(ofImageAt: out + "/digital-ruble-qr.png"), as: UTF8.self)
        #expect(qr.contains("ru.cbr.digitalruble"), "\(qr)")
        #expect(result.lines.contains { $0.contains("synced at arrival: 2 posted (570.00 RUB)") })
        #expect(result.lines.contains { $0.contains("issued") && $0.contains("offline reserves 930.00 RUB ✓") })
        #expect(result.lines.last?.hasPrefix("✓ demo complete") == true)

        // Every XML file validates with xmllint, checked here independently of the demo's own check.
        let xml = files.filter { $0.hasSuffix(".xml") }.sorted()
        #expect(xml.contains { $0.hasPrefix("pacs.008") } && xml.contains { $0.hasPrefix("pacs.009") })
        #expect(xml.contains { $0.hasPrefix("camt.053") } && xml.contains { $0.hasPrefix("camt.054") })
        #expect(xml.contains { $0.hasPrefix("pacs.004") } && xml.contains { $0.hasPrefix("pacs.002") })
        if XMLLint.shouldRun {
            for name in xml {
                let path = out + "/" + name
                let text = try String(contentsOfFile: path, encoding: .utf8)
                let definition = name.hasSuffix(".head.xml") ? "head.001.001.02"
                    : try #require(ISO20022Namespace.definition(in: text), "\(name)")
                let check = try XMLLint.validate(file: path, definition: definition)
                #expect(check.status == 0, "\(name): \(check.output)")
            }
        }

        // A second run replaces the ledger instead of failing on the existing transfers.
        let again = try CorridorBinary.run(["demo", "--out", out])
        #expect(again.status == 0, "\(again)")
    }

    @Test func demoImagesCarryTheProfilePayloads() throws {
        let scratch = try Scratch()
        let out = scratch.path("demo")
        #expect(try CorridorBinary.run(["demo", "--out", out]).status == 0)
        let taxi = try ImageDecoder.payloadBytes(ofImageAt: out + "/beijing-taxi-dynamic.png")
        let decoded = try CorridorBinary.json(["qr", "decode", "--json", String(decoding: taxi, as: UTF8.self)]).object
        #expect(decoded["amount"] as? String == "86.50")
        #expect((decoded["merchant"] as? [String: String])?["name"] == "BEIJING TAXI 8842")
    }

    @Test func missingMerchantsFileExits1() throws {
        let scratch = try Scratch()
        let result = try CorridorBinary.run(["demo", "--out", scratch.path("demo"), "--merchants", scratch.path("none.json")])
        #expect(result.status == 1)
    }
}

/// Reads the message definition from an ISO 20022 document's namespace.
enum ISO20022Namespace {
    static func definition(in xml: String) -> String? {
        guard let range = xml.range(of: "urn:iso:std:iso:20022:tech:xsd:") else { return nil }
        return String(xml[range.upperBound...].prefix { $0 != "\"" })
    }
}
