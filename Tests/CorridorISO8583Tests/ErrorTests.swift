import CorridorISO8583
import Testing

@Suite("ISO 8583 errors name the field and the offset")
struct ErrorTests {
    let spec = MessageSpec.ascii1987

    func unpack(_ text: String) throws(ISO8583Error) -> IsoMessage {
        try spec.unpack(Array(text.utf8)).message
    }

    @Test func aBadMTIIsRejectedAtItsDigit() {
        #expect(throws: ISO8583Error.mtiInvalid(offset: 1)) { try unpack("0X000000000000000000") }
        #expect(throws: ISO8583Error.mtiInvalid(offset: 2)) { try spec.pack(IsoMessage(mti: "01A0")) }
        #expect(throws: ISO8583Error.mtiInvalid(offset: 2)) { try unpack("01") }
    }

    @Test func aTruncatedBitmapIsReported() {
        #expect(throws: ISO8583Error.bitmapTruncated(field: 0, offset: 4)) { try unpack("01007000") }
        #expect(throws: ISO8583Error.bitmapTruncated(field: 1, offset: 20)) { try unpack("08008000000000000000") }
    }

    @Test func aNonHexBitmapIsReported() {
        #expect(throws: ISO8583Error.bitmapInvalid(field: 0, offset: 5)) { try unpack("08000G20000000000000") }
    }

    @Test func aLengthPastTheEndIsReported() {
        #expect(throws: ISO8583Error.lengthPastEnd(field: 2, offset: 20)) { try unpack("01004000000000000000") }
        #expect(throws: ISO8583Error.lengthPastEnd(field: 2, offset: 22)) { try unpack("0100400000000000000016411111") }
    }

    @Test func badLengthDigitsAreReported() {
        #expect(throws: ISO8583Error.lengthDigitsInvalid(field: 2, offset: 20)) {
            try unpack("010040000000000000001A4111111111")
        }
    }

    @Test func aLengthAboveTheMaximumIsReported() {
        #expect(throws: ISO8583Error.valueTooLong(field: 2, offset: 20)) {
            try unpack("0100400000000000000020" + String(repeating: "4", count: 20))
        }
        let long = IsoMessage(mti: "0100", text: [2: String(repeating: "4", count: 20)])
        #expect(throws: ISO8583Error.valueTooLong(field: 2, offset: 20)) { try spec.pack(long) }
    }

    @Test func nonNumericDataInAnNFieldIsReported() {
        #expect(throws: ISO8583Error.nonNumeric(field: 3, offset: 20 + 2)) { try unpack("0100200000000000000000A000") }
        #expect(throws: ISO8583Error.nonNumeric(field: 3, offset: 20)) {
            try spec.pack(IsoMessage(mti: "0100", text: [3: "00A000"]))
        }
    }

    @Test func aFixedFieldOfTheWrongLengthIsReported() {
        #expect(throws: ISO8583Error.valueLengthInvalid(field: 3, offset: 20)) {
            try spec.pack(IsoMessage(mti: "0100", text: [3: "0000"]))
        }
    }

    @Test func aFieldOutsideTheSpecIsReported() {
        var narrow = spec
        narrow.fields[3] = nil
        #expect(throws: ISO8583Error.fieldNotInSpec(field: 3, offset: 20)) { try narrow.unpack(Array("01002000000000000000000000".utf8)) }
        #expect(throws: ISO8583Error.fieldNotInSpec(field: 3, offset: 4)) {
            try narrow.pack(IsoMessage(mti: "0100", text: [3: "000000"]))
        }
        #expect(throws: ISO8583Error.fieldNotInSpec(field: 1, offset: 4)) {
            try spec.pack(IsoMessage(mti: "0100", text: [1: "0000000000000000"]))
        }
    }

    @Test func aControlCharacterInATextFieldIsReported() {
        #expect(throws: ISO8583Error.characterInvalid(field: 41, offset: 20)) {
            try spec.pack(IsoMessage(mti: "0100", text: [41: "TERM\n001"]))
        }
    }

    @Test func randomBytesNeverCrashTheDecoder() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let count = Int.random(in: 0...80, using: &generator)
            var bytes = (0..<count).map { _ in UInt8.random(in: 0x30...0x46, using: &generator) }
            if bytes.count >= 4 { bytes.replaceSubrange(0..<4, with: Array("0100".utf8)) }
            for spec in SampleMessages.specs {
                do { _ = try spec.unpack(bytes) } catch { #expect(error.offset <= bytes.count) }
            }
        }
    }
}

extension ErrorTests {
    @Test func aControlCharacterIsRejectedWhenUnpackingToo() {
        #expect(throws: ISO8583Error.characterInvalid(field: 41, offset: 24)) {
            try unpack("01000000000000800000" + "TERM\u{1}001")
        }
    }
}
