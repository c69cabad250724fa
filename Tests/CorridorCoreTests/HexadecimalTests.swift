import CorridorCore
import Testing

/// ``Hexadecimal`` against independently written expectations: every byte value's two digits, and the digest
/// prefixes the HTTP layer derives ids from.
@Suite struct HexadecimalTests {
    @Test func everyByteValueGivesItsTwoDigits() {
        let bytes = (0...255).map(UInt8.init)
        let lower = Hexadecimal.lowercase(bytes)
        let upper = Hexadecimal.uppercase(bytes)
        #expect(lower.utf8.count == 512)
        for value in 0...255 {
            let start = lower.index(lower.startIndex, offsetBy: value * 2)
            let pair = String(lower[start..<lower.index(start, offsetBy: 2)])
            #expect(Int(pair, radix: 16) == value)
        }
        #expect(upper == lower.uppercased())
        #expect(lower == lower.lowercased())
    }

    @Test func knownValues() {
        #expect(Hexadecimal.lowercase([0x00, 0x0F, 0xA5, 0xFF]) == "000fa5ff")
        #expect(Hexadecimal.uppercase([0xDE, 0xAD, 0xBE, 0xEF].prefix(3)) == "DEADBE")
        #expect(Hexadecimal.lowercase([UInt8]()) == "")
    }
}
