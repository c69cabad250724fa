import CorridorISO8583
import Testing

/// An ISO 8583 message printed in someone else's documentation, with the fields its source says it holds.
struct PublishedSample: Sendable, CustomTestStringConvertible {
    /// The message as published (ASCII MTI, ASCII-hex bitmaps, ASCII fields).
    var text: String
    var mti: String
    var fields: [Int: String]
    /// Where it was published.
    var source: String

    var testDescription: String { "\(mti) from \(source)" }

    /// Each decodes in Corridor's default dialect (pyiso8583's `default_ascii` lengths), and pyiso8583 4.0.1 decodes
    /// each to the same fields and encodes them back to the same bytes.
    static let all: [PublishedSample] = [
        // pyiso8583 README (PyPI, 4.0.1), "Encoding & Decoding": the message it decodes, then the reply it encodes.
        PublishedSample(
            text: "02004000000000000000101234567890", mti: "0200", fields: [2: "1234567890"],
            source: "pyiso8583 README, decode"),
        PublishedSample(
            text: "0210000000000200000005", mti: "0210", fields: [39: "05"],
            source: "pyiso8583 README, encode"),
        // pyiso8583 4.0.1 docstrings: the package's, `decode`'s, `encode`'s and `pp`'s examples.
        PublishedSample(
            text: "0200400000000200000010123456789000", mti: "0200", fields: [2: "1234567890", 39: "00"],
            source: "pyiso8583 iso8583/__init__.py"),
        PublishedSample(
            text: "02004010100000000000161234567890123456123456111", mti: "0200",
            fields: [2: "1234567890123456", 12: "123456", 20: "111"], source: "pyiso8583 iso8583.decode"),
        PublishedSample(
            text: "0210200000000200000011111105", mti: "0210", fields: [3: "111111", 39: "05"],
            source: "pyiso8583 iso8583.encode"),
        PublishedSample(
            text: "02004010100000000000161234567890123456123456840", mti: "0200",
            fields: [2: "1234567890123456", 12: "123456", 20: "840"], source: "pyiso8583 iso8583.pp"),
        // "How to Read ISO8583 Message", ariestania.wordpress.com (2014-04-02): a 0200 with 15 fields.
        PublishedSample(
            text: "0200723A4001084180021666666612345678905610000000010010000327110332000981180332032703286011"
                + "040014000980      000000000012123036123456     000012345678900000100000028000288",
            mti: "0200",
            fields: [
                2: "6666661234567890", 3: "561000", 4: "000001001000", 7: "0327110332", 11: "000981",
                12: "180332", 13: "0327", 15: "0328", 18: "6011", 32: "0014", 37: "000980      ",
                42: "000000000012123", 48: "123456     0000123456789000001000000", 49: "280", 63: "88",
            ],
            source: "ariestania.wordpress.com"),
        // "Read ISO 8583 message", on-september.blogspot.com (2010-01): a 0210 response, printed over four lines.
        PublishedSample(
            text: "0210723A00010A80840018593600141001099999" + "0110000000100000001007021533000001191533"
                + "1006100706565656100609010224000000090136" + "0020100236C0102240000000",
            mti: "0210",
            fields: [
                2: "593600141001099999", 3: "011000", 4: "000010000000", 7: "1007021533", 11: "000001",
                12: "191533", 13: "1006", 15: "1007", 32: "565656", 37: "100609010224", 39: "00",
                41: "00000901", 49: "360", 54: "100236C0102240000000",
            ],
            source: "on-september.blogspot.com"),
        // A question about decoding with jPOS (e-learn.cn, from Stack Overflow): a secondary bitmap and field 105.
        PublishedSample(
            text: "0200B2200000001000000000000000800000201234000000010000011072218012345606A5DFGR"
                + "021ABCDEFGHIJ 1234567890",
            mti: "0200",
            fields: [
                3: "201234", 4: "000000010000", 7: "0110722180", 11: "123456", 44: "A5DFGR",
                105: "ABCDEFGHIJ 1234567890",
            ],
            source: "e-learn.cn/topic/1578261"),
        // "ISO8583 message decoding" (devpeace.com, from Stack Overflow): "0800 2020000000800000 000000 000001
        // 3239313130303031", field 41 printed as the hex of its ASCII characters; here all of it as ASCII.
        PublishedSample(
            text: "0800202000000080000000000000000129110001", mti: "0800",
            fields: [3: "000000", 11: "000001", 41: "29110001"], source: "devpeace.com/networking/21282257"),
    ]
}

@Suite("ISO 8583 published samples decode and re-encode byte for byte")
struct PublishedSampleTests {
    @Test(arguments: PublishedSample.all)
    func publishedSampleDecodesToItsFieldsAndReencodesByteForByte(sample: PublishedSample) throws {
        let bytes = Array(sample.text.utf8)
        let (message, consumed) = try MessageSpec.ascii1987.unpack(bytes)
        #expect(message == IsoMessage(mti: sample.mti, text: sample.fields))
        #expect(consumed == bytes.count)
        #expect(try MessageSpec.ascii1987.pack(message) == bytes)
    }

    @Test(arguments: PublishedSample.all)
    func publishedSampleDecodesByteByByteOnlyWhenComplete(sample: PublishedSample) throws {
        let bytes = Array(sample.text.utf8)
        for length in 0..<bytes.count {
            #expect(throws: ISO8583Error.self) { try MessageSpec.ascii1987.unpack(Array(bytes.prefix(length))) }
        }
        let (_, consumed) = try MessageSpec.ascii1987.unpack(bytes + Array("0200".utf8))
        #expect(consumed == bytes.count)
    }

    @Test(.enabled(if: PeerTests.peerShouldRun), arguments: PublishedSample.all)
    func pyiso8583DecodesThePublishedSampleToTheSameFields(sample: PublishedSample) throws {
        #expect(PyISO8583Peer.isAvailable, "python3 with pyiso8583 is required in CI")
        let path = PyISO8583Peer.specPath(MessageSpec.ascii1987.name)
        var document = try PyISO8583Peer.decode(Array(sample.text.utf8), specPath: path)
        #expect(document.removeValue(forKey: "t") == sample.mti)
        document["p"] = nil
        document["1"] = nil
        #expect(document == Dictionary(uniqueKeysWithValues: sample.fields.map { (String($0.key), $0.value) }))
    }
}
