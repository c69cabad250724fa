import CorridorCBDC
import Foundation
import Testing

/// One file kept for a fuzz target: a regression input (`Tools/Fuzz/regressions/<target>/`) or a hand-picked seed
/// (`Tools/Fuzz/seeds/<target>/`).
struct FuzzReplayInput: Sendable, CustomStringConvertible {
    /// `<target>/<kind>/<file name>`.
    let name: String
    let bytes: [UInt8]

    var description: String { name }

    /// `Tools/Fuzz`, found from this file's path so tests run from any working directory.
    static let fuzzDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // CorridorCBDCTests/
        .deletingLastPathComponent()  // Tests/
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("Tools/Fuzz")

    /// Every regression input and seed kept for `target`, in name order.
    static func all(_ target: String) -> [FuzzReplayInput] {
        ["regressions", "seeds"].flatMap { kind -> [FuzzReplayInput] in
            let folder = fuzzDirectory.appendingPathComponent(kind).appendingPathComponent(target)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.filter { !$0.hasSuffix(".md") }.sorted().compactMap { name in
                guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)) else { return nil }
                return FuzzReplayInput(name: "\(target)/\(kind)/\(name)", bytes: Array(data))
            }
        }
    }
}

/// Replays the kept fuzz inputs of `cbdc-offline` with the fuzz target's rules (Tools/Fuzz/CBDCOffline): the wire
/// form is canonical (a decoded transfer's bytes are its input) and a stream reads as its transfers decode alone.
@Suite("Fuzz corpus replay: offline transfers")
struct OfflineTransferFuzzCorpusReplayTests {
    @Test func theTargetKeepsInputs() {
        #expect(!FuzzReplayInput.all("cbdc-offline").isEmpty)
    }

    @Test(arguments: FuzzReplayInput.all("cbdc-offline"))
    func decodingIsCanonicalAndStreamsAgree(_ input: FuzzReplayInput) throws {
        if let transfer = try? OfflineTransfer(decoding: input.bytes) {
            #expect(transfer.wireBytes == input.bytes)
        }
        var stream = input.bytes[...]
        var count = 0
        // A stream stops at its first bad or truncated transfer, as the fuzz target's does.
        while count < 64, let read = try? OfflineTransfer.read(stream) {
            let (transfer, consumed) = read
            #expect(consumed > 0 && consumed <= stream.count)
            #expect(try OfflineTransfer(decoding: stream.prefix(consumed)) == transfer)
            stream = stream.dropFirst(consumed)
            count += 1
        }
    }
}
