/// The HTTP face's small durable table: text keys to text values, kept in the backend's own database (the SQLite
/// file, or the PostgreSQL schema) so API key hashes and idempotent responses survive a restart and are shared by
/// every server on one PostgreSQL.
///
/// Guarantees every implementation gives: `insertIfAbsent` is atomic (of two concurrent inserts under one key,
/// exactly one wins and the other sees the winner's value); a completed write is durable when the call returns.
public protocol HTTPKeyValueStore: Sendable {
    /// The value under `key`, or nil.
    func value(for key: String) async throws -> String?

    /// Stores `value` under `key` unless a value is there already.
    /// - Returns: nil when this call stored it, else the value that was there.
    func insertIfAbsent(_ value: String, for key: String) async throws -> String?

    /// Stores `value` under `key`, replacing any value.
    func setValue(_ value: String, for key: String) async throws

    /// Removes the value under `key`, if any.
    func removeValue(for key: String) async throws

    /// Replaces the value under `key` with `replacement` (removes it when `replacement` is nil), but only when the value
    /// there is exactly `expected`: a compare-and-swap, atomic against every other writer of the table (in any process
    /// sharing it).
    /// - Returns: whether the value was replaced.
    func replaceValue(_ expected: String, with replacement: String?, for key: String) async throws -> Bool

    /// Every key starting with `prefix` (ASCII) with its value, sorted by key.
    func values(withKeyPrefix prefix: String) async throws -> [(key: String, value: String)]
}
