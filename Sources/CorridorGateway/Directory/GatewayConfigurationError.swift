/// Why a directory, rate, fee or watch-list file was refused; every case names the line and the key or column.
public enum GatewayConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text is not valid YAML or CSV.
    case syntaxInvalid(line: Int, reason: String)
    /// A mandatory key or column is missing.
    case keyMissing(line: Int, key: String)
    /// A key the format does not define.
    case keyUnknown(line: Int, key: String)
    /// A value that does not parse or is out of range.
    case valueInvalid(line: Int, key: String, reason: String)
    /// A value that names something the directory does not hold.
    case referenceUnknown(line: Int, key: String, value: String)
    /// Two entries with the same id.
    case duplicate(line: Int, key: String, value: String)

    public var description: String {
        switch self {
        case .syntaxInvalid(let line, let reason): "line \(line): \(reason)"
        case .keyMissing(let line, let key): "line \(line): \"\(key)\" is missing"
        case .keyUnknown(let line, let key): "line \(line): unknown key \"\(key)\""
        case .valueInvalid(let line, let key, let reason): "line \(line): \"\(key)\": \(reason)"
        case .referenceUnknown(let line, let key, let value): "line \(line): \"\(key)\": \"\(value)\" is not in the directory"
        case .duplicate(let line, let key, let value): "line \(line): \"\(key)\": \"\(value)\" appears twice"
        }
    }
}
