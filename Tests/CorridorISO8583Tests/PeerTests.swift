import CorridorISO8583
import Foundation
import Testing

@Suite("pyiso8583 reads what Corridor writes, and the reverse")
struct PeerTests {
    static var peerShouldRun: Bool { PyISO8583Peer.isAvailable || PyISO8583Peer.isCI }

    func sampleSpec() throws -> MessageSpec {
        let data = try Data(contentsOf: URL(fileURLWithPath: PyISO8583Peer.specPath))
        return try MessageSpec(pyiso8583JSON: Array(data), name: "corridor-ascii-1987")
    }

    func swiftDocument(_ message: IsoMessage) throws -> [String: String] {
        let json = MessageSpec.ascii1987.describeJSON(message, unmasked: true)
        return try JSONDecoder().decode([String: String].self, from: Data(json.utf8))
    }

    @Test func theSampleSpecFileEqualsTheBuiltInASCII1987() throws {
        let loaded = try sampleSpec()
        #expect(loaded.mtiEncoding == MessageSpec.ascii1987.mtiEncoding)
        #expect(loaded.bitmapEncoding == MessageSpec.ascii1987.bitmapEncoding)
        #expect(loaded.fields.count == 127)
        for (number, field) in loaded.fields {
            #expect(field == MessageSpec.ascii1987.fields[number], "field \(number)")
        }
        #expect(loaded == MessageSpec.ascii1987)
    }

    @Test func specFileErrorsNameTheEntry() {
        let header = #"{"h": {"data_enc": "ascii", "len_enc": "ascii", "len_type": 0, "max_len": 4, "desc": "H"}}"#
        #expect(throws: ISO8583Error.specInvalid(key: "h")) {
            try MessageSpec(pyiso8583JSON: Array(header.utf8), name: "x")
        }
        #expect(throws: ISO8583Error.specInvalid(key: "t")) { try MessageSpec(pyiso8583JSON: Array("{}".utf8), name: "x") }
        #expect(throws: ISO8583Error.specInvalid(key: "")) { try MessageSpec(pyiso8583JSON: Array("[".utf8), name: "x") }
    }

    @Test(.enabled(if: peerShouldRun), arguments: SampleMessages.all)
    func pyiso8583DecodesWhatCorridorPacks(message: IsoMessage) throws {
        #expect(PyISO8583Peer.isAvailable, "python3 with pyiso8583 is required in CI")
        let bytes = try MessageSpec.ascii1987.pack(message)
        #expect(try PyISO8583Peer.decode(bytes) == swiftDocument(message))
    }

    @Test(.enabled(if: peerShouldRun), arguments: SampleMessages.all)
    func corridorUnpacksWhatPyiso8583Encodes(message: IsoMessage) throws {
        #expect(PyISO8583Peer.isAvailable, "python3 with pyiso8583 is required in CI")
        var document = try swiftDocument(message)
        document["p"] = nil
        document["1"] = nil
        let bytes = try PyISO8583Peer.encode(document)
        let (decoded, consumed) = try MessageSpec.ascii1987.unpack(bytes)
        #expect(decoded == message)
        #expect(consumed == bytes.count)
        #expect(try MessageSpec.ascii1987.pack(message) == bytes)
    }
}
