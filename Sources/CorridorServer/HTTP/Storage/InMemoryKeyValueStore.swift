/// The in-memory table (the memory backend, tests).
public actor InMemoryKeyValueStore: HTTPKeyValueStore {
    private var values: [String: String] = [:]

    /// Creates an empty table.
    public init() {}

    /// The value under `key`.
    public func value(for key: String) -> String? { values[key] }

    /// Stores unless present; returns the value that was there.
    public func insertIfAbsent(_ value: String, for key: String) -> String? {
        if let existing = values[key] { return existing }
        values[key] = value
        return nil
    }

    /// Stores, replacing.
    public func setValue(_ value: String, for key: String) { values[key] = value }

    /// Removes.
    public func removeValue(for key: String) { values[key] = nil }

    /// Replaces (or removes) only when the value there is `expected`.
    public func replaceValue(_ expected: String, with replacement: String?, for key: String) -> Bool {
        guard values[key] == expected else { return false }
        values[key] = replacement
        return true
    }

    /// The keys starting with `prefix`, sorted.
    public func values(withKeyPrefix prefix: String) -> [(key: String, value: String)] {
        values.filter { $0.key.hasPrefix(prefix) }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
