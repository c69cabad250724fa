import CorridorISO8583
import Testing

/// Sample messages Corridor sends and answers, with and without a secondary bitmap.
enum SampleMessages {
    static let authorization = IsoMessage(mti: "0100", text: [
        2: "4111111111111111", 3: "000000", 4: "000000012500", 7: "1123201500", 11: "000123",
        12: "201500", 13: "1123", 14: "2812", 18: "5411", 22: "051", 32: "123456", 37: "532720000123",
        41: "TERM0001", 42: "MERCHANT0000001", 43: "ACME STORE                    MOSCOW  RU", 49: "643",
    ])
    static let authorizationResponse = IsoMessage(mti: "0110", text: [
        2: "4111111111111111", 3: "000000", 4: "000000012500", 7: "1123201500", 11: "000123",
        37: "532720000123", 38: "A1B2C3", 39: "00", 41: "TERM0001", 49: "643", 51: "156",
    ])
    static var financialWithChip: IsoMessage {
        var message = IsoMessage(mti: "0200", text: [
            2: "6200000000000005", 3: "000000", 4: "000000100000", 11: "000124", 22: "071", 49: "156",
        ])
        message.fields[55] = [0x9F, 0x26, 0x08, 1, 2, 3, 4, 5, 6, 7, 8, 0x95, 0x05, 0, 0, 0, 0x80, 0]
        return message
    }
    static let reversal = IsoMessage(mti: "0400", text: [
        2: "2200000000000004", 3: "000000", 4: "000000012500", 11: "000125", 37: "532720000123",
        41: "TERM0001", 90: "010000012311232015000000012345600000000000",
    ])
    static let echo = IsoMessage(mti: "0800", text: [7: "1123201500", 11: "000126", 70: "301"])
    static let echoPrimaryOnly = IsoMessage(mti: "0800", text: [7: "1123201500", 11: "000127"])

    static let all: [IsoMessage] = [
        authorization, authorizationResponse, financialWithChip, reversal, echo, echoPrimaryOnly,
    ]
    static let specs: [MessageSpec] = [.ascii1987, .binaryBitmap1987, .bcd1987, .ebcdic1987]
}

@Suite("ISO 8583 pack and unpack")
struct PackUnpackTests {
    @Test(arguments: SampleMessages.specs, SampleMessages.all)
    func unpackOfPackIsTheSameMessage(spec: MessageSpec, message: IsoMessage) throws {
        let bytes = try spec.pack(message)
        let (decoded, consumed) = try spec.unpack(bytes)
        #expect(decoded == message)
        #expect(consumed == bytes.count)
        #expect(try spec.pack(decoded) == bytes)
    }

    @Test func asciiPackIsByteForByteAsWritten() throws {
        let bytes = try MessageSpec.ascii1987.pack(SampleMessages.echoPrimaryOnly)
        #expect(String(decoding: bytes, as: UTF8.self) == "08000220000000000000" + "1123201500" + "000127")
    }

    @Test func secondaryBitmapIsWrittenOnlyForFieldsAbove64() throws {
        let withSecondary = try MessageSpec.ascii1987.pack(SampleMessages.echo)
        #expect(String(decoding: withSecondary[4..<36], as: UTF8.self) == "82200000000000000400000000000000")
        let binary = try MessageSpec.binaryBitmap1987.pack(SampleMessages.echo)
        #expect(binary.count == withSecondary.count - 16)
    }

    @Test func bytesAfterTheMessageAreNotConsumed() throws {
        let bytes = try MessageSpec.ascii1987.pack(SampleMessages.authorization)
        let (_, consumed) = try MessageSpec.ascii1987.unpack(bytes + [0x30, 0x31])
        #expect(consumed == bytes.count)
    }

    @Test(arguments: SampleMessages.specs, SampleMessages.all)
    func everyTruncatedPrefixIsATypedErrorWithFieldAndOffset(spec: MessageSpec, message: IsoMessage) throws {
        let bytes = try spec.pack(message)
        for length in 0..<bytes.count {
            #expect(throws: ISO8583Error.self) { try spec.unpack(Array(bytes.prefix(length))) }
            do {
                _ = try spec.unpack(Array(bytes.prefix(length)))
            } catch {
                #expect(error.offset <= length, "\(error)")
                #expect(error.field == 0 || error.field == 1 || message.fields[error.field] != nil, "\(error)")
            }
        }
    }

    @Test func mtiDigitsAreParsed() throws {
        let mti = try MessageTypeIndicator("0420")
        #expect(mti.version == .iso1987)
        #expect(mti.messageClass == .reversal)
        #expect(mti.function == .advice)
        #expect(mti.origin == .acquirer)
        #expect(mti.responseMTI == "0430")
        #expect(try MessageTypeIndicator("0100").responseMTI == "0110")
        #expect(try MessageTypeIndicator("0101").responseMTI == "0110")
        #expect(try MessageTypeIndicator("0421").responseMTI == "0430")
        #expect(try MessageTypeIndicator("0122").responseMTI == "0132")
        #expect(try MessageTypeIndicator("0110").responseMTI == nil)
        #expect(throws: ISO8583Error.mtiInvalid(offset: 2)) { try MessageTypeIndicator("01A0") }
        #expect(throws: ISO8583Error.mtiInvalid(offset: 3)) { try MessageTypeIndicator("0109") }
    }
}
