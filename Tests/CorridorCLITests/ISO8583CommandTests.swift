import Foundation
import Testing

/// `corridor iso8583 decode|encode`: the JSON shape scripts rely on, masking, error reports, byte-for-byte
/// round trips, spec files and exit statuses.
@Suite("iso8583 decode/encode")
struct ISO8583CommandTests {
    /// A 0200 built by hand in Corridor's default ASCII 1987 layout: ASCII MTI, ASCII-hex primary and secondary
    /// bitmaps, fields 2 (LLVAR PAN), 3, 4, 11, 39, 52 (8 raw PIN-block bytes) and 70.
    static let message: [UInt8] = {
        var bytes = Array("0200".utf8)
        bytes += Array("F020000002001000".utf8)  // bits 1 (secondary), 2, 3, 4, 11, 39, 52
        bytes += Array("0400000000000000".utf8)  // bit 70
        bytes += Array("16".utf8) + Array("4111111111111111".utf8)  // 2, LLVAR
        bytes += Array("000000".utf8)  // 3
        bytes += Array("000000010000".utf8)  // 4
        bytes += Array("123456".utf8)  // 11
        bytes += Array("00".utf8)  // 39
        bytes += [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08]  // 52, binary
        bytes += Array("301".utf8)  // 70
        return bytes
    }()

    static var messageHex: String { message.map { String(format: "%02X", $0) }.joined() }

    static let unmaskedJSON: [String: String] = [
        "t": "0200", "p": "F020000002001000", "1": "0400000000000000", "2": "4111111111111111", "3": "000000",
        "4": "000000010000", "11": "123456", "39": "00", "52": "0102030405060708", "70": "301",
    ]

    @Test func decodesAKnownMessageForPeople() throws {
        let result = try CorridorBinary.run(["iso8583", "decode", Self.messageHex])
        #expect(result.status == 0, "\(result)")
        #expect(result.lines.first?.hasPrefix("MTI 0200") == true, "\(result)")
        #expect(result.output.contains("411111******1111"))
        #expect(!result.output.contains("4111111111111111"))
        #expect(result.output.contains("123456"))
        #expect(!result.output.contains("0102030405060708"), "the PIN block is hidden")
    }

    @Test func hexInputAllowsWhitespace() throws {
        let spaced = Self.messageHex.enumerated().map { $0.offset % 8 == 7 ? "\($0.element) " : "\($0.element)" }
            .joined()
        let (result, object) = try CorridorBinary.json(["iso8583", "decode", "--json", "--unmasked", spaced])
        #expect(result.status == 0)
        #expect(object as? [String: String] == Self.unmaskedJSON)
    }

    @Test func jsonMasksThePANUnlessUnmasked() throws {
        let (masked, maskedObject) = try CorridorBinary.json(["iso8583", "decode", "--json", Self.messageHex])
        #expect(masked.status == 0, "\(masked)")
        #expect(maskedObject["t"] as? String == "0200")
        #expect(maskedObject["p"] as? String == "F020000002001000")
        #expect(maskedObject["2"] as? String == "411111******1111")
        #expect(maskedObject["52"] as? String == "[hidden]")
        #expect(!masked.output.contains("4111111111111111"))

        let (unmasked, object) = try CorridorBinary.json(["iso8583", "decode", "--json", "--unmasked", Self.messageHex])
        #expect(unmasked.status == 0, "\(unmasked)")
        #expect(object as? [String: String] == Self.unmaskedJSON)
    }

    @Test func readsAsciiTextAndStandardInput() throws {
        let text = "02004000000000000000164444555566667777"
        let (ascii, asciiObject) = try CorridorBinary.json(["iso8583", "decode", "--json", "--unmasked", "--ascii", text])
        #expect(ascii.status == 0, "\(ascii)")
        #expect(asciiObject as? [String: String] == ["t": "0200", "p": "4000000000000000", "2": "4444555566667777"])

        let (stdin, stdinObject) = try CorridorBinary.json(
            ["iso8583", "decode", "--json", "--unmasked", "-"], input: Self.message)
        #expect(stdin.status == 0, "\(stdin)")
        #expect(stdinObject as? [String: String] == Self.unmaskedJSON)
    }

    @Test func truncatedMessageExitsOneNamingFieldAndOffset() throws {
        // Cut inside field 4: MTI 4 + bitmaps 32 + field 2 (18) + field 3 (6) = offset 60, 12 digits needed.
        let truncated = Array(Self.message.prefix(64)).map { String(format: "%02X", $0) }.joined()
        let (result, object) = try CorridorBinary.json(["iso8583", "decode", "--json", truncated])
        #expect(result.status == 1, "\(result)")
        #expect(object["valid"] as? Bool == false)
        let error = try #require(object["error"] as? [String: Any])
        #expect(error["field"] as? Int == 4)
        #expect(error["offset"] as? Int == 60)
        #expect((error["code"] as? String)?.isEmpty == false)
        #expect((error["message"] as? String)?.contains("field 4") == true)

        let human = try CorridorBinary.run(["iso8583", "decode", truncated])
        #expect(human.status == 1)
        #expect(human.standardError.contains("field 4") && human.standardError.contains("offset 60"), "\(human)")
    }

    @Test func encodeRoundTripsDecodeByteForByte() throws {
        let decoded = try CorridorBinary.run(["iso8583", "decode", "--json", "--unmasked", Self.messageHex])
        #expect(decoded.status == 0, "\(decoded)")
        let encoded = try CorridorBinary.run(["iso8583", "encode", "--json", "-"], input: decoded.standardOutput)
        #expect(encoded.status == 0, "\(encoded)")
        #expect(encoded.lines == [Self.messageHex])

        let raw = try CorridorBinary.run(["iso8583", "encode", "--raw", "--json", "-"], input: decoded.standardOutput)
        #expect(raw.status == 0, "\(raw)")
        #expect(raw.standardOutput == Self.message)
    }

    @Test func encodeReadsAJSONFile() throws {
        let scratch = try Scratch()
        let path = scratch.path("message.json")
        let json = #"{"t":"0800","7":"0102030405","11":"000001","70":"301"}"#
        try #require(FileManager.default.createFile(atPath: path, contents: Data(json.utf8)))
        let encoded = try CorridorBinary.run(["iso8583", "encode", "--json", path])
        #expect(encoded.status == 0, "\(encoded)")
        let back = try CorridorBinary.json(["iso8583", "decode", "--json", encoded.lines.first ?? ""])
        #expect(back.object["t"] as? String == "0800")
        #expect(back.object["7"] as? String == "0102030405")
        #expect(back.object["70"] as? String == "301")
    }

    @Test func encodeOfAnInvalidMessageExitsOne() throws {
        let encoded = try CorridorBinary.run(
            ["iso8583", "encode", "--json", "-"], input: Array(#"{"t":"0200","3":"12AB56"}"#.utf8))
        #expect(encoded.status == 1, "\(encoded)")
        #expect(encoded.standardError.contains("field 3"), "\(encoded)")
        let notJSON = try CorridorBinary.run(["iso8583", "encode", "--json", "-"], input: Array("nope".utf8))
        #expect(notJSON.status == 1, "\(notJSON)")
    }

    @Test func specFileFromSamplesDecodesLikeTheBuiltIn() throws {
        let spec = CorridorBinary.sample("iso8583/corridor-ascii-1987.json")
        let (builtIn, builtInObject) = try CorridorBinary.json(
            ["iso8583", "decode", "--json", "--unmasked", Self.messageHex])
        let (file, fileObject) = try CorridorBinary.json(
            ["iso8583", "decode", "--spec", spec, "--json", "--unmasked", Self.messageHex])
        #expect(builtIn.status == 0 && file.status == 0, "\(file)")
        #expect(fileObject as? [String: String] == builtInObject as? [String: String])
        let encoded = try CorridorBinary.run(
            ["iso8583", "encode", "--spec", spec, "--json", "-"], input: file.standardOutput)
        #expect(encoded.lines == [Self.messageHex], "\(encoded)")
    }

    @Test(arguments: [
        ["iso8583", "decode", "--spec", "no-such-spec", "00"],
        ["iso8583", "encode", "--spec", "no-such-spec", "--json", "-"],
        ["iso8583", "decode"],
        ["iso8583", "decode", "--ascii", "0200", "00"],
        ["iso8583", "decode", "XYZ"],
        ["iso8583", "encode", "--json", "/no/such/file.json"],
    ])
    func badOptionsExit64(arguments: [String]) throws {
        let result = try CorridorBinary.run(arguments)
        #expect(result.status == 64, "\(result)")
    }
}
