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
    // Kept as bytes: `SymmetricKey` is not `Sendable`, and building one per call costs a copy of 32 bytes.
    private let keyBytes: Data

    /// Creates a tokenizer with a secret key (at least 16 bytes).
    public init(key: Data) {
        precondition(key.count >= 16, "a tokenization key needs at least 16 bytes")
        self.keyBytes = key
    }

    /// Creates a tokenizer with a fresh random 256-bit key.
    public init() {
        self.keyBytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
    }

    /// The token for a PAN.
    public func token(for pan: PrimaryAccountNumber) -> CardToken {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(pan.unmaskedDigits.utf8), using: SymmetricKey(data: keyBytes))
        let hex = mac.prefix(16).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
        return CardToken(token: "tok_" + hex, lastFour: pan.lastFour, scheme: pan.scheme)
    }
}
