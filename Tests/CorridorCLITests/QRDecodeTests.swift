import CorridorTesting
import Foundation
import Testing

/// `corridor qr decode`: format detection, the `--json` shape scripts rely on, and exit status 1 for bad payloads.
@Suite("qr decode")
struct QRDecodeTests {
    static let published = SampleFiles.published

    @Test func publishedSamplesCoverEveryFormat() {
        #expect(Self.published.count >= 15)
        #expect(Set(Self.published.map(\.format)) == ["emv", "sbp", "gost"])
    }

    @Test(arguments: published)
    func publishedSampleDecodesToItsDocumentedFields(_ sample: PublishedMerchantQRSample) throws {
        let (result, json) = try CorridorBinary.json(
            ["qr", "decode", "--json", "--validation", sample.validation, sample.payload])
        #expect(result.status == 0, "\(result)")
        #expect(json["format"] as? String == sample.format)
        #expect(json["valid"] as? Bool == true)
        let objects = try #require(json["objects"] as? [String: String])
        for (path, value) in sample.expected.sorted(by: { $0.key < $1.key }) {
            #expect(objects[path] == value, "\(sample.name) \(path)")
        }
        let merchant = json["merchant"] as? [String: String] ?? [:]
        #expect(merchant["name"] == sample.merchantName)
        #expect(merchant["city"] == sample.merchantCity)
        #expect(merchant["country"] == sample.country)
        #expect(json["currency"] as? String == sample.currency)
        #expect(json["amount"] as? String == sample.amount)
        if let mcc = sample.mcc { #expect(json["mcc"] as? String == mcc) }
        if let code = sample.strictError {
            let (strict, error) = try CorridorBinary.json(["qr", "decode", "--json", sample.payload])
            #expect(strict.status == 1)
            #expect(error["valid"] as? Bool == false)
            #expect((error["error"] as? [String: Any])?["code"] as? String == code)
        }
    }

    @Test func emvObjectsKeepPayloadOrderAndTemplatesHoldTheirRawValue() throws {
        let sample = try #require(Self.published.first { $0.name == "emvco-spec-example" })
        let result = try CorridorBinary.run(["qr", "decode", "--json", sample.payload])
        // JSONSerialization loses key order, so read the text: 29 before 29.00 before 31, 63 last.
        let text = result.output
        let order = ["\"00\":", "\"01\":", "\"29\":", "\"29.00\":", "\"31\":", "\"52\":", "\"64\":", "\"64.01\":", "\"63\":"]
        let positions = try order.map { try #require(text.range(of: $0)?.lowerBound, "\($0) missing") }
        #expect(positions == positions.sorted())
        let objects = try #require(try CorridorBinary.json(["qr", "decode", "--json", sample.payload]).object["objects"]
            as? [String: String])
        #expect(objects["29"] == "0012D156000000000510A93FO3230Q")
        #expect(objects["64"] == "0002ZH0104最佳运输0202北京")
    }

    /// A malformed payload, the error code it must give, and where.
    struct Malformed: Sendable, CustomTestStringConvertible {
        let name: String
        let payload: String
        let code: String
        let tag: String?
        let field: String?
        let offset: Int
        var testDescription: String { name }
    }

    static let emv = "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN"
        + "5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708"
        + "A60086670902ME91320016A0112233449988770708123456786304A13A"

    /// Checksum errors point at the start of tag 63 (its ID), eight characters before the end.
    static let malformed: [Malformed] = [
        Malformed(name: "bad CRC", payload: String(emv.dropLast(4)) + "A13B", code: "bad_crc", tag: "63", field: nil,
                  offset: emv.unicodeScalars.count - 8),
        Malformed(name: "lowercase CRC", payload: String(emv.dropLast(4)) + "a13a", code: "lowercase_crc", tag: "63",
                  field: nil, offset: emv.unicodeScalars.count - 8),
        Malformed(name: "length past end", payload: "000201010211" + "5999ABC", code: "length_past_end", tag: "59",
                  field: nil, offset: 12),
        Malformed(name: "SBP without bank",
                  payload: "https://qr.nspk.ru/AS10003P3RH0LJ2A9ROO038L6NT5RU1M?type=01&sum=100",
                  code: "sbp_missing_field", tag: nil, field: "bank", offset: 67),
        Malformed(name: "GOST short account",
                  payload: "ST00012|Name=ООО Ромашка|PersonalAcc=4070281013825|BankName=Банк|BIC=044525225"
                    + "|CorrespAcc=30101810400000000225",
                  code: "gost_bad_account", tag: nil, field: "PersonalAcc", offset: 25),
    ]

    @Test(arguments: malformed)
    func invalidPayloadExits1WithCodeFieldAndOffset(_ bad: Malformed) throws {
        let (result, json) = try CorridorBinary.json(["qr", "decode", "--json", bad.payload])
        #expect(result.status == 1, "\(result)")
        #expect(json["valid"] as? Bool == false)
        let error = try #require(json["error"] as? [String: Any], "\(result)")
        #expect(error["code"] as? String == bad.code, "\(result)")
        #expect(error["tag"] as? String == bad.tag, "\(result)")
        #expect(error["field"] as? String == bad.field, "\(result)")
        #expect(error["offset"] as? Int == bad.offset, "\(result)")
        #expect((error["message"] as? String)?.isEmpty == false)
    }

    @Test func invalidPayloadWithoutJSONExits1WithTheReasonOnStandardError() throws {
        let result = try CorridorBinary.run(["qr", "decode", String(Self.emv.dropLast(4)) + "A13B"])
        #expect(result.status == 1)
        #expect(result.output.isEmpty)
        #expect(result.standardError.contains("bad_crc"))
        #expect(result.standardError.contains("63"))
    }

    @Test func unknownFormatIsInvalid() throws {
        let (result, json) = try CorridorBinary.json(["qr", "decode", "--json", "hello, world"])
        #expect(result.status == 1)
        #expect((json["error"] as? [String: Any])?["code"] as? String == "unknown_format")
    }

    @Test func humanTableShowsTheSummaryAndEveryObject() throws {
        let result = try CorridorBinary.run(["qr", "decode", Self.emv])
        #expect(result.status == 0)
        #expect(result.lines.first?.hasPrefix("format") == true)
        #expect(result.output.contains("BEST TRANSPORT"))
        #expect(result.lines.contains { $0.hasPrefix("64.01") && $0.hasSuffix("最佳运输") })
        #expect(result.lines.contains { $0.hasPrefix("amount") && $0.hasSuffix("23.72") })
    }

    @Test func dashReadsThePayloadFromStandardInput() throws {
        let (result, json) = try CorridorBinary.json(["qr", "decode", "--json", "-"], input: Array((Self.emv + "\n").utf8))
        #expect(result.status == 0, "\(result)")
        #expect(json["format"] as? String == "emv")
        #expect(json["amount"] as? String == "23.72")
    }

    @Test(.enabled(if: ExternalTool.shouldRun(.zbarimg), "zbarimg is not installed"))
    func imageDecodesLikeItsPayload() throws {
        let scratch = try Scratch()
        let image = scratch.path("code.png")
        #expect(try CorridorBinary.run(["qr", "render", Self.emv, "--out", image]).status == 0)
        let fromImage = try CorridorBinary.run(["qr", "decode", "--json", "--image", image])
        let fromText = try CorridorBinary.run(["qr", "decode", "--json", Self.emv])
        #expect(fromImage.status == 0, "\(fromImage)")
        #expect(fromImage.output == fromText.output)
    }

    @Test(.enabled(if: ExternalTool.shouldRun(.zbarimg), "zbarimg is not installed"))
    func imageWithoutQRCodeExits1() throws {
        let scratch = try Scratch()
        // A valid SVG rasterizes to nothing zbar can read; a PNG of text bytes is not an image at all.
        let notAnImage = try scratch.write("not a png", to: "blank.png")
        let (result, json) = try CorridorBinary.json(["qr", "decode", "--json", "--image", notAnImage])
        #expect(result.status == 1)
        #expect(json["valid"] as? Bool == false)
        let code = (json["error"] as? [String: Any])?["code"] as? String
        #expect(code == "image_unreadable" || code == "no_qr_code", "\(result)")
    }
}
