extension OfflineTransfer {
    /// The version byte this build writes and reads.
    public static let encodingVersion: UInt8 = 1

    /// The wire form: ``signedBytes`` followed by the signature.
    public var wireBytes: [UInt8] { signedBytes + signature }

    /// Decodes exactly one transfer in wire form.
    /// - Throws: ``OfflineError/truncated(field:offset:needed:)`` when the input ends early,
    ///   ``OfflineError/trailingBytes(offset:count:)`` when bytes follow the signature, and the field errors of
    ///   ``OfflineError`` for bad values; each names the byte offset.
    public init(decoding bytes: some Collection<UInt8>) throws(OfflineError) {
        let input = Array(bytes)
        let (transfer, consumed) = try Self.decodePrefix(input[...])
        guard consumed == input.count else { throw .trailingBytes(offset: consumed, count: input.count - consumed) }
        self = transfer
    }

    /// Reads one transfer from the front of `bytes` (a stream of concatenated transfers).
    /// - Returns: the transfer and how many bytes it took, or nil when `bytes` end before the transfer does.
    /// - Throws: the field errors of ``OfflineError`` for bad values (never `truncated`).
    public static func read(_ bytes: ArraySlice<UInt8>) throws(OfflineError) -> (transfer: OfflineTransfer, consumed: Int)? {
        do {
            return try decodePrefix(bytes)
        } catch .truncated {
            return nil
        } catch {
            throw error
        }
    }

    /// Decodes one transfer from the front of `bytes`; offsets are counted from `bytes.startIndex`.
    /// - Returns: the transfer and how many bytes it took.
    /// - Throws: any decoding case of ``OfflineError`` but `trailingBytes`.
    public static func decodePrefix(
        _ bytes: ArraySlice<UInt8>
    ) throws(OfflineError) -> (transfer: OfflineTransfer, consumed: Int) {
        var reader = Reader(bytes: bytes)
        let version = try reader.readByte(.version)
        guard version == encodingVersion else { throw .versionUnsupported(version) }
        let payerWallet = try reader.readWallet(length: .payerWalletLength, text: .payerWallet)
        let payerDevice = OfflineDeviceID(bytes: try reader.readBytes(.payerDevice, count: OfflineDeviceID.byteCount))!
        let payeeWallet = try reader.readWallet(length: .payeeWalletLength, text: .payeeWallet)
        let presenceOffset = reader.offset
        let presence = try reader.readByte(.payeeDevicePresence)
        var payeeDevice: OfflineDeviceID?
        switch presence {
        case 0: payeeDevice = nil
        case 1: payeeDevice = OfflineDeviceID(bytes: try reader.readBytes(.payeeDevice, count: OfflineDeviceID.byteCount))!
        default: throw .presenceInvalid(offset: presenceOffset, value: presence)
        }
        let amountOffset = reader.offset
        let amount = try reader.readUInt64(.amount)
        guard amount >= 1, amount <= UInt64(Int64.max) else { throw .valueOutOfRange(field: .amount, offset: amountOffset) }
        let counterOffset = reader.offset
        let counter = try reader.readUInt64(.counter)
        guard counter >= 1 else { throw .valueOutOfRange(field: .counter, offset: counterOffset) }
        let previousHash = OfflineTransferHash(
            bytes: try reader.readBytes(.previousHash, count: OfflineTransferHash.byteCount)
        )!
        let timestamp = Int64(bitPattern: try reader.readUInt64(.timestamp))
        let signedEnd = reader.offset
        let signature = Array(try reader.readBytes(.signature, count: signatureByteCount))
        let start = bytes.startIndex
        let transfer = OfflineTransfer(
            payerWallet: payerWallet, payerDevice: payerDevice, payeeWallet: payeeWallet, payeeDevice: payeeDevice,
            amountMinorUnits: Int64(amount), counter: counter, previousHash: previousHash, timestampMs: timestamp,
            signature: signature, signedBytes: Array(bytes[start..<(start + signedEnd)])
        )
        return (transfer, reader.offset)
    }

    /// The canonical encoding of the signed fields, after checking each against the layout's constraints.
    static func encodeSignedBytes(
        payerWallet: WalletID, payerDevice: OfflineDeviceID, payeeWallet: WalletID, payeeDevice: OfflineDeviceID?,
        amountMinorUnits: Int64, counter: UInt64, previousHash: OfflineTransferHash, timestampMs: Int64
    ) throws(OfflineError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(wireByteCountMax)
        bytes.append(encodingVersion)
        try appendWallet(payerWallet, field: .payerWalletLength, to: &bytes)
        bytes += payerDevice.bytes
        try appendWallet(payeeWallet, field: .payeeWalletLength, to: &bytes)
        if let payeeDevice {
            bytes.append(1)
            bytes += payeeDevice.bytes
        } else {
            bytes.append(0)
        }
        guard amountMinorUnits >= 1 else { throw .valueOutOfRange(field: .amount, offset: bytes.count) }
        appendUInt64(UInt64(amountMinorUnits), to: &bytes)
        guard counter >= 1 else { throw .valueOutOfRange(field: .counter, offset: bytes.count) }
        appendUInt64(counter, to: &bytes)
        bytes += previousHash.bytes
        appendUInt64(UInt64(bitPattern: timestampMs), to: &bytes)
        return bytes
    }

    private static func appendWallet(
        _ wallet: WalletID, field: OfflineTransferField, to bytes: inout [UInt8]
    ) throws(OfflineError) {
        let utf8 = Array(wallet.utf8)
        guard (1...walletLengthMax).contains(utf8.count) else {
            throw .lengthOutOfRange(field: field, offset: bytes.count, length: utf8.count)
        }
        bytes.append(UInt8(utf8.count))
        bytes += utf8
    }

    private static func appendUInt64(_ value: UInt64, to bytes: inout [UInt8]) {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
    }

    /// A cursor over the input; `offset` counts from the first byte of the transfer.
    private struct Reader {
        let bytes: ArraySlice<UInt8>
        var offset = 0

        init(bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
        }

        mutating func readBytes(_ field: OfflineTransferField, count: Int) throws(OfflineError) -> ArraySlice<UInt8> {
            let available = bytes.count - offset
            guard available >= count else { throw .truncated(field: field, offset: offset, needed: count - available) }
            let start = bytes.startIndex + offset
            offset += count
            return bytes[start..<(start + count)]
        }

        mutating func readByte(_ field: OfflineTransferField) throws(OfflineError) -> UInt8 {
            try readBytes(field, count: 1).first!
        }

        mutating func readUInt64(_ field: OfflineTransferField) throws(OfflineError) -> UInt64 {
            var value: UInt64 = 0
            for byte in try readBytes(field, count: 8) { value = value << 8 | UInt64(byte) }
            return value
        }

        mutating func readWallet(
            length lengthField: OfflineTransferField, text textField: OfflineTransferField
        ) throws(OfflineError) -> WalletID {
            let lengthOffset = offset
            let length = Int(try readByte(lengthField))
            guard (1...OfflineTransfer.walletLengthMax).contains(length) else {
                throw .lengthOutOfRange(field: lengthField, offset: lengthOffset, length: length)
            }
            let textOffset = offset
            let utf8 = try readBytes(textField, count: length)
            guard let text = String(validating: utf8, as: UTF8.self) else {
                throw .textNotUTF8(field: textField, offset: textOffset)
            }
            return text
        }
    }
}
