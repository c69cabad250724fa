// Fuzz targets `iso8583-ascii`, `iso8583-binary`, `iso8583-ebcdic` and `iso8583-bcd`: ISO 8583:1987 unpacking in
// each built-in dialect (DESIGN.md §3), one binary per dialect chosen with -D by Tools/fuzz.sh.
//
// Rules checked on every input, besides "never crash" (moov-io/iso8583's fuzz test: unpack → pack → unpack):
// - unpack consumes no more bytes than it was given;
// - whatever unpacks also packs (unpack checks each value with pack's rule);
// - unpack → pack → unpack gives the same message, consuming exactly the packed bytes, and packing it again gives
//   the same bytes;
// - describing a message and reading its chip data (field 55) never crash.
import CorridorISO8583

#if DIALECT_ASCII
let spec = MessageSpec.ascii1987
#elseif DIALECT_BINARY_BITMAP
let spec = MessageSpec.binaryBitmap1987
#elseif DIALECT_EBCDIC
let spec = MessageSpec.ebcdic1987
#elseif DIALECT_BCD
let spec = MessageSpec.bcd1987
#else
#error("build with one of -DDIALECT_ASCII, -DDIALECT_BINARY_BITMAP, -DDIALECT_EBCDIC, -DDIALECT_BCD")
#endif

enum FuzzTarget {
    static func test(_ input: [UInt8]) {
        guard let (message, consumed) = try? spec.unpack(input) else { return }
        guard consumed <= input.count else {
            fuzzFailure("unpack consumed more bytes than it was given", input: input, detail: "\(consumed)")
        }
        let packed: [UInt8]
        do { packed = try spec.pack(message) } catch {
            fuzzFailure("an unpacked message does not pack", input: input, detail: "\(message): \(error)")
        }
        let again: IsoMessage
        let againConsumed: Int
        do { (again, againConsumed) = try spec.unpack(packed) } catch {
            fuzzFailure("a packed message does not unpack", input: input, detail: "\(packed): \(error)")
        }
        guard again == message, againConsumed == packed.count else {
            fuzzFailure("unpack → pack → unpack changed the message", input: input,
                        detail: "\(message) became \(again), \(againConsumed) of \(packed.count) bytes")
        }
        guard (try? spec.pack(again)) == packed else {
            fuzzFailure("packing the re-unpacked message gave other bytes", input: input)
        }
        _ = spec.describe(message)
        _ = spec.describeJSON(message)
        if let chip = message.fields[55] { _ = try? ChipDataElement.decode(chip) }
    }

    private static func spaces(_ count: Int) -> String { String(repeating: " ", count: count) }

    /// Messages the packer writes in this dialect: an authorization request with chip data, its response, a
    /// reversal with a secondary bitmap and a network message.
    static func seeds() -> [[UInt8]] {
        var request = IsoMessage(mti: "0100", text: [
            2: "4761739001010010", 3: "000000", 4: "000000026800", 7: "1130101500", 11: "000042", 12: "101500",
            13: "1130", 14: "2912", 18: "5812", 22: "051", 32: "123456", 37: "000000000042", 41: "TERM0001",
            42: "MERCHANT0000001", 43: "BEIJING RESTAURANT" + spaces(7) + "BEIJING" + spaces(6) + "CN", 49: "156",
        ])
        request.fields[55] = ChipDataElement.encode([
            ChipDataElement(tag: 0x9F26, value: [0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC, 0xDE, 0xF0]),
            ChipDataElement(tag: 0x82, value: [0x19, 0x80]),
            ChipDataElement(tag: 0x70, children: [ChipDataElement(tag: 0x5F2A, value: [0x01, 0x56])]),
        ])
        var response = IsoMessage(mti: "0110", text: [
            2: "4761739001010010", 3: "000000", 4: "000000026800", 11: "000042", 37: "000000000042", 38: "A1B2C3",
            39: "00", 41: "TERM0001",
        ])
        response.fields[64] = [1, 2, 3, 4, 5, 6, 7, 8]
        let reversal = IsoMessage(mti: "0400", text: [
            2: "2200700000001239", 3: "000000", 4: "000000158000", 11: "000043", 39: "91", 41: "TERM0001",
            90: "010000004211301015000000012345600000000000",
        ])
        let network = IsoMessage(mti: "0800", text: [7: "1130101500", 11: "000044", 70: "301"])
        return [request, response, reversal, network].map { message in
            do { return try spec.pack(message) } catch { fatalError("seed message does not pack: \(error)") }
        }
    }
}
