import CorridorISO8583
import CorridorTesting
import Foundation
import Testing

/// Replays the kept fuzz inputs of `iso8583-ascii`, `iso8583-binary`, `iso8583-ebcdic`, `iso8583-bcd` and
/// `chip-data` through the same parsers and rules as the fuzz targets (Tools/Fuzz/ISO8583Unpack, Tools/Fuzz/ChipData),
/// so `swift test` keeps them checked without libFuzzer. An input the parser rejects passes; one it accepts must
/// survive unpack → pack → unpack (decode → encode → decode for chip data) unchanged.
@Suite("Fuzz corpus replay: ISO 8583")
struct ISO8583FuzzCorpusReplayTests {
    /// The fuzz target of each built-in dialect.
    static let dialects: [(target: String, spec: MessageSpec)] = [
        ("iso8583-ascii", .ascii1987), ("iso8583-binary", .binaryBitmap1987), ("iso8583-ebcdic", .ebcdic1987),
        ("iso8583-bcd", .bcd1987),
    ]

    static let inputs: [FuzzReplayInput] = dialects.flatMap { FuzzReplayInput.all($0.target) }

    @Test func everyDialectKeepsInputs() {
        for (target, _) in Self.dialects {
            #expect(!FuzzReplayInput.all(target).isEmpty, "no kept inputs for \(target)")
        }
        #expect(!FuzzReplayInput.all("chip-data").isEmpty)
    }

    @Test(arguments: inputs)
    func unpackPackUnpackKeepsTheMessage(_ input: FuzzReplayInput) throws {
        let target = String(input.name.prefix { $0 != "/" })
        let spec = try #require(Self.dialects.first { $0.target == target }?.spec)
        guard let (message, consumed) = try? spec.unpack(input.bytes) else { return }
        #expect(consumed <= input.bytes.count)
        let packed = try spec.pack(message)
        let (again, againConsumed) = try spec.unpack(packed)
        #expect(again == message)
        #expect(againConsumed == packed.count)
        #expect(try spec.pack(again) == packed)
        if let chip = message.fields[55] { _ = try? ChipDataElement.decode(chip) }
    }

    @Test(arguments: FuzzReplayInput.all("chip-data"))
    func chipDataRoundTrips(_ input: FuzzReplayInput) throws {
        guard let elements = try? ChipDataElement.decode(input.bytes) else { return }
        let encoded = ChipDataElement.encode(elements)
        let again = try ChipDataElement.decode(encoded)
        #expect(again == elements)
        #expect(ChipDataElement.encode(again) == encoded)
    }
}
