/// A field of an offline transfer's binary encoding (see ``OfflineTransfer`` for the layout).
public enum OfflineTransferField: String, Sendable, Hashable, CaseIterable {
    case version
    case payerWalletLength = "payer_wallet_length"
    case payerWallet = "payer_wallet"
    case payerDevice = "payer_device"
    case payeeWalletLength = "payee_wallet_length"
    case payeeWallet = "payee_wallet"
    case payeeDevicePresence = "payee_device_presence"
    case payeeDevice = "payee_device"
    case amount
    case counter
    case previousHash = "previous_hash"
    case timestamp
    case signature
}

/// What went wrong with offline digital-ruble data: an encoding that does not decode (with the field and the byte
/// offset, counted from the first byte of the transfer), a field out of range, or a device key. Payment refusals
/// and sync rejections are values (``OfflinePaymentRefusal``, ``OfflineSyncRejection``), not errors.
///
/// Descriptions never hold key material or signatures.
public enum OfflineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The input ends inside `field`, which starts at byte `offset` and lacks `needed` bytes.
    case truncated(field: OfflineTransferField, offset: Int, needed: Int)
    /// The version byte (offset 0) is not one this build reads.
    case versionUnsupported(UInt8)
    /// A wallet length byte is outside 1...``OfflineTransfer/walletLengthMax``.
    case lengthOutOfRange(field: OfflineTransferField, offset: Int, length: Int)
    /// A wallet id is not UTF-8.
    case textNotUTF8(field: OfflineTransferField, offset: Int)
    /// The payee-device presence byte is neither 0 nor 1.
    case presenceInvalid(offset: Int, value: UInt8)
    /// The amount is zero or above `Int64.max`, or the counter is zero.
    case valueOutOfRange(field: OfflineTransferField, offset: Int)
    /// Bytes follow a complete transfer (the input is oversized): `count` of them from `offset`.
    case trailingBytes(offset: Int, count: Int)
    /// A public key that swift-crypto does not accept as Ed25519.
    case deviceKeyInvalid
    /// The device key is registered to another wallet already.
    case deviceRegisteredToAnotherWallet(OfflineDeviceID)
    /// A sync batch larger than ``OfflineSync/transfersPerSyncMax``.
    case syncBatchTooLarge(count: Int, max: Int)

    /// A stable snake_case code.
    public var code: String {
        switch self {
        case .truncated: "truncated"
        case .versionUnsupported: "version_unsupported"
        case .lengthOutOfRange: "length_out_of_range"
        case .textNotUTF8: "text_not_utf8"
        case .presenceInvalid: "presence_invalid"
        case .valueOutOfRange: "value_out_of_range"
        case .trailingBytes: "trailing_bytes"
        case .deviceKeyInvalid: "device_key_invalid"
        case .deviceRegisteredToAnotherWallet: "device_registered_to_another_wallet"
        case .syncBatchTooLarge: "sync_batch_too_large"
        }
    }

    public var description: String {
        switch self {
        case .truncated(let field, let offset, let needed):
            "offline transfer truncated in \(field.rawValue) at byte \(offset): \(needed) more bytes needed"
        case .versionUnsupported(let version): "offline transfer version \(version) at byte 0 is not supported"
        case .lengthOutOfRange(let field, let offset, let length):
            "\(field.rawValue) at byte \(offset): length \(length) outside 1...\(OfflineTransfer.walletLengthMax)"
        case .textNotUTF8(let field, let offset): "\(field.rawValue) at byte \(offset) is not UTF-8"
        case .presenceInvalid(let offset, let value):
            "payee_device_presence at byte \(offset) is \(value); expected 0 or 1"
        case .valueOutOfRange(let field, let offset): "\(field.rawValue) at byte \(offset) is out of range"
        case .trailingBytes(let offset, let count): "\(count) bytes after the transfer, from byte \(offset)"
        case .deviceKeyInvalid: "not an Ed25519 public key"
        case .deviceRegisteredToAnotherWallet(let device): "device \(device) is registered to another wallet"
        case .syncBatchTooLarge(let count, let max): "sync of \(count) transfers exceeds the limit of \(max)"
        }
    }
}
