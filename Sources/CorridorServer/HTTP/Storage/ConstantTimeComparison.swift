/// Byte comparison whose time does not depend on where two equal-length inputs differ, for secrets and their digests
/// (API key hashes): an attacker timing the answers learns nothing about how many leading bytes matched.
public enum ConstantTimeComparison {
    /// Whether `lhs` and `rhs` hold the same bytes. Every byte pair is XORed into one accumulator with no early exit;
    /// only the lengths (public: every key digest is 32 bytes) decide quickly.
    /// - Parameters:
    ///   - lhs: one byte sequence.
    ///   - rhs: the other.
    public static func equal(_ lhs: some Collection<UInt8>, _ rhs: some Collection<UInt8>) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(lhs, rhs) { difference |= left ^ right }
        return difference == 0
    }
}
