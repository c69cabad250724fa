/// One entry of the flat "objects" view of a decoded payload: an EMV tag path or an SBP/GOST field, and its value.
///
/// EMV paths are two-digit IDs joined by dots (`"00"`, `"29.00"`, `"62.05"`, `"64.01"`, `"63"`); a template's own
/// path holds its raw value. SBP paths are query parameter names (`"type"`, `"bank"`, `"sum"`), GOST paths are
/// field keys (`"Name"`, `"PersonalAcc"`).
public struct MerchantQRObject: Sendable, Hashable, Codable {
    /// The tag path or field name.
    public let path: String
    /// The value text.
    public let value: String

    /// Creates an entry.
    /// - Parameters:
    ///   - path: the tag path or field name.
    ///   - value: the value text.
    public init(path: String, value: String) {
        self.path = path
        self.value = value
    }
}
