/// Why the HTTP face's table cannot be opened.
public enum HTTPStorageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The location is not usable (the text never holds a password).
    case configurationInvalid(String)

    public var description: String {
        switch self {
        case .configurationInvalid(let what): "HTTP key table: invalid \(what)"
        }
    }
}
