import CorridorLedger
import PostgresNIO

/// Turns postgres-nio errors into ``LedgerError`` values and tells which ones a batch may retry.
///
/// Messages carry the SQLSTATE, the server's primary message and where we connected (host and port): never the
/// query text, its bound values, the server's detail line (it can quote row values) or credentials.
enum PostgresLedgerErrors {
    /// SQLSTATEs after which the whole transaction is retried: a concurrent insert of the same transfer or account id
    /// (unique_violation), a serialization failure, a deadlock.
    static let retryableStates: Set<String> = ["23505", "40001", "40P01"]

    /// True when `error` is a conflict with a concurrent writer that a fresh attempt resolves.
    static func isRetryable(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError, error.code == .server,
              let state = error.serverInfo?[.sqlState] else { return false }
        return retryableStates.contains(state)
    }

    /// True when `error` is PostgreSQL's numeric_value_out_of_range (22003): a balance counter would pass
    /// `Int64.max`. A batch that added unlocked deltas retries in exact mode, where the book rejects the transfer.
    static func isOverflow(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError, error.code == .server else { return false }
        return error.serverInfo?[.sqlState] == "22003"
    }

    /// The ledger error for any failure while talking to PostgreSQL.
    static func ledgerError(_ error: any Error, doing action: String, endpoint: String) -> LedgerError {
        if let error = error as? LedgerError { return error }
        if let error = error as? PSQLError {
            if error.code == .server, let info = error.serverInfo {
                let state = info[.sqlState] ?? "?????"
                let message = info[.message] ?? "server error"
                return .storage("\(action): PostgreSQL error \(state): \(message)")
            }
            return .storage("\(action): \(error.code) (\(endpoint))")
        }
        if error is PostgresDecodingError {
            return .storage("\(action): a column did not have the expected type (schema changed underneath?)")
        }
        if error is CancellationError { return .storage("\(action): cancelled") }
        return .storage("\(action): \(String(describing: type(of: error))) (\(endpoint))")
    }
}
