import CorridorISO8583
import Testing

@Suite("TCP framing: length prefixes and the incremental decoder")
struct ISO8583FramingTests {
    static let messages: [[UInt8]] = [
        Array("0800822000000000000004000000000000000101120000000001301".utf8),
        [0x42],
        [UInt8](repeating: 0x30, count: 300),
    ]

    @Test func headersAreBigEndianOrFourDigits() throws {
        #expect(try ISO8583Framing.twoByteBinary.header(length: 300) == [0x01, 0x2C])
        #expect(try ISO8583Framing.fourByteBinary.header(length: 300) == [0, 0, 0x01, 0x2C])
        #expect(try ISO8583Framing.fourASCIIDigits.header(length: 300) == Array("0300".utf8))
        #expect(try ISO8583Framing.fourASCIIDigits.header(length: 9_999) == Array("9999".utf8))
    }

    @Test func rawValuesAreTheCommandLineNames() {
        #expect(ISO8583Framing.allCases.map(\.rawValue) == ["2byte", "4byte", "ascii4"])
        #expect(ISO8583Framing(rawValue: "ascii4") == .fourASCIIDigits)
    }

    @Test func aMessageLongerThanThePrefixCanSayIsRejected() {
        #expect(throws: ISO8583FramingError.frameTooLong(length: 10_000, maximum: 9_999, offset: 0)) {
            try ISO8583Framing.fourASCIIDigits.frame([UInt8](repeating: 0x30, count: 10_000))
        }
        #expect(throws: ISO8583FramingError.lengthZero(offset: 0)) { try ISO8583Framing.twoByteBinary.frame([]) }
    }

    @Test(arguments: ISO8583Framing.allCases)
    func framesComeBackWholeByteByByteAndConcatenated(_ framing: ISO8583Framing) throws {
        var stream: [UInt8] = []
        for message in Self.messages { stream += try framing.frame(message) }

        var whole = ISO8583FrameDecoder(framing: framing, frameSizeMax: 1_000)
        whole.append(stream)
        var frames: [[UInt8]] = []
        while let frame = try whole.readFrame() { frames.append(frame) }
        #expect(frames == Self.messages)
        #expect(whole.bufferedByteCount == 0)

        var byteByByte = ISO8583FrameDecoder(framing: framing, frameSizeMax: 1_000)
        frames = []
        for byte in stream {
            byteByByte.append([byte])
            while let frame = try byteByByte.readFrame() { frames.append(frame) }
        }
        #expect(frames == Self.messages)
    }

    @Test func aFrameIsNotReturnedBeforeItsLastByte() throws {
        let framed = try ISO8583Framing.twoByteBinary.frame(Self.messages[0])
        var decoder = ISO8583FrameDecoder(framing: .twoByteBinary, frameSizeMax: 1_000)
        decoder.append(framed.dropLast())
        #expect(try decoder.readFrame() == nil)
        decoder.append([framed.last!])
        #expect(try decoder.readFrame() == Self.messages[0])
    }

    @Test func anOversizedLengthFailsAsSoonAsThePrefixArrives() throws {
        var decoder = ISO8583FrameDecoder(framing: .twoByteBinary, frameSizeMax: 100)
        decoder.append(try ISO8583Framing.twoByteBinary.frame([0x30]))
        #expect(try decoder.readFrame() == [0x30])
        decoder.append([0x00, 0x65])  // 101, and no body yet
        #expect(throws: ISO8583FramingError.frameTooLong(length: 101, maximum: 100, offset: 3)) {
            try decoder.readFrame()
        }
        // The stream has lost its boundaries: the decoder stays failed.
        decoder.append([0x00, 0x01, 0x30])
        #expect(throws: ISO8583FramingError.frameTooLong(length: 101, maximum: 100, offset: 3)) {
            try decoder.readFrame()
        }
    }

    @Test func aFourByteLengthAboveTheMaximumIsRejected() {
        var decoder = ISO8583FrameDecoder(framing: .fourByteBinary, frameSizeMax: 8_192)
        decoder.append(Array("GET / HTTP/1.1\r\n".utf8))
        #expect(throws: ISO8583FramingError.frameTooLong(length: 0x4745_5420, maximum: 8_192, offset: 0)) {
            try decoder.readFrame()
        }
    }

    @Test func aNonDigitInAnASCIIPrefixNamesItsOffset() {
        var decoder = ISO8583FrameDecoder(framing: .fourASCIIDigits, frameSizeMax: 8_192)
        decoder.append(Array("01x0".utf8))
        #expect(throws: ISO8583FramingError.lengthDigitsInvalid(offset: 2)) { try decoder.readFrame() }
    }

    @Test(arguments: ISO8583Framing.allCases)
    func aZeroLengthIsRejected(_ framing: ISO8583Framing) {
        var decoder = ISO8583FrameDecoder(framing: framing, frameSizeMax: 8_192)
        decoder.append(framing == .fourASCIIDigits ? Array("0000".utf8) : [UInt8](repeating: 0, count: 4))
        #expect(throws: ISO8583FramingError.lengthZero(offset: 0)) { try decoder.readFrame() }
    }

    @Test func theMaximumIsClampedToWhatThePrefixCanSay() {
        #expect(ISO8583FrameDecoder(framing: .fourASCIIDigits, frameSizeMax: 1_000_000).frameSizeMax == 9_999)
        #expect(ISO8583FrameDecoder(framing: .twoByteBinary, frameSizeMax: 1_000_000).frameSizeMax == 65_535)
    }

    @Test func errorOffsetsCountFromTheStartOfTheStream() throws {
        var decoder = ISO8583FrameDecoder(framing: .fourASCIIDigits, frameSizeMax: 8_192)
        var stream: [UInt8] = []
        for _ in 0..<2_000 { stream += try ISO8583Framing.fourASCIIDigits.frame(Self.messages[0]) }
        let badOffset = stream.count
        stream += Array("00?0".utf8)
        var frameCount = 0
        var caught: ISO8583FramingError?
        for chunk in stride(from: 0, to: stream.count, by: 1_000) {
            decoder.append(stream[chunk..<min(chunk + 1_000, stream.count)])
            do {
                while try decoder.readFrame() != nil { frameCount += 1 }
            } catch {
                caught = error
            }
        }
        #expect(frameCount == 2_000)
        #expect(caught == .lengthDigitsInvalid(offset: badOffset + 2))
    }
}
