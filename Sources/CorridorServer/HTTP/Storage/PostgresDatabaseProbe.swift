import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// ``DatabaseProbe`` over one PostgreSQL connection of its own (not the ledger's pool, whose waiting requests are what
/// the probe exists to spare): `SELECT 1` within the timeout, reconnecting after any failure.
public final class PostgresDatabaseProbe: DatabaseProbe {
    /// `PostgreSQL at HOST:PORT (database NAME)`.
    public let databaseName: String
    private let endpoint: PostgresEndpoint
    private let connection = Mutex<PostgresConnection?>(nil)
    private let logger = Logger(label: "corridor.http.probe", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Creates the probe; it connects on the first check.
    /// - Parameters:
    ///   - url: `postgres://user[:password]@host[:port]/database`.
    /// - Throws: ``HTTPStorageError`` for a URL without a host.
    public init(url: String) throws {
        endpoint = try PostgresEndpoint(url: url)
        databaseName = endpoint.description
    }

    /// `SELECT 1` over the kept connection (made first when there is none), within `timeoutSeconds`.
    public func check(timeoutSeconds: Double) async -> String? {
        let existing = connection.withLock { $0 }
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { [endpoint, logger] in
                    var open = existing
                    if open == nil || open?.isClosed == true {
                        open = try await PostgresConnection.connect(
                            configuration: endpoint.connectionConfiguration, id: 1, logger: logger)
                        self.connection.withLock { $0 = open }
                    }
                    guard let open else { return }
                    try await open.query("SELECT 1", logger: logger)
                }
                group.addTask {
                    try await Task.sleep(for: .milliseconds(Int(timeoutSeconds * 1_000)))
                    throw PostgresProbeTimeout()
                }
                defer { group.cancelAll() }
                try await group.next()
            }
            return nil
        } catch {
            await close()
            if error is PostgresProbeTimeout { return "no answer within \(timeoutSeconds) s" }
            if let error = error as? PSQLError { return "\(error.code)" }
            return String(describing: type(of: error))
        }
    }

    /// Closes the kept connection.
    public func close() async {
        let open = connection.withLock { connection -> PostgresConnection? in
            defer { connection = nil }
            return connection
        }
        try? await open?.close()
    }
}

/// A probe that took longer than its timeout.
struct PostgresProbeTimeout: Error {}
