@testable import CorridorMerchantQR
import Testing

@Suite("CRC-16/CCITT-FALSE")
struct CRC16Tests {
    @Test func checkValueOf123456789Is29B1() {
        #expect(CRC16.checksum("123456789") == 0x29B1)
        #expect(CRC16.hexText(CRC16.checksum("123456789")) == "29B1")
    }

    @Test func emptyInputLeavesInitialValue() {
        #expect(CRC16.checksum("") == 0xFFFF)
    }

    @Test func hexTextIsFourUppercaseDigitsWithLeadingZeros() {
        #expect(CRC16.hexText(0x0A5C) == "0A5C")
        #expect(CRC16.hexText(0x0001) == "0001")
        #expect(CRC16.hexText(0xFFFF) == "FFFF")
    }

    @Test func slicedChecksumEqualsByteAtATimeForEveryLengthAndStart() {
        var state: UInt32 = 0x1234_5678
        let bytes: [UInt8] = (0..<200).map { _ in
            state = state &* 1_664_525 &+ 1_013_904_223
            return UInt8(truncatingIfNeeded: state >> 24)
        }
        for start in 0..<3 {
            for end in start...bytes.count {
                let slice = Array(bytes[start..<end])
                // The generic overload goes byte by byte; the buffer overload 16, 8, then 1 at a time.
                let sliced = slice.withUnsafeBufferPointer { CRC16.checksum($0, initial: 0x1D0F) }
                #expect(sliced == CRC16.checksum(slice.lazy.map { $0 }, initial: 0x1D0F))
            }
        }
    }

    @Test func runningChecksumEqualsOneShot() {
        let text = Array("00020101021129370016A000000677010111".utf8)
        let first = CRC16.checksum(text[..<10])
        #expect(CRC16.checksum(text[10...], initial: first) == CRC16.checksum(text))
    }

    /// Bytes from the same generator as above, 600 of them.
    private static func generatedBytes(_ count: Int) -> [UInt8] {
        var state: UInt32 = 0x1234_5678
        return (0..<count).map { _ in
            state = state &* 1_664_525 &+ 1_013_904_223
            return UInt8(truncatingIfNeeded: state >> 24)
        }
    }

    /// Expected values from Python's `binascii.crc_hqx(data, 0xFFFF)`, an independent CRC-16/CCITT implementation,
    /// at lengths on both sides of the carry-less path's 32-byte threshold and its 16-byte blocks.
    @Test func longInputsMatchAnIndependentImplementation() {
        let bytes = Self.generatedBytes(600)
        let expected: [Int: UInt16] = [
            31: 0x1F54, 32: 0xCDC8, 33: 0x33BF, 47: 0xA741, 48: 0xD6B8, 49: 0x9ED3, 63: 0x6AAC, 64: 0xB251,
            157: 0xF9D6, 255: 0xA290, 512: 0x2DB8, 600: 0x52D8,
        ]
        for (count, value) in expected {
            let found = bytes.withUnsafeBufferPointer { CRC16.checksum(UnsafeBufferPointer(rebasing: $0[..<count])) }
            #expect(found == value, "\(count) bytes")
        }
    }

    /// The buffer overload (carry-less multiplication from 32 bytes where the processor has it) equals the tables
    /// alone for every length up to 600 and several initial values.
    @Test func foldedChecksumEqualsTablesForEveryLength() {
        let bytes = Self.generatedBytes(600)
        bytes.withUnsafeBufferPointer { buffer in
            for initial: UInt16 in [0xFFFF, 0x0000, 0x1D0F, 0x8001] {
                for count in 0...buffer.count {
                    let prefix = UnsafeBufferPointer(rebasing: buffer[..<count])
                    #expect(CRC16.checksum(prefix, initial: initial) == CRC16.tableChecksum(prefix, initial: initial))
                }
            }
        }
    }
}
