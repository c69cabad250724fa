import CorridorCBDC
import CorridorTesting
import Foundation
import Testing

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
