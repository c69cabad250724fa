/// Something that tells whether the server's database answers: `corridor serve` probes its PostgreSQL server with
/// one, so it can report unhealthy and refuse work promptly while the database is gone.
public protocol DatabaseProbe: Sendable {
    /// The database for people, e.g. `PostgreSQL at 127.0.0.1:5432 (database corridor)`: never a password.
    var databaseName: String { get }

    /// Asks the database for a trivial answer within `timeoutSeconds`.
    /// - Returns: nil when it answered, else why not (no password, no query values).
    func check(timeoutSeconds: Double) async -> String?

    /// Releases the probe's connection.
    func close() async
}
