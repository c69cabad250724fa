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

    @Test func runningChecksumEqualsOneShot() {
        let text = Array("00020101021129370016A000000677010111".utf8)
        let first = CRC16.checksum(text[..<10])
        #expect(CRC16.checksum(text[10...], initial: first) == CRC16.checksum(text))
    }
}
