/// Who is calling, decided by the API key: the operator (sees and does everything) or one participant (sees only
/// its own merchants, accounts, wallets and payments).
public enum HTTPCaller: Sendable, Hashable, CustomStringConvertible {
    /// The operator's admin key.
    case admin
    /// A participant's key.
    case participant(String)

    /// Whether the caller may act for `participant`.
    /// - Parameters:
    ///   - participant: the participant owning a resource.
    public func mayAccess(_ participant: String) -> Bool {
        switch self {
        case .admin: true
        case .participant(let id): id == participant
        }
    }

    /// Whether the caller may see a resource with any of these owners.
    /// - Parameters:
    ///   - owners: the participants a resource belongs to.
    public func mayAccessAny(_ owners: some Sequence<String>) -> Bool {
        switch self {
        case .admin: true
        case .participant(let id): owners.contains(id)
        }
    }

    /// `admin` or the participant id (idempotency keys are scoped by it).
    public var description: String {
        switch self {
        case .admin: "admin"
        case .participant(let id): "participant:\(id)"
        }
    }
}
