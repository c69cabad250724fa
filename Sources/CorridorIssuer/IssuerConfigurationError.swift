/// Why an issuer portfolio file or definition was refused; every case names the line and the key.
public enum IssuerConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file is not YAML.
    case yamlInvalid(line: Int, reason: String)
    /// A required key is missing.
    case keyMissing(line: Int, key: String)
    /// A key the format does not define.
    case keyUnknown(line: Int, key: String)
    /// A key's value has the wrong type or is out of range.
    case valueInvalid(line: Int, key: String, reason: String)
    /// A rate is not a positive decimal.
    case rateInvalid(pair: String, value: String)
    /// A card names an issuer the file does not define.
    case issuerUnknown(line: Int, issuer: String)
    /// Two cards tokenize to the same token (the same PAN twice); the card is named by its last four digits.
    case cardDuplicate(line: Int, lastFour: String)

    public var description: String {
        switch self {
        case .yamlInvalid(let line, let reason): "line \(line): not valid YAML: \(reason)"
        case .keyMissing(let line, let key): "line \(line): missing key \"\(key)\""
        case .keyUnknown(let line, let key): "line \(line): unknown key \"\(key)\""
        case .valueInvalid(let line, let key, let reason): "line \(line): \"\(key)\": \(reason)"
        case .rateInvalid(let pair, let value): "rate \(pair): \"\(value)\" is not a positive decimal"
        case .issuerUnknown(let line, let issuer): "line \(line): unknown issuer \"\(issuer)\""
        case .cardDuplicate(let line, let lastFour): "line \(line): card …\(lastFour) is listed twice"
        }
    }
}
