import PostgresNIO

/// Turns postgres-nio errors into the reasons ``PostgresPaymentStoreError`` carries, and tells which ones a fresh
/// attempt resolves (as the ledger's `PostgresLedgerErrors` does).
///
/// A reason holds the SQLSTATE and the server's primary message, or postgres-nio's error code and where we connected
/// (host and port): never the query text, its bound values, the server's detail line or credentials. Data exceptions
/// (SQLSTATE class 22) keep only their SQLSTATE: their primary messages quote the offending value.
enum PostgresPaymentErrors {
    /// SQLSTATEs after which a statement is retried: a serialization failure, a deadlock (two `save` calls upserting
    /// the same ids in different orders).
    static let retryableStates: Set<String> = ["40001", "40P01"]

    /// True when `error` is a conflict with a concurrent writer that a fresh attempt resolves.
    static func isRetryable(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError, error.code == .server,
              let state = error.serverInfo?[.sqlState] else { return false }
        return retryableStates.contains(state)
    }

    /// What went wrong, for ``PostgresPaymentStoreError``.
    static func reason(_ error: any Error, endpoint: String) -> String {
        if let error = error as? PSQLError {
            if error.code == .server, let info = error.serverInfo {
                let state = info[.sqlState] ?? "?????"
                guard !state.hasPrefix("22") else { return "PostgreSQL error \(state) (data exception)" }
                return "PostgreSQL error \(state): \(info[.message] ?? "server error")"
            }
            return "\(error.code) (\(endpoint))"
        }
        if error is PostgresDecodingError {
            return "a column did not have the expected type (schema changed underneath?)"
        }
        if error is CancellationError { return "cancelled" }
        return "\(String(describing: type(of: error))) (\(endpoint))"
    }
}
