/// Why a programmable-money document or rule is not valid: the YAML or JSON does not parse, or a key is missing,
/// unknown or has a value the rule language does not accept. Every case names the key by its path in the document
/// (`contracts[1].rule.allow.mcc[0]`) and the line (1-based; 0 when the value was not read from a document).
/// Spends and confirmations that a rule refuses are values (``ProgrammableRefusal``), not errors.
public enum ProgrammableRuleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text is not YAML (or JSON).
    case yamlInvalid(line: Int, reason: String)
    /// A key the rule language requires is absent.
    case keyMissing(key: String, line: Int)
    /// A key the rule language does not define (a typo is refused, never ignored).
    case keyUnknown(key: String, line: Int)
    /// A value of the wrong shape or out of range.
    case valueInvalid(key: String, line: Int, reason: String)

    /// The key path the error is about, nil for a YAML syntax error.
    public var key: String? {
        switch self {
        case .yamlInvalid: nil
        case .keyMissing(let key, _), .keyUnknown(let key, _), .valueInvalid(let key, _, _): key
        }
    }

    public var description: String {
        switch self {
        case .yamlInvalid(let line, let reason): "line \(line): not YAML or JSON: \(reason)"
        case .keyMissing(let key, let line): "line \(line): \(key) is missing"
        case .keyUnknown(let key, let line): "line \(line): unknown key \(key)"
        case .valueInvalid(let key, let line, let reason): "line \(line): \(key): \(reason)"
        }
    }

    /// The same error with its key under `prefix` and, when it had none, the line given.
    func nested(under prefix: String, line: Int) -> ProgrammableRuleError {
        func join(_ key: String) -> String { prefix.isEmpty ? key : prefix + "." + key }
        switch self {
        case .yamlInvalid: return self
        case .keyMissing(let key, let l): return .keyMissing(key: join(key), line: l == 0 ? line : l)
        case .keyUnknown(let key, let l): return .keyUnknown(key: join(key), line: l == 0 ? line : l)
        case .valueInvalid(let key, let l, let reason):
            return .valueInvalid(key: join(key), line: l == 0 ? line : l, reason: reason)
        }
    }
}
