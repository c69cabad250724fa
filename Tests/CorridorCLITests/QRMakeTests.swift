import Foundation
import Testing

/// `corridor qr make emv|sbp|gost`: the printed payload is what the written image carries, byte for byte.
@Suite(
    "qr make", .enabled(if: ExternalTool.shouldRun(.zbarimg, .rsvgConvert), "zbarimg or rsvg-convert is not installed"))
struct QRMakeTests {
    static let emvOptions = [
        "--name", "JIN DING DUMPLING HOUSE", "--city", "BEIJING", "--country", "CN", "--mcc", "5812",
        "--currency", "CNY", "--amount", "86.50", "--network", "unionpay", "--account", "6229100000000008842",
        "--alt-language", "zh", "--alt-name", "金鼎饺子馆", "--alt-city", "北京", "--store", "WANGFUJING",
        "--terminal", "T01", "--tip", "prompt",
    ]

    static let gostOptions = [
        "--name", "ООО «Гостиница Арбат»", "--personal-acc", "40702810938000012345", "--bank-name", "ПАО СБЕРБАНК",
        "--bic", "044525225", "--corresp-acc", "30101810400000000225", "--sum", "12500.00",
        "--purpose", "Оплата проживания", "--inn", "7704123456", "--kpp", "770401001",
    ]

    @Test(arguments: ["png", "svg"])
    func emvImageDecodesToExactlyThePrintedPayload(_ format: String) throws {
        let scratch = try Scratch()
        let image = scratch.path("emv.\(format)")
        let result = try CorridorBinary.run(["qr", "make", "emv"] + Self.emvOptions + ["--out", image, "--payload-only"])
        #expect(result.status == 0, "\(result)")
        try #require(result.lines.count == 1, "--payload-only prints one line:\n\(result)")
        let payload = result.lines[0]
        #expect(payload.hasPrefix("000201010212"))
        #expect(payload.contains("64"))
        #expect(try ImageDecoder.payloadBytes(ofImageAt: image) == Array(payload.utf8))
    }

    @Test(arguments: ["L", "M", "Q", "H"])
    func everyErrorCorrectionLevelAndScaleDecodes(_ level: String) throws {
        let scratch = try Scratch()
        let image = scratch.path("emv.png")
        let result = try CorridorBinary.run(
            ["qr", "make", "emv"] + Self.emvOptions
                + ["--out", image, "--payload-only", "--ec", level, "--scale", "5", "--dark", "#102030"])
        #expect(result.status == 0, "\(result)")
        #expect(try ImageDecoder.payloadBytes(ofImageAt: image) == Array(try #require(result.lines.first).utf8))
    }

    @Test func withoutPayloadOnlyTheSecondLineSaysWhatWasWritten() throws {
        let scratch = try Scratch()
        let image = scratch.path("code.svg")
        let result = try CorridorBinary.run(["qr", "make", "emv"] + Self.emvOptions + ["--out", image])
        #expect(result.status == 0)
        #expect(result.lines.count == 2)
        #expect(result.lines.last?.hasPrefix("wrote \(image) (svg, QR version") == true, "\(result)")
    }

    @Test func emvTemplateIdPutsGuidAndAccountInTheTemplate() throws {
        let result = try CorridorBinary.run([
            "qr", "make", "emv", "--name", "CANTON PHARMACY", "--city", "GUANGZHOU", "--country", "CN",
            "--mcc", "5912", "--currency", "156", "--template-id", "31", "--guid", "D15600000001",
            "--account", "12345678", "--dynamic", "--payload-only",
        ])
        #expect(result.status == 0, "\(result)")
        let decoded = try CorridorBinary.json(["qr", "decode", "--json", try #require(result.lines.first)]).object
        let objects = try #require(decoded["objects"] as? [String: String])
        #expect(objects["01"] == "12")
        #expect(objects["31.00"] == "D15600000001")
        #expect(objects["31.01"] == "12345678")
        #expect(decoded["currency"] as? String == "CNY")
    }

    @Test func sbpSumIsDecimalRublesCarriedAsKopecks() throws {
        let scratch = try Scratch()
        let image = scratch.path("sbp.png")
        let result = try CorridorBinary.run([
            "qr", "make", "sbp", "--bank", "100000000004", "--sum", "1559.50", "--seed", "42", "--out", image,
            "--payload-only",
        ])
        #expect(result.status == 0, "\(result)")
        let payload = try #require(result.lines.first)
        #expect(payload.hasPrefix("https://qr.nspk.ru/AD"))
        #expect(payload.contains("?type=02&bank=100000000004&sum=155950&cur=RUB&crc="))
        #expect(try ImageDecoder.payloadBytes(ofImageAt: image) == Array(payload.utf8))
    }

    @Test func sbpIdFromTheSameSeedIsTheSameEveryRun() throws {
        let arguments = ["qr", "make", "sbp", "--bank", "100000000001", "--seed", "7", "--payload-only"]
        let first = try CorridorBinary.run(arguments).output
        #expect(try CorridorBinary.run(arguments).output == first)
        #expect(try CorridorBinary.run(arguments.dropLast(3) + ["--seed", "8", "--payload-only"]).output != first)
    }

    @Test func sbpGivenIdIsKept() throws {
        let result = try CorridorBinary.run([
            "qr", "make", "sbp", "--id", "AS10003P3RH0LJ2A9ROO038L6NT5RU1M", "--type", "01", "--bank", "100000000001",
            "--payload-only",
        ])
        #expect(result.status == 0)
        #expect(result.lines.first?.hasPrefix("https://qr.nspk.ru/AS10003P3RH0LJ2A9ROO038L6NT5RU1M?type=01") == true)
    }

    @Test(arguments: ["1", "2", "3"])
    func gostImageCarriesThePayloadInItsDeclaredEncoding(_ encoding: String) throws {
        let scratch = try Scratch()
        let image = scratch.path("gost.png")
        // KOI8-R has no guillemets, so that encoding gets a name without them.
        let name = encoding == "3" ? "ООО Гостиница Арбат" : "ООО «Гостиница Арбат»"
        let options = Self.gostOptions.map { $0 == "ООО «Гостиница Арбат»" ? name : $0 }
        let result = try CorridorBinary.run(
            ["qr", "make", "gost"] + options + ["--encoding", encoding, "--out", image, "--payload-only"])
        #expect(result.status == 0, "\(result)")
        let payload = try #require(result.lines.first)
        #expect(payload.hasPrefix("ST0001\(encoding)|Name=\(name)|PersonalAcc=40702810938000012345"))
        #expect(payload.contains("|Sum=1250000|"))
        let bytes = try ImageDecoder.payloadBytes(ofImageAt: image)
        if encoding == "2" {
            #expect(bytes == Array(payload.utf8))
        } else {
            // windows-1251 and KOI8-R: one byte per character.
            #expect(bytes.count == payload.unicodeScalars.count)
        }
        // The CLI's own image decoding reads the code page back to the same text.
        let decoded = try CorridorBinary.json(["qr", "decode", "--json", "--image", image]).object
        let objects = try #require(decoded["objects"] as? [String: String])
        #expect(objects["Name"] == name)
        #expect(objects["Purpose"] == "Оплата проживания")
        #expect(decoded["amount"] as? String == "12500.00")
        // The same bytes on standard input decode the same way.
        let piped = try CorridorBinary.json(["qr", "decode", "--json", "-"], input: bytes).object
        #expect((piped["objects"] as? [String: String])?["Name"] == name)
    }

    @Test func gostCharacterMissingFromTheEncodingIsABadEncodingOption() throws {
        let result = try CorridorBinary.run(["qr", "make", "gost"] + Self.gostOptions + ["--encoding", "3"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("--encoding: a character has no byte in KOI8-R"), "\(result)")
    }

    @Test func gostCustomSeparatorIsUsed() throws {
        let result = try CorridorBinary.run(
            ["qr", "make", "gost"] + Self.gostOptions + ["--separator", ";", "--payload-only"])
        #expect(result.status == 0)
        #expect(result.lines.first?.hasPrefix("ST00012;Name=") == true)
    }
}
