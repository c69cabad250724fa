import Crypto
import Foundation
import Synchronization

/// API keys: random, shown once, stored only as their SHA-256 hash in the ``HTTPKeyValueStore``.
///
/// Layout: `apikey:<hash hex>` → the owner (`admin` or a participant id) and `apikey-owner:<owner>` → the hash of
/// the owner's current key. A key authenticates while it is its owner's current key, so issuing a new key revokes
/// the old one.
public final class APIKeyStore: Sendable {
    /// The owner name of the operator's key.
    public static let adminOwner = "admin"
    private let table: any HTTPKeyValueStore
    /// Hashes already checked, so a request costs no table read (keys revoked by another process are seen after
    /// this process restarts; within one process `issue` clears the entry).
    private let cache = Mutex<[String: HTTPCaller]>([:])

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
        let key = prefix + bytes.map { String(format: "%02x", $0) }.joined()
        let hash = Self.hash(key)
        if let previous = try await table.value(for: "apikey-owner:" + owner) {
            try await table.removeValue(for: "apikey:" + previous)
            _ = cache.withLock { $0.removeValue(forKey: previous) }
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
        let hash = Self.hash(key)
        if let known = cache.withLock({ $0[hash] }) { return known }
        guard let owner = try await table.value(for: "apikey:" + hash),
            try await table.value(for: "apikey-owner:" + owner) == hash
        else { return nil }
        let caller: HTTPCaller = owner == Self.adminOwner ? .admin : .participant(owner)
        cache.withLock { $0[hash] = caller }
        return caller
    }

    /// SHA-256 of the key's UTF-8 bytes, lowercase hex.
    static func hash(_ key: String) -> String {
        SHA256.hash(data: Data(key.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
