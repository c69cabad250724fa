import CorridorMerchantQR
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
}
