import CorridorCore
import Crypto
import Foundation
import Synchronization

/// API keys: random, shown once, stored only as their SHA-256 hash in the ``HTTPKeyValueStore``.
///
/// Layout: `apikey:<hash hex>` → the owner (`admin` or a participant id) and `apikey-owner:<owner>` → the hash of
/// the owner's current key. A key authenticates while it is its owner's current key, so issuing a new key revokes
/// the old one.
///
/// Guarantees: a presented key is accepted only after a constant-time comparison of its SHA-256 digest with the
/// owner's stored digest (``ConstantTimeComparison``). Finding the owner looks the digest up by value (the cache is
/// scanned in full, the table by its index); that lookup's timing can reveal at most how many leading bytes of a
/// stored *digest* a guess's digest shares, which does not help to find a key (SHA-256 is preimage-resistant), and
/// the final equality check does not exit early.
public final class APIKeyStore: Sendable {
    /// The owner name of the operator's key.
    public static let adminOwner = "admin"
    /// Keys remembered as checked; the memory starts over beyond this many (every holder has one current key).
    static let cacheCountMax = 4_096
    private let table: any HTTPKeyValueStore
    /// Digests already checked, so a request costs no table read (keys revoked by another process are seen after
    /// this process restarts; within one process `issue` drops the entry). A list scanned in full with
    /// ``ConstantTimeComparison``, not a dictionary, so the scan takes the same time wherever a match is.
    private let cache = Mutex<[(digest: [UInt8], caller: HTTPCaller)]>([])

    /// Creates the store over a table.
    public init(table: any HTTPKeyValueStore) {
        self.table = table
    }

    /// Creates a new key for `owner` (revoking its previous one) and returns it: the only time it is visible.
    /// - Parameters:
    ///   - owner: ``adminOwner`` or a participant id.
    public func issue(for owner: String) async throws -> String {
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = generator.next() }
        let prefix = owner == Self.adminOwner ? "cka_" : "ckp_"
        let key = prefix + Hexadecimal.lowercase(bytes)
        let hash = Self.hash(key)
        if let previous = try await table.value(for: "apikey-owner:" + owner) {
            try await table.removeValue(for: "apikey:" + previous)
            let revoked = Self.digestBytes(hex: previous)
            cache.withLock { $0.removeAll { ConstantTimeComparison.equal($0.digest, revoked) } }
        }
        try await table.setValue(owner, for: "apikey:" + hash)
        try await table.setValue(hash, for: "apikey-owner:" + owner)
        return key
    }

    /// Whether `owner` has a key.
    public func hasKey(_ owner: String) async throws -> Bool {
        try await table.value(for: "apikey-owner:" + owner) != nil
    }

    /// The caller a presented key belongs to, or nil for an unknown or revoked key.
    /// - Parameters:
    ///   - key: the key as presented.
    public func caller(for key: String) async throws -> HTTPCaller? {
        guard !key.isEmpty, key.utf8.count <= 128 else { return nil }
        let digest = Array(SHA256.hash(data: Data(key.utf8)))
        if let known = cachedCaller(digest) { return known }
        let hash = Self.hex(digest)
        guard let owner = try await table.value(for: "apikey:" + hash),
            let current = try await table.value(for: "apikey-owner:" + owner),
            ConstantTimeComparison.equal(Self.digestBytes(hex: current), digest)
        else { return nil }
        let caller: HTTPCaller = owner == Self.adminOwner ? .admin : .participant(owner)
        cache.withLock { entries in
            if entries.count >= Self.cacheCountMax { entries.removeAll(keepingCapacity: true) }
            entries.append((digest, caller))
        }
        return caller
    }

    /// The cached caller of `digest`: every entry is compared (no early exit), the match kept.
    private func cachedCaller(_ digest: [UInt8]) -> HTTPCaller? {
        cache.withLock { entries in
            var found: HTTPCaller?
            for entry in entries where ConstantTimeComparison.equal(entry.digest, digest) { found = entry.caller }
            return found
        }
    }

    /// SHA-256 of the key's UTF-8 bytes, lowercase hex.
    static func hash(_ key: String) -> String {
        hex(Array(SHA256.hash(data: Data(key.utf8))))
    }

    static func hex(_ bytes: [UInt8]) -> String {
        Hexadecimal.lowercase(bytes)
    }

    /// The bytes of a stored lowercase-hex digest (an odd or non-hex text gives bytes no digest equals).
    static func digestBytes(hex text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        var high: UInt8?
        for character in text.utf8 {
            let nibble: UInt8
            switch character {
            case 0x30...0x39: nibble = character - 0x30
            case 0x61...0x66: nibble = character - 0x61 + 10
            default: return []
            }
            if let first = high {
                bytes.append(first << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return high == nil ? bytes : []
    }
}
