import Crypto
import Foundation

/// What Corridor keeps of a card instead of its PAN: a keyed token, the BIN's scheme and the last four digits.
public struct CardToken: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `tok_` followed by 32 lowercase hex digits of HMAC-SHA256(key, PAN).
    public let token: String
    /// The last four digits.
    public let lastFour: String
    /// The scheme recognised from the BIN.
    public let scheme: CardScheme

    public var description: String { "\(token) (\(scheme.displayName) …\(lastFour))" }
}

/// Turns PANs into stable tokens with HMAC-SHA256, so the same card maps to the same token without the PAN ever
/// being stored. Without the key a token cannot be reversed or recomputed.
public struct CardTokenizer: Sendable {
    // HMAC (RFC 2104) spelled out over SHA-256 with the key's two padded blocks computed once: swift-crypto's
    // `HMAC` rebuilds its key schedule from a `SymmetricKey` on every call, which cost ~17 µs per token here.
    private let innerPad: [UInt8]
    private let outerPad: [UInt8]
    private static let blockSize = 64
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Creates a tokenizer with a secret key (at least 16 bytes).
    public init(key: Data) {
        precondition(key.count >= 16, "a tokenization key needs at least 16 bytes")
        var block = key.count > Self.blockSize ? Array(SHA256.hash(data: key)) : Array(key)
        block += [UInt8](repeating: 0, count: Self.blockSize - block.count)
        innerPad = block.map { $0 ^ 0x36 }
        outerPad = block.map { $0 ^ 0x5C }
    }

    /// Creates a tokenizer with a fresh random 256-bit key.
    public init() {
        self.init(key: SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) })
    }

    /// The token for a PAN: `tok_` and the first 128 bits of HMAC-SHA256(key, PAN digits) in lowercase hex.
    public func token(for pan: PrimaryAccountNumber) -> CardToken {
        var inner = SHA256()
        inner.update(data: innerPad)
        var digits = pan.unmaskedDigits
        digits.withUTF8 { inner.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        let innerDigest = inner.finalize()
        var outer = SHA256()
        outer.update(data: outerPad)
        innerDigest.withUnsafeBytes { outer.update(bufferPointer: $0) }
        let mac = outer.finalize()
        var text = [UInt8]("tok_".utf8)
        text.reserveCapacity(36)
        for byte in mac.prefix(16) {
            text.append(Self.hexDigits[Int(byte >> 4)])
            text.append(Self.hexDigits[Int(byte & 0x0F)])
        }
        return CardToken(token: String(decoding: text, as: UTF8.self), lastFour: pan.lastFour, scheme: pan.scheme)
    }
}
