import Crypto
import Foundation

/// An offline device's Ed25519 public key (RFC 8032), as its 32 raw bytes.
///
/// Kept as bytes rather than `Curve25519.Signing.PublicKey` so it is `Sendable` and can be handed to the
/// platform's actor and to verification tasks on other cores.
///
/// Guarantees: always 32 bytes that swift-crypto accepts as an Ed25519 public key.
public struct OfflineDeviceKey: Sendable, Hashable {
    /// The 32 raw key bytes.
    public let rawBytes: [UInt8]

    /// Wraps a swift-crypto public key.
    public init(_ key: Curve25519.Signing.PublicKey) {
        rawBytes = Array(key.rawRepresentation)
    }

    /// Parses 32 raw bytes.
    /// - Throws: ``OfflineError/deviceKeyInvalid`` when swift-crypto rejects them.
    public init(rawBytes: [UInt8]) throws(OfflineError) {
        guard rawBytes.count == 32, (try? Curve25519.Signing.PublicKey(rawRepresentation: rawBytes)) != nil else {
            throw .deviceKeyInvalid
        }
        self.rawBytes = rawBytes
    }

    /// The key as swift-crypto's type.
    public var curve25519: Curve25519.Signing.PublicKey {
        // The bytes were accepted once (by `init`), so this cannot fail.
        try! Curve25519.Signing.PublicKey(rawRepresentation: rawBytes)
    }

    /// The device id this key names.
    public var deviceID: OfflineDeviceID { OfflineDeviceID(publicKey: self) }

    /// Whether `signature` is this key's Ed25519 signature over `message`.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        curve25519.isValidSignature(signature, for: message)
    }
}
