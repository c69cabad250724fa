import CorridorISO8583
import Testing

@Suite("Format-error responses from the readable part of a malformed message")
struct ISO8583ErrorResponseTests {
    static let request = IsoMessage(
        mti: "0100",
        text: [
            2: "4111111111111111", 3: "000000", 4: "000000010000", 7: "0101120000", 11: "000042", 41: "TERM0001",
            49: "643",
        ])

    /// The packed request with field 49 (its last field) made non-numeric.
    static func withBadCurrency(_ spec: MessageSpec) throws -> [UInt8] {
        var bytes = try spec.pack(request)
        bytes[bytes.count - 2] = UInt8(ascii: "X")
        return bytes
    }

    @Test(arguments: [MessageSpec.ascii1987, .binaryBitmap1987])
    func fieldsBeforeTheFailingOneAreRead(_ spec: MessageSpec) throws {
        let bytes = try Self.withBadCurrency(spec)
        let failure = try #require(throws: ISO8583Error.self) { try spec.unpack(bytes) }
        #expect(failure.field == 49)
        let readable = try #require(spec.unpackReadablePart(bytes, failure: failure))
        #expect(readable.mti == "0100")
        #expect(readable.fieldNumbers == [2, 3, 4, 7, 11, 41])
        #expect(readable[text: 11] == "000042")
    }

    @Test func theResponseEchoesIdentifyingFieldsButNeverThePAN() throws {
        let spec = MessageSpec.ascii1987
        let bytes = try Self.withBadCurrency(spec)
        let failure = try #require(throws: ISO8583Error.self) { try spec.unpack(bytes) }
        let response = try #require(ISO8583ErrorResponse.formatError(for: bytes, failure: failure, spec: spec))
        #expect(response.mti == "0110")
        #expect(response[text: 39] == "30")
        #expect(response[text: 11] == "000042")
        #expect(response[text: 41] == "TERM0001")
        #expect(response.fields[2] == nil)
        #expect(response.fields[49] == nil)
        // It packs in the same dialect, so the endpoint can send it.
        #expect(try spec.unpack(spec.pack(response)).message == response)
    }

    @Test func aBadBitmapLeavesOnlyTheMTI() throws {
        var bytes = try MessageSpec.ascii1987.pack(Self.request)
        bytes[6] = UInt8(ascii: "G")
        let failure = try #require(throws: ISO8583Error.self) { try MessageSpec.ascii1987.unpack(bytes) }
        let readable = try #require(MessageSpec.ascii1987.unpackReadablePart(bytes, failure: failure))
        #expect(readable == IsoMessage(mti: "0100"))
        let response = try #require(ISO8583ErrorResponse.response(to: readable, responseCode: "30"))
        #expect(response == IsoMessage(mti: "0110", text: [39: "30"]))
    }

    @Test func aSecondaryBitmapStaysInPlaceWhenAPrimaryFieldFails() throws {
        var request = Self.request
        request[text: 70] = "301"
        let spec = MessageSpec.ascii1987
        var bytes = try spec.pack(request)
        // Field 49 sits just before field 70 ("643" then "301").
        bytes[bytes.count - 5] = UInt8(ascii: "X")
        let failure = try #require(throws: ISO8583Error.self) { try spec.unpack(bytes) }
        #expect(failure.field == 49)
        let readable = try #require(spec.unpackReadablePart(bytes, failure: failure))
        #expect(readable.fieldNumbers == [2, 3, 4, 7, 11, 41])
    }

    @Test func anUnreadableMTIGivesNothing() throws {
        var bytes = try MessageSpec.ascii1987.pack(Self.request)
        bytes[0] = UInt8(ascii: "A")
        let failure = try #require(throws: ISO8583Error.self) { try MessageSpec.ascii1987.unpack(bytes) }
        #expect(MessageSpec.ascii1987.unpackReadablePart(bytes, failure: failure) == nil)
        #expect(ISO8583ErrorResponse.formatError(for: bytes, failure: failure, spec: .ascii1987) == nil)
        #expect(ISO8583ErrorResponse.formatError(for: [0x30], failure: .mtiInvalid(offset: 1), spec: .ascii1987) == nil)
    }

    @Test func aResponseIsNeverAnswered() {
        #expect(ISO8583ErrorResponse.response(to: IsoMessage(mti: "0110"), responseCode: "30") == nil)
        #expect(ISO8583ErrorResponse.response(to: IsoMessage(mti: "0800"), responseCode: "30")?.mti == "0810")
    }
}
