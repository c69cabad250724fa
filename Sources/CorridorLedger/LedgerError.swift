/// An operating error of a settlement backend: the request could not be carried out at all (as opposed to a
/// rejection, which is a value). Descriptions never hold card data.
public enum LedgerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A batch is larger than ``SettlementBackend/batchSizeMax``; nothing was applied.
    case batchTooLarge(count: Int, max: Int)
    /// The store could not be opened, read or written (disk full, connection lost, …); nothing was applied.
    case storage(String)
    /// The store's schema is newer than this build understands.
    case schemaTooNew(found: Int, supported: Int)
    /// A backend URL or option is malformed.
    case invalidConfiguration(String)

    public var description: String {
        switch self {
        case .batchTooLarge(let count, let max): "batch of \(count) exceeds the limit of \(max)"
        case .storage(let message): "storage error: \(message)"
        case .schemaTooNew(let found, let supported): "schema version \(found) is newer than supported \(supported)"
        case .invalidConfiguration(let message): "invalid ledger configuration: \(message)"
        }
    }
}
