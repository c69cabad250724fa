/// One `Key=Value` pair of a GOST R 56042-2014 payload.
public struct GOSTField: Sendable, Hashable, Codable {
    /// The key, e.g. `Purpose` or `LastName`.
    public let key: String
    /// The value text.
    public let value: String

    /// Creates a pair.
    /// - Parameters:
    ///   - key: the key.
    ///   - value: the value.
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}
