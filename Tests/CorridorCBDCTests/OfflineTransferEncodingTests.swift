import CorridorCBDC
import CorridorCore
import Crypto
import Foundation
import Testing

/// A device with a key made from a seed, so encodings are reproducible.
func seededDevice(_ wallet: String, seed: UInt64) -> OfflineDevice {
    var random = SeededRandom(seed: seed)
    let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) }
    return OfflineDevice(wallet: wallet, privateKey: try! Curve25519.Signing.PrivateKey(rawRepresentation: bytes))
}

@Suite("Offline transfer encoding")
struct OfflineTransferEncodingTests {
    /// A transfer with a payee device, signed by a seeded device.
    static func sample(payeeDevice: Bool = true) throws -> OfflineTransfer {
        var payer = seededDevice("wallet-alice", seed: 1)
        let payee = seededDevice("wallet-bob", seed: 2)
        payer.load(10_000)
        return try payer.pay(1_234, to: "wallet-bob", payeeDevice: payeeDevice ? payee.id : nil,
                             timestampMs: 1_767_225_600_000).get()
    }

    @Test func deviceIDIsTheFirstHalfOfTheKeysSHA256() {
        let device = seededDevice("w", seed: 7)
        let digest = Array(SHA256.hash(data: device.publicKey.rawBytes))
        #expect(device.id.bytes == Array(digest.prefix(16)))
        #expect(device.id.hex == digest.prefix(16).map { String(format: "%02x", $0) }.joined())
        #expect(OfflineDeviceID(hex: device.id.hex) == device.id)
        #expect(device.id.hex.count == 32)
    }

    @Test func layoutPlacesEachFieldAtItsDocumentedOffset() throws {
        let transfer = try Self.sample()
        let bytes = transfer.wireBytes
        // version, len, "wallet-alice" (12), device (16), len, "wallet-bob" (10), presence, device (16), …
        #expect(bytes[0] == 1)
        #expect(bytes[1] == 12)
        #expect(Array(bytes[2..<14]) == Array("wallet-alice".utf8))
        #expect(Array(bytes[14..<30]) == transfer.payerDevice.bytes)
        #expect(bytes[30] == 10)
        #expect(Array(bytes[31..<41]) == Array("wallet-bob".utf8))
        #expect(bytes[41] == 1)
        #expect(Array(bytes[42..<58]) == transfer.payeeDevice!.bytes)
        #expect(Array(bytes[58..<66]) == [0, 0, 0, 0, 0, 0, 0x04, 0xD2])  // 1234
        #expect(Array(bytes[66..<74]) == [0, 0, 0, 0, 0, 0, 0, 1])  // counter 1
        #expect(Array(bytes[74..<106]) == [UInt8](repeating: 0, count: 32))  // first transfer
        #expect(Array(bytes[106..<114]) == withUnsafeBytes(of: Int64(1_767_225_600_000).bigEndian, Array.init))
        #expect(bytes.count == 114 + 64)
        #expect(transfer.signedBytes == Array(bytes[0..<114]))
        #expect(transfer.hash.bytes == Array(SHA256.hash(data: bytes[0..<114])))
        #expect(transfer.amount == Money(minorUnits: 1_234, currency: Currency(alphaCode: "RUB")!))
    }

    @Test func signatureVerifiesUnderTheDeviceKeyOverTheSignedBytes() throws {
        let transfer = try Self.sample()
        let key = seededDevice("wallet-alice", seed: 1).publicKey.curve25519
        #expect(key.isValidSignature(transfer.signature, for: transfer.signedBytes))
        #expect(transfer.signature.count == 64)
    }

    @Test(arguments: [true, false])
    func decodingTheWireFormGivesTheSameTransfer(payeeDevice: Bool) throws {
        let transfer = try Self.sample(payeeDevice: payeeDevice)
        let decoded = try OfflineTransfer(decoding: transfer.wireBytes)
        #expect(decoded == transfer)
        #expect(decoded.wireBytes == transfer.wireBytes)
    }

    @Test func chainedTransfersLinkByHashAndCount() throws {
        var device = seededDevice("w", seed: 3)
        device.load(100)
        let first = try device.pay(10, to: "x", timestampMs: 1).get()
        let second = try device.pay(20, to: "y", timestampMs: 2).get()
        #expect(first.counter == 1 && second.counter == 2)
        #expect(first.previousHash == .zero)
        #expect(second.previousHash == first.hash)
        #expect(device.offlineBalanceMinorUnits == 70)
        #expect(device.lastHash == second.hash)
    }

    @Test func deviceRefusesToSignBeyondItsOfflineBalance() {
        var device = seededDevice("w", seed: 4)
        device.load(500)
        #expect(device.pay(501, to: "x", timestampMs: 0)
            == .failure(.insufficientOfflineBalance(availableMinorUnits: 500, requestedMinorUnits: 501)))
        #expect(device.pay(0, to: "x", timestampMs: 0) == .failure(.amountNotPositive))
        #expect(device.pay(1, to: "", timestampMs: 0) == .failure(.payeeWalletInvalid))
        #expect(device.counter == 0 && device.offlineBalanceMinorUnits == 500)
        #expect(!String(describing: device).contains(String(describing: device.publicKey.rawBytes)))
    }

    @Test func truncatedInputNamesTheFieldAndOffsetAtEveryLength() throws {
        let bytes = try Self.sample().wireBytes
        // The field that starts at each offset, from the layout above.
        let starts: [(Int, OfflineTransferField)] = [
            (0, .version), (1, .payerWalletLength), (2, .payerWallet), (14, .payerDevice), (30, .payeeWalletLength),
            (31, .payeeWallet), (41, .payeeDevicePresence), (42, .payeeDevice), (58, .amount), (66, .counter),
            (74, .previousHash), (106, .timestamp), (114, .signature),
        ]
        for length in 0..<bytes.count {
            let (start, field) = starts.last { $0.0 <= length }!
            let end = starts.first { $0.0 > length }?.0 ?? bytes.count
            #expect(throws: OfflineError.truncated(field: field, offset: start, needed: end - length)) {
                try OfflineTransfer(decoding: bytes[0..<length])
            }
        }
    }

    @Test func oversizedInputNamesWhereTheExtraBytesStart() throws {
        let bytes = try Self.sample().wireBytes
        #expect(throws: OfflineError.trailingBytes(offset: 178, count: 3)) {
            try OfflineTransfer(decoding: bytes + [0, 1, 2])
        }
    }

    @Test func badFieldsAreNamedWithTheirOffsets() throws {
        let bytes = try Self.sample().wireBytes
        func with(_ offset: Int, _ value: UInt8) -> [UInt8] {
            var copy = bytes
            copy[offset] = value
            return copy
        }
        #expect(throws: OfflineError.versionUnsupported(2)) { try OfflineTransfer(decoding: with(0, 2)) }
        #expect(throws: OfflineError.lengthOutOfRange(field: .payerWalletLength, offset: 1, length: 0)) {
            try OfflineTransfer(decoding: with(1, 0))
        }
        #expect(throws: OfflineError.lengthOutOfRange(field: .payeeWalletLength, offset: 30, length: 200)) {
            try OfflineTransfer(decoding: with(30, 200))
        }
        #expect(throws: OfflineError.textNotUTF8(field: .payeeWallet, offset: 31)) {
            try OfflineTransfer(decoding: with(31, 0xFF))
        }
        #expect(throws: OfflineError.presenceInvalid(offset: 41, value: 7)) { try OfflineTransfer(decoding: with(41, 7)) }
        var zeroAmount = bytes
        zeroAmount.replaceSubrange(58..<66, with: [UInt8](repeating: 0, count: 8))
        #expect(throws: OfflineError.valueOutOfRange(field: .amount, offset: 58)) {
            try OfflineTransfer(decoding: zeroAmount)
        }
        #expect(throws: OfflineError.valueOutOfRange(field: .amount, offset: 58)) {
            try OfflineTransfer(decoding: with(58, 0x80))
        }
        var zeroCounter = bytes
        zeroCounter.replaceSubrange(66..<74, with: [UInt8](repeating: 0, count: 8))
        #expect(throws: OfflineError.valueOutOfRange(field: .counter, offset: 66)) {
            try OfflineTransfer(decoding: zeroCounter)
        }
        let error = OfflineError.truncated(field: .amount, offset: 58, needed: 3)
        #expect(error.description.contains("58") && error.description.contains("amount"))
    }

    @Test func streamReaderFedByteByByteFindsEveryConcatenatedTransfer() throws {
        var device = seededDevice("w", seed: 5)
        device.load(1_000)
        let transfers = try (1...4).map { try device.pay(Int64($0), to: "payee-\($0)", timestampMs: Int64($0)).get() }
        let stream = transfers.flatMap(\.wireBytes)
        var buffer: [UInt8] = []
        var decoded: [OfflineTransfer] = []
        for byte in stream {
            buffer.append(byte)
            if let (transfer, consumed) = try OfflineTransfer.read(buffer[...]) {
                decoded.append(transfer)
                buffer.removeFirst(consumed)
            }
        }
        #expect(decoded == transfers)
        #expect(buffer.isEmpty)
        // Whole stream at once, from a slice that does not start at index 0.
        var slice = stream[...]
        var again: [OfflineTransfer] = []
        while let (transfer, consumed) = try OfflineTransfer.read(slice) {
            again.append(transfer)
            slice = slice.dropFirst(consumed)
        }
        #expect(again == transfers)
    }

    @Test func randomMutationsDecodeToValidTransfersOrTypedErrors() throws {
        let bytes = try Self.sample().wireBytes
        var random = SeededRandom(seed: 99)
        for _ in 0..<2_000 {
            var mutated = bytes
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                mutated[Int.random(in: 0..<mutated.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            if Bool.random(using: &random) { mutated.removeLast(Int.random(in: 0..<mutated.count, using: &random)) }
            do {
                let transfer = try OfflineTransfer(decoding: mutated)
                // What decodes re-encodes to the same bytes (the encoding is canonical).
                #expect(transfer.wireBytes == mutated)
            } catch {
                #expect(!error.code.isEmpty)
            }
        }
    }
}
