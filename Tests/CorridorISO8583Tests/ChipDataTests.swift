import CorridorISO8583
import Testing

@Suite("Field 55 chip data as BER-TLV")
struct ChipDataTests {
    static let elements = [
        ChipDataElement(tag: 0x9F26, value: [1, 2, 3, 4, 5, 6, 7, 8]),
        ChipDataElement(tag: 0x95, value: [0, 0, 0, 0x80, 0]),
        ChipDataElement(tag: 0x70, children: [ChipDataElement(tag: 0x5A, value: [0x41, 0x11])]),
        ChipDataElement(tag: 0x9F10, value: [UInt8](repeating: 0xAB, count: 200)),
    ]

    @Test func decodeOfEncodeIsTheSameElements() throws {
        let bytes = ChipDataElement.encode(Self.elements)
        #expect(try ChipDataElement.decode(bytes) == Self.elements)
        #expect(Array(bytes.prefix(11)) == [0x9F, 0x26, 0x08, 1, 2, 3, 4, 5, 6, 7, 8])
    }

    @Test func theSampleChipDataDecodes() throws {
        let value = try #require(SampleMessages.financialWithChip.fields[55])
        let elements = try ChipDataElement.decode(value)
        #expect(elements.map(\.tag) == [0x9F26, 0x95])
        #expect(elements.map(\.description) == ["9F26=0102030405060708", "95=0000008000"])
    }

    @Test func everyTruncatedPrefixIsATypedError() {
        let bytes = ChipDataElement.encode(Self.elements)
        let boundaries: Set<Int> = [0, 11, 18, 24]
        for length in 0..<bytes.count where !boundaries.contains(length) {
            #expect(throws: ISO8583Error.self) { try ChipDataElement.decode(Array(bytes.prefix(length))) }
        }
    }

    @Test func aLengthPastTheEndNamesField55AndItsOffset() {
        #expect(throws: ISO8583Error.chipDataInvalid(offset: 2)) { try ChipDataElement.decode([0x9F, 0x26, 0x09, 1]) }
        #expect(ISO8583Error.chipDataInvalid(offset: 2).field == 55)
    }
}
