// Fuzz target `cbdc-offline`: the wire form of an offline digital-ruble transfer (DESIGN.md §5, "Offline"), built
// by Tools/fuzz.sh against the SwiftPM-built swift-crypto (the decoder hashes what it reads).
//
// Rules checked on every input, besides "never crash":
// - the encoding is canonical: a decoded transfer's wire bytes are the input, byte for byte;
// - rebuilding the transfer from its decoded fields gives the same signed bytes and hash;
// - reading a stream of concatenated transfers agrees with decoding each one, and stops cleanly at a truncation.
import CorridorCBDC

enum FuzzTarget {
    /// The most transfers read from one stream (the input is at most a few kilobytes anyway).
    static let streamTransferCountMax = 64

    static func test(_ input: [UInt8]) {
        if let transfer = try? OfflineTransfer(decoding: input) {
            guard transfer.wireBytes == input else {
                fuzzFailure("a decoded transfer's wire bytes differ from its input", input: input)
            }
            let rebuilt: OfflineTransfer
            do {
                rebuilt = try OfflineTransfer(
                    payerWallet: transfer.payerWallet, payerDevice: transfer.payerDevice,
                    payeeWallet: transfer.payeeWallet, payeeDevice: transfer.payeeDevice,
                    amountMinorUnits: transfer.amountMinorUnits, counter: transfer.counter,
                    previousHash: transfer.previousHash, timestampMs: transfer.timestampMs,
                    signature: transfer.signature)
            } catch {
                fuzzFailure("a decoded transfer's fields do not make a transfer", input: input, detail: "\(error)")
            }
            guard rebuilt == transfer, rebuilt.signedBytes == transfer.signedBytes, rebuilt.hash == transfer.hash else {
                fuzzFailure("rebuilding a decoded transfer changed it", input: input)
            }
        }
        var stream = input[...]
        for _ in 0..<streamTransferCountMax {
            guard let read = try? OfflineTransfer.read(stream) else { return }
            let (transfer, consumed) = read
            guard consumed > 0, consumed <= stream.count else {
                fuzzFailure("reading a stream consumed \(consumed) of \(stream.count) bytes", input: input)
            }
            let alone = try? OfflineTransfer(decoding: stream.prefix(consumed))
            guard alone == transfer else {
                fuzzFailure("a transfer read from a stream decodes differently alone", input: input)
            }
            stream = stream.dropFirst(consumed)
        }
    }

    /// Transfers as a device writes them (with a dummy signature: the decoder does not check it): with and without
    /// a payee device, the longest wallet ids, and two in one stream.
    static func seeds() -> [[UInt8]] {
        do {
            let device = OfflineDeviceID(hex: "0123456789abcdef0123456789abcdef")!
            let payeeDevice = OfflineDeviceID(hex: "fedcba9876543210fedcba9876543210")!
            let signature = [UInt8](repeating: 0x5A, count: OfflineTransfer.signatureByteCount)
            let first = try OfflineTransfer(
                payerWallet: "wallet:sberbank:anna", payerDevice: device, payeeWallet: "wallet:vtbbank:cafe-baltika",
                payeeDevice: nil, amountMinorUnits: 35_000, counter: 1, previousHash: .zero,
                timestampMs: 1_767_261_600_000, signature: signature)
            let second = try OfflineTransfer(
                payerWallet: "wallet:sberbank:anna", payerDevice: device, payeeWallet: "wallet:tbank:boris",
                payeeDevice: payeeDevice, amountMinorUnits: 1, counter: 2, previousHash: first.hash,
                timestampMs: -1, signature: signature)
            let longest = try OfflineTransfer(
                payerWallet: String(repeating: "п", count: 64), payerDevice: device,
                payeeWallet: String(repeating: "w", count: OfflineTransfer.walletLengthMax), payeeDevice: payeeDevice,
                amountMinorUnits: Int64.max, counter: UInt64.max, previousHash: first.hash,
                timestampMs: Int64.max, signature: signature)
            return [first.wireBytes, second.wireBytes, longest.wireBytes, first.wireBytes + second.wireBytes]
        } catch {
            fatalError("seed transfers do not encode: \(error)")
        }
    }
}
