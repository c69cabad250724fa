import Foundation
import PostgresNIO

/// A `postgres://user[:password]@host[:port]/database` URL taken apart, for the HTTP face's own connections (the key
/// table, the health probe). Its ``description`` never holds the user's password.
struct PostgresEndpoint: Sendable, CustomStringConvertible {
    let host: String
    let port: Int
    let username: String
    let password: String?
    let database: String?

    /// Parses the URL.
    /// - Throws: ``HTTPStorageError/configurationInvalid(_:)`` without a host.
    init(url: String) throws {
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
            throw HTTPStorageError.configurationInvalid("expected postgres://user@host:port/database")
        }
        let database = components.path.drop { $0 == "/" }
        self.host = host
        port = components.port ?? 5432
        username = components.user.map { $0.removingPercentEncoding ?? $0 } ?? "postgres"
        password = components.password.map { $0.removingPercentEncoding ?? $0 }
        self.database = database.isEmpty ? nil : String(database)
    }

    /// `PostgreSQL at HOST:PORT (database NAME)`.
    var description: String {
        "PostgreSQL at \(host):\(port)" + (database.map { " (database \($0))" } ?? "")
    }

    /// A pool's configuration (no TLS: the servers the HTTP face talks to are the ledger's, on loopback or a
    /// private network, as the ledger's own pool decides).
    var clientConfiguration: PostgresClient.Configuration {
        PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: .disable)
    }

    /// A single connection's configuration.
    var connectionConfiguration: PostgresConnection.Configuration {
        PostgresConnection.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: .disable)
    }
}
