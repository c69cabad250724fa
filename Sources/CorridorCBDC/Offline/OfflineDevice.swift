import Crypto
import Foundation

/// Why a device refused to sign an offline payment.
public enum OfflinePaymentRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// The amount exceeds what the device believes its offline reserve still holds.
    case insufficientOfflineBalance(availableMinorUnits: Int64, requestedMinorUnits: Int64)
    /// The amount is zero or negative.
    case amountNotPositive
    /// The payee wallet id is empty or longer than ``OfflineTransfer/walletLengthMax`` bytes.
    case payeeWalletInvalid
    /// The counter reached `UInt64.max`: the device must be re-keyed.
    case counterExhausted

    public var description: String {
        switch self {
        case .insufficientOfflineBalance(let available, let requested):
            "offline balance \(available) is less than \(requested)"
        case .amountNotPositive: "amount must be positive"
        case .payeeWalletInvalid: "payee wallet id is empty or too long"
        case .counterExhausted: "device counter exhausted"
        }
    }
}

/// A phone or card holding an offline digital-ruble balance: it signs transfers with its Ed25519 key
/// (RFC 8032, swift-crypto) without contacting the platform.
///
/// Guarantees: counters are 1, 2, 3, … with no gaps; each transfer's previous hash is the hash of the one before
/// (zeros for the first); the device never signs beyond ``offlineBalanceMinorUnits``, which only ``load(_:)``
/// raises and each signed transfer lowers. A copied value shares the key but not the future: two copies that
/// both sign produce a double spend, which is how tests model a cloned device.
public struct OfflineDevice: Sendable, CustomStringConvertible {
    /// The wallet whose offline reserve this device spends.
    public let wallet: WalletID
    /// The public key, registered with the platform.
    public let publicKey: OfflineDeviceKey
    /// The id derived from the public key.
    public let id: OfflineDeviceID
    /// The counter of the last signed transfer (0 before the first).
    public private(set) var counter: UInt64 = 0
    /// The hash of the last signed transfer (zeros before the first).
    public private(set) var lastHash: OfflineTransferHash = .zero
    /// What the device believes its offline reserve still holds, in kopecks.
    public private(set) var offlineBalanceMinorUnits: Int64 = 0
    /// The private key's 32 raw bytes: kept as bytes so the device is `Sendable`; never printed.
    private let privateKeyBytes: [UInt8]

    /// Creates a device for a wallet.
    /// - Parameters:
    ///   - wallet: the wallet whose reserve it spends.
    ///   - privateKey: its signing key (a fresh random key by default; tests pass a seeded one).
    public init(wallet: WalletID, privateKey: Curve25519.Signing.PrivateKey = .init()) {
        self.wallet = wallet
        privateKeyBytes = Array(privateKey.rawRepresentation)
        publicKey = OfflineDeviceKey(privateKey.publicKey)
        id = publicKey.deviceID
    }

    /// Everything a device holds, for keeping it in a file between runs (the `corridor wallet offline-*` commands).
    /// It contains the private key: whoever has a snapshot can sign for the device.
    public struct Snapshot: Sendable, Hashable, Codable {
        /// The wallet whose reserve the device spends.
        public var wallet: WalletID
        /// The Ed25519 private key, 32 bytes as hex.
        public var privateKey: String
        /// The counter of the last signed transfer.
        public var counter: UInt64
        /// The hash of the last signed transfer, hex.
        public var lastHash: String
        /// What the device believes its reserve holds, kopecks.
        public var offlineBalanceMinorUnits: Int64

        enum CodingKeys: String, CodingKey {
            case wallet, privateKey = "private_key", counter, lastHash = "last_hash"
            case offlineBalanceMinorUnits = "offline_balance_minor_units"
        }
    }

    /// The device's state, private key included.
    public var snapshot: Snapshot {
        Snapshot(wallet: wallet, privateKey: OfflineHex.encode(privateKeyBytes), counter: counter, lastHash: lastHash.hex,
                 offlineBalanceMinorUnits: offlineBalanceMinorUnits)
    }

    /// A device restored from a ``snapshot``.
    /// - Throws: ``OfflineError/deviceKeyInvalid`` when the key or the hash does not decode, or the balance is negative.
    public init(snapshot: Snapshot) throws(OfflineError) {
        guard let keyBytes = OfflineHex.decode(snapshot.privateKey),
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: keyBytes),
              let hashBytes = OfflineHex.decode(snapshot.lastHash), let hash = OfflineTransferHash(bytes: hashBytes),
              snapshot.offlineBalanceMinorUnits >= 0
        else { throw .deviceKeyInvalid }
        self.init(wallet: snapshot.wallet, privateKey: key)
        counter = snapshot.counter
        lastHash = hash
        offlineBalanceMinorUnits = snapshot.offlineBalanceMinorUnits
    }

    /// Adds funds the platform moved into this device's reserve (see ``OfflineReserve/fund(_:idempotencyKey:)``).
    /// The device trusts the caller: loading more than was funded makes later transfers exceed the reserve, which
    /// the platform detects as a double spend.
    /// - Parameter amountMinorUnits: kopecks, positive.
    public mutating func load(_ amountMinorUnits: Int64) {
        precondition(amountMinorUnits > 0, "a load is positive")
        let (sum, overflow) = offlineBalanceMinorUnits.addingReportingOverflow(amountMinorUnits)
        precondition(!overflow, "offline balance overflow")
        offlineBalanceMinorUnits = sum
    }

    /// Signs a payment to another wallet (or to this device's own wallet, which returns reserve funds at sync).
    /// - Parameters:
    ///   - amountMinorUnits: kopecks.
    ///   - payeeWallet: the wallet credited at sync.
    ///   - payeeDevice: the payee's device, when paying device to device.
    ///   - timestampMs: the device's clock, ms since 1970.
    /// - Returns: the signed transfer, or why the device refused (then nothing changed).
    public mutating func pay(
        _ amountMinorUnits: Int64, to payeeWallet: WalletID, payeeDevice: OfflineDeviceID? = nil, timestampMs: Int64
    ) -> Result<OfflineTransfer, OfflinePaymentRefusal> {
        guard amountMinorUnits > 0 else { return .failure(.amountNotPositive) }
        guard amountMinorUnits <= offlineBalanceMinorUnits else {
            return .failure(.insufficientOfflineBalance(
                availableMinorUnits: offlineBalanceMinorUnits, requestedMinorUnits: amountMinorUnits
            ))
        }
        guard counter < UInt64.max else { return .failure(.counterExhausted) }
        let next = counter + 1
        let body: [UInt8]
        do {
            body = try OfflineTransfer.encodeSignedBytes(
                payerWallet: wallet, payerDevice: id, payeeWallet: payeeWallet, payeeDevice: payeeDevice,
                amountMinorUnits: amountMinorUnits, counter: next, previousHash: lastHash, timestampMs: timestampMs
            )
        } catch {
            // The amount and counter were checked above, so only a wallet length can be wrong; a bad payer
            // wallet would be a programming error in whoever made this device.
            precondition(!wallet.isEmpty && wallet.utf8.count <= OfflineTransfer.walletLengthMax, "payer wallet id")
            return .failure(.payeeWalletInvalid)
        }
        // The bytes came from a valid key (`init` took a `PrivateKey`), and BoringSSL's Ed25519 signing does not
        // fail, so neither `try!` can trap.
        let key = try! Curve25519.Signing.PrivateKey(rawRepresentation: privateKeyBytes)
        let signature = Array(try! key.signature(for: body))
        let transfer = OfflineTransfer(
            payerWallet: wallet, payerDevice: id, payeeWallet: payeeWallet, payeeDevice: payeeDevice,
            amountMinorUnits: amountMinorUnits, counter: next, previousHash: lastHash, timestampMs: timestampMs,
            signature: signature, signedBytes: body
        )
        counter = next
        lastHash = transfer.hash
        offlineBalanceMinorUnits -= amountMinorUnits
        return .success(transfer)
    }

    /// The wallet and device id, never the key.
    public var description: String { "OfflineDevice(wallet: \(wallet), id: \(id), counter: \(counter))" }
}
