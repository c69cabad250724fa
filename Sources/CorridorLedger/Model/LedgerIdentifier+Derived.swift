import Crypto
import Foundation

extension LedgerIdentifier {
    /// The id named `name` in `namespace`: the first 16 bytes of SHA-256 of `namespace/name` (zero becomes 1), so every
    /// process that names an account or transfer the same way finds the same id.
    /// - Parameters:
    ///   - namespace: who names it, e.g. `corridor.gateway`.
    ///   - name: the name within the namespace, e.g. `position/mirbank/RUB`.
    public static func derived(namespace: String, name: String) -> LedgerIdentifier {
        let digest = SHA256.hash(data: Data((namespace + "/" + name).utf8))
        var value: UInt128 = 0
        for byte in digest.prefix(16) { value = value << 8 | UInt128(byte) }
        return LedgerIdentifier(value == 0 ? 1 : value)
    }
}
