@testable import CorridorMerchantQR
import Testing

/// The word-at-a-time character checks agree with a byte loop for every length and every position of a bad byte.
@Suite("EMV character checks")
struct EMVTextTests {
    static let badBytes: [UInt8] = [0x00, 0x1F, 0x7F, 0x80, 0xC2, 0xE5, 0xFF]

    static func check(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            #expect(EMVText.isASCII(buffer) == bytes.allSatisfy { $0 < 0x80 }, "\(bytes)")
            #expect(EMVText.isCommonCharacterSet(buffer) == bytes.allSatisfy { $0 >= 0x20 && $0 <= 0x7E }, "\(bytes)")
            let continuationCount = bytes.filter { $0 & 0xC0 == 0x80 }.count
            #expect(EMVText.characterCount(buffer) == bytes.count - continuationCount, "\(bytes)")
            let asciiPrefix = bytes.firstIndex { $0 >= 0x80 } ?? bytes.count
            #expect(EMVText.asciiPrefixByteCount(buffer) == asciiPrefix, "\(bytes)")
            let fused = EMVText.printableUnicodeCharacterCount(buffer)
            #expect(fused.count == EMVText.characterCount(buffer), "\(bytes)")
            #expect(fused.isPrintable == EMVText.isPrintableUnicode(buffer), "\(bytes)")
        }
    }

    @Test func wordChecksAgreeWithAByteLoopForEveryLengthAndPosition() {
        for length in 0...73 {
            let good = (0..<length).map { UInt8(0x20 + ($0 * 7) % 0x5F) }
            EMVTextTests.check(good)
            for position in 0..<length {
                for bad in EMVTextTests.badBytes {
                    var bytes = good
                    bytes[position] = bad
                    EMVTextTests.check(bytes)
                }
            }
        }
    }

    @Test func printableUnicodeCountingFindsC1ControlsInMultiByteText() {
        // U+0085 (NEL) is C2 85, a control; U+00A0 (no-break space) is C2 A0, printable; 最 is E6 9C 80.
        let cases: [([UInt8], Int, Bool)] = [
            ([0xC2, 0x85], 1, false), ([0xC2, 0xA0], 1, true), ([0xE6, 0x9C, 0x80, 0x41], 2, true),
            ([0x41, 0xE6, 0x9C, 0x80, 0xC2, 0x9F], 3, false), ([0xE6, 0x9C, 0x80, 0x0A], 2, false),
        ]
        for (bytes, count, isPrintable) in cases {
            bytes.withUnsafeBufferPointer { buffer in
                let fused = EMVText.printableUnicodeCharacterCount(buffer)
                #expect(fused.count == count, "\(bytes)")
                #expect(fused.isPrintable == isPrintable, "\(bytes)")
                #expect(EMVText.isPrintableUnicode(buffer) == isPrintable, "\(bytes)")
            }
        }
    }

    @Test func printableBoundariesAreExact() {
        EMVTextTests.check(Array(repeating: 0x20, count: 17))
        EMVTextTests.check(Array(repeating: 0x7E, count: 17))
        EMVTextTests.check(Array(repeating: 0x7F, count: 17))
        EMVTextTests.check(Array(repeating: 0x1F, count: 17))
    }
}
