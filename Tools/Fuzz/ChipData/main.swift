// Fuzz target `chip-data`: BER-TLV chip data, ISO 8583 field 55 (EMV Book 3 annex B), built by Tools/fuzz.sh.
//
// Rules checked on every input, besides "never crash": decode → encode → decode gives the same elements (padding
// between elements is dropped on the way), and encoding them again gives the same bytes.
import CorridorISO8583

enum FuzzTarget {
    static func test(_ input: [UInt8]) {
        guard let elements = try? ChipDataElement.decode(input) else { return }
        let encoded = ChipDataElement.encode(elements)
        let again: [ChipDataElement]
        do { again = try ChipDataElement.decode(encoded) } catch {
            fuzzFailure("encoded chip data does not decode", input: input, detail: "\(encoded): \(error)")
        }
        guard again == elements else {
            fuzzFailure("decode → encode → decode changed the elements", input: input,
                        detail: "\(elements) became \(again)")
        }
        guard ChipDataElement.encode(again) == encoded else {
            fuzzFailure("encoding the re-decoded elements gave other bytes", input: input)
        }
        _ = elements.map(\.description)
    }

    /// Field 55 as a terminal sends it: an ARQC set, a constructed template, multi-byte tags and long lengths.
    static func seeds() -> [[UInt8]] {
        let arqc = [
            ChipDataElement(tag: 0x9F26, value: [0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC, 0xDE, 0xF0]),
            ChipDataElement(tag: 0x9F27, value: [0x80]),
            ChipDataElement(tag: 0x9F10, value: [0x06, 0x01, 0x0A, 0x03, 0xA0, 0x00, 0x00]),
            ChipDataElement(tag: 0x9F37, value: [0xDE, 0xAD, 0xBE, 0xEF]),
            ChipDataElement(tag: 0x9F36, value: [0x00, 0x2A]),
            ChipDataElement(tag: 0x95, value: [0x00, 0x00, 0x00, 0x80, 0x00]),
            ChipDataElement(tag: 0x9A, value: [0x26, 0x11, 0x30]),
            ChipDataElement(tag: 0x9C, value: [0x00]),
            ChipDataElement(tag: 0x9F02, value: [0x00, 0x00, 0x00, 0x02, 0x68, 0x00]),
            ChipDataElement(tag: 0x5F2A, value: [0x01, 0x56]),
            ChipDataElement(tag: 0x82, value: [0x19, 0x80]),
        ]
        let template = [
            ChipDataElement(tag: 0x70, children: [
                ChipDataElement(tag: 0x57, value: [0x47, 0x61, 0x73, 0x90, 0x01, 0x01, 0x00, 0x10, 0xD2, 0x91, 0x20]),
                ChipDataElement(tag: 0xBF0C, children: [ChipDataElement(tag: 0x9F4D, value: [0x0B, 0x0A])]),
            ]),
            ChipDataElement(tag: 0x9F1F, value: [UInt8](repeating: 0x41, count: 200)),
        ]
        let padded = [0x00, 0x00] + ChipDataElement.encode(arqc)
        return [ChipDataElement.encode(arqc), ChipDataElement.encode(template), padded]
    }
}
