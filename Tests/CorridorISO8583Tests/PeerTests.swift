import CorridorISO8583
import Foundation
import Testing

/// A built-in dialect and the pyiso8583 spec file in `Samples/iso8583/` that must describe the same format.
struct Dialect: Sendable, CustomTestStringConvertible {
    var spec: MessageSpec
    var testDescription: String { spec.name }
    var filePath: String { PyISO8583Peer.specPath(spec.name) }

    static let all = [Dialect(spec: .ascii1987), Dialect(spec: .ebcdic1987)]
}

@Suite("pyiso8583 reads what Corridor writes, and the reverse")
struct PeerTests {
    static var peerShouldRun: Bool { PyISO8583Peer.isAvailable || PyISO8583Peer.isCI }

    func swiftDocument(_ message: IsoMessage) throws -> [String: String] {
        let json = MessageSpec.ascii1987.describeJSON(message, unmasked: true)
        return try JSONDecoder().decode([String: String].self, from: Data(json.utf8))
    }

    @Test(arguments: Dialect.all)
    func theSampleSpecFileEqualsTheBuiltInDialect(dialect: Dialect) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: dialect.filePath))
        let loaded = try MessageSpec(pyiso8583JSON: Array(data), name: dialect.spec.name)
        #expect(loaded.mtiEncoding == dialect.spec.mtiEncoding)
        #expect(loaded.bitmapEncoding == dialect.spec.bitmapEncoding)
        #expect(loaded.fields.count == 127)
        for (number, field) in loaded.fields {
            #expect(field == dialect.spec.fields[number], "field \(number)")
        }
        #expect(loaded == dialect.spec)
    }

    @Test func specFileErrorsNameTheEntry() {
        let header = #"{"h": {"data_enc": "ascii", "len_enc": "ascii", "len_type": 0, "max_len": 4, "desc": "H"}}"#
        #expect(throws: ISO8583Error.specInvalid(key: "h")) {
            try MessageSpec(pyiso8583JSON: Array(header.utf8), name: "x")
        }
        #expect(throws: ISO8583Error.specInvalid(key: "t")) { try MessageSpec(pyiso8583JSON: Array("{}".utf8), name: "x") }
        #expect(throws: ISO8583Error.specInvalid(key: "")) { try MessageSpec(pyiso8583JSON: Array("[".utf8), name: "x") }
    }

    @Test(.enabled(if: peerShouldRun), arguments: Dialect.all, SampleMessages.all)
    func pyiso8583DecodesWhatCorridorPacks(dialect: Dialect, message: IsoMessage) throws {
        #expect(PyISO8583Peer.isAvailable, "python3 with pyiso8583 is required in CI")
        let bytes = try dialect.spec.pack(message)
        #expect(try PyISO8583Peer.decode(bytes, specPath: dialect.filePath) == swiftDocument(message))
    }

    @Test(.enabled(if: peerShouldRun), arguments: Dialect.all, SampleMessages.all)
    func corridorUnpacksWhatPyiso8583Encodes(dialect: Dialect, message: IsoMessage) throws {
        #expect(PyISO8583Peer.isAvailable, "python3 with pyiso8583 is required in CI")
        var document = try swiftDocument(message)
        document["p"] = nil
        document["1"] = nil
        let bytes = try PyISO8583Peer.encode(document, specPath: dialect.filePath)
        let (decoded, consumed) = try dialect.spec.unpack(bytes)
        #expect(decoded == message)
        #expect(consumed == bytes.count)
        #expect(try dialect.spec.pack(message) == bytes)
    }
}
