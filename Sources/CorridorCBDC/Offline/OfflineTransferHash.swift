import Crypto
import Foundation

/// The SHA-256 of an offline transfer's signed encoding: its identity, the link of its device's hash chain and the
/// idempotency key of its ledger posting.
///
/// Guarantees: exactly 32 bytes; ``zero`` is the "previous hash" of a device's first transfer.
public struct OfflineTransferHash: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 32 bytes as four big-endian words (cheap to hash and compare).
    private let words: (UInt64, UInt64, UInt64, UInt64)

    /// The length in bytes.
    public static let byteCount = 32

    /// 32 zero bytes: the previous hash of a device's first transfer.
    public static let zero = OfflineTransferHash(words: (0, 0, 0, 0))

    private init(words: (UInt64, UInt64, UInt64, UInt64)) {
        self.words = words
    }

    /// Rebuilds a hash from 32 bytes; nil for another length.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == Self.byteCount else { return nil }
        var values: [UInt64] = [0, 0, 0, 0]
        for (index, byte) in bytes.enumerated() { values[index / 8] = values[index / 8] << 8 | UInt64(byte) }
        words = (values[0], values[1], values[2], values[3])
    }

    /// The SHA-256 of `bytes`.
    public init(hashing bytes: some DataProtocol) {
        self.init(bytes: Array(SHA256.hash(data: bytes)))!
    }

    /// The 32 bytes.
    public var bytes: [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(Self.byteCount)
        for word in [words.0, words.1, words.2, words.3] {
            for shift in stride(from: 56, through: 0, by: -8) { result.append(UInt8(truncatingIfNeeded: word >> shift)) }
        }
        return result
    }

    /// 64 lowercase hex digits.
    public var hex: String { OfflineHex.encode(bytes) }

    public var description: String { hex }

    public static func == (lhs: OfflineTransferHash, rhs: OfflineTransferHash) -> Bool {
        lhs.words == rhs.words
    }

    public static func < (lhs: OfflineTransferHash, rhs: OfflineTransferHash) -> Bool {
        lhs.words < rhs.words
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}
