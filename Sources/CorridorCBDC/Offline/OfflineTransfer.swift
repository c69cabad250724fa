import CorridorCore
import Foundation

/// A digital-ruble payment one offline device signs for another wallet, with no platform contact
/// (DESIGN.md §5, "Offline").
///
/// ## Encoding (version 1)
/// All integers big-endian. `signedBytes` is everything up to the signature; the wire form appends the signature.
///
/// | bytes | field | constraint |
/// |---|---|---|
/// | 1 | version | 0x01 |
/// | 1 | payer wallet length *n* | 1...128 |
/// | *n* | payer wallet id | UTF-8 |
/// | 16 | payer device id | SHA-256(public key)[0..<16] |
/// | 1 | payee wallet length *m* | 1...128 |
/// | *m* | payee wallet id | UTF-8 |
/// | 1 | payee device presence | 0 or 1 |
/// | 16 | payee device id | only when presence is 1 |
/// | 8 | amount in kopecks (RUB minor units) | 1...Int64.max |
/// | 8 | counter | ≥ 1, per payer device |
/// | 32 | previous hash | SHA-256 of the payer device's previous `signedBytes`; zeros for counter's first |
/// | 8 | timestamp, ms since 1970 | signed (two's complement) |
/// | 64 | Ed25519 signature over `signedBytes` | wire form only |
///
/// The encoding is canonical: one value has one encoding, so ``hash`` identifies a transfer.
///
/// Guarantees: every field satisfies the table's constraints (checked on creation and decoding); `signedBytes`
/// and `hash` always match the fields. The signature is not checked here — only ``OfflineSync`` knows the keys.
public struct OfflineTransfer: Sendable, Hashable {
    /// The paying wallet (its offline reserve for `payerDevice` is debited at sync).
    public let payerWallet: WalletID
    /// The device that signed.
    public let payerDevice: OfflineDeviceID
    /// The wallet credited at sync.
    public let payeeWallet: WalletID
    /// The payee's device, when the payment was made device to device.
    public let payeeDevice: OfflineDeviceID?
    /// The amount in kopecks.
    public let amountMinorUnits: Int64
    /// The payer device's counter for this transfer (1 for its first).
    public let counter: UInt64
    /// The hash of the payer device's previous transfer (``OfflineTransferHash/zero`` for its first).
    public let previousHash: OfflineTransferHash
    /// When the payer signed, in milliseconds since 1970 (the device's clock; informational).
    public let timestampMs: Int64
    /// The Ed25519 signature over ``signedBytes`` (64 bytes when well formed).
    public let signature: [UInt8]
    /// The canonical encoding of every field above but the signature: what is signed and hashed.
    public let signedBytes: [UInt8]
    /// SHA-256 of ``signedBytes``.
    public let hash: OfflineTransferHash

    /// The longest wallet id, in UTF-8 bytes (the ledger's owner limit).
    public static let walletLengthMax = 128
    /// The length of an Ed25519 signature.
    public static let signatureByteCount = 64
    /// The longest wire form: both wallets at their maximum, a payee device, the signature.
    public static let wireByteCountMax = 1 + 1 + walletLengthMax + 16 + 1 + walletLengthMax + 1 + 16 + 8 + 8 + 32 + 8
        + signatureByteCount

    /// The amount as money.
    public var amount: Money { Money(minorUnits: amountMinorUnits, currency: Self.currency) }

    /// Offline transfers are in digital rubles.
    public static let currency = Currency(alphaCode: "RUB")!

    /// Assembles a transfer from its fields and a signature made elsewhere (a device, or a decoder).
    /// - Throws: ``OfflineError/lengthOutOfRange(field:offset:length:)`` for an empty or too long wallet id,
    ///   ``OfflineError/valueOutOfRange(field:offset:)`` for a non-positive amount or a zero counter.
    public init(
        payerWallet: WalletID, payerDevice: OfflineDeviceID, payeeWallet: WalletID, payeeDevice: OfflineDeviceID?,
        amountMinorUnits: Int64, counter: UInt64, previousHash: OfflineTransferHash, timestampMs: Int64,
        signature: [UInt8]
    ) throws(OfflineError) {
        let body = try Self.encodeSignedBytes(
            payerWallet: payerWallet, payerDevice: payerDevice, payeeWallet: payeeWallet, payeeDevice: payeeDevice,
            amountMinorUnits: amountMinorUnits, counter: counter, previousHash: previousHash, timestampMs: timestampMs
        )
        self.init(
            payerWallet: payerWallet, payerDevice: payerDevice, payeeWallet: payeeWallet, payeeDevice: payeeDevice,
            amountMinorUnits: amountMinorUnits, counter: counter, previousHash: previousHash,
            timestampMs: timestampMs, signature: signature, signedBytes: body
        )
    }

    /// Assembles a transfer whose `signedBytes` are known to match the fields.
    init(
        payerWallet: WalletID, payerDevice: OfflineDeviceID, payeeWallet: WalletID, payeeDevice: OfflineDeviceID?,
        amountMinorUnits: Int64, counter: UInt64, previousHash: OfflineTransferHash, timestampMs: Int64,
        signature: [UInt8], signedBytes: [UInt8]
    ) {
        self.payerWallet = payerWallet
        self.payerDevice = payerDevice
        self.payeeWallet = payeeWallet
        self.payeeDevice = payeeDevice
        self.amountMinorUnits = amountMinorUnits
        self.counter = counter
        self.previousHash = previousHash
        self.timestampMs = timestampMs
        self.signature = signature
        self.signedBytes = signedBytes
        self.hash = OfflineTransferHash(hashing: signedBytes)
    }

    /// The same transfer with another signature (for tests of forged and re-signed transfers).
    public func withSignature(_ signature: [UInt8]) -> OfflineTransfer {
        OfflineTransfer(
            payerWallet: payerWallet, payerDevice: payerDevice, payeeWallet: payeeWallet, payeeDevice: payeeDevice,
            amountMinorUnits: amountMinorUnits, counter: counter, previousHash: previousHash,
            timestampMs: timestampMs, signature: signature, signedBytes: signedBytes
        )
    }
}
