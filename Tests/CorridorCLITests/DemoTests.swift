import Foundation
import Testing

/// `corridor demo`: the README's first command works, finds the samples from anywhere, and can be run again.
@Suite("demo", .enabled(if: ExternalTool.shouldRun(.zbarimg), "zbarimg is not installed"))
struct DemoTests {
    static let merchantIDs = [
        "beijing-restaurant", "moscow-souvenirs", "moscow-hotel", "shanghai-teahouse", "spb-cafe",
        "beijing-taxi-dynamic",
    ]

    @Test func demoMakesEveryImageDecodesThemAndBalancesTheLedger() throws {
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
        #expect(result.lines.contains { $0.contains("pay beijing-taxi-dynamic") && $0.contains("86.50 CNY") })
        #expect(result.lines.contains { $0.contains("pay moscow-hotel") && $0.contains("12500.00 RUB") })
        #expect(result.lines.contains { $0.contains("verify: ✓ balanced") })
        #expect(result.lines.last?.hasPrefix("✓ demo complete") == true)

        // A second run replaces the ledger instead of failing on the existing transfers.
        let again = try CorridorBinary.run(["demo", "--out", out])
        #expect(again.status == 0, "\(again)")
        #expect(again.lines.filter { $0.contains("✓ committed") }.count == 4)
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
