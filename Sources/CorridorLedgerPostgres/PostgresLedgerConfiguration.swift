import CorridorLedger
import Foundation
import PostgresNIO

/// Where and how to connect: parsed from a `postgres://user:password@host:port/database?sslmode=…` URL, plus the
/// schema name (given separately, never taken from the URL).
///
/// Every component keeping tables beside the ledger's (the gateway's payment store) connects with it too, so one URL
/// means the same server, TLS mode and schema everywhere.
///
/// Guarantees: the schema name is a plain lowercase identifier, so it can be spliced into SQL as a quoted
/// identifier; the password never appears in any description or error, and is not public.
public struct PostgresLedgerConfiguration: Sendable {
    /// The server's host name or address.
    public let host: String
    /// The server's TCP port (5432 when the URL names none).
    public let port: Int
    /// The role to connect as (`postgres` when the URL names none).
    public let username: String
    let password: String?
    /// The database (the server's default for the role when the URL names none).
    public let database: String?
    /// The TLS mode (`sslmode`).
    public let tlsMode: TLSMode
    /// The schema holding the ledger's tables, validated by ``validatedSchema(_:)``.
    public let schema: String

    /// libpq's `sslmode`, reduced to what postgres-nio offers.
    public enum TLSMode: String, Sendable {
        case disable, prefer, require
    }

    /// The longest schema name PostgreSQL keeps (NAMEDATALEN - 1).
    static let schemaLengthMax = 63
    /// The URL query parameters understood; anything else is rejected rather than silently ignored.
    static let knownParameters: Set<String> = ["sslmode"]

    /// Parses `url` and validates `schema`.
    /// - Parameters:
    ///   - url: `postgres://user:password@host:port/database`, optional `?sslmode=disable|prefer|require` (loopback
    ///     hosts default to `disable`, others to `prefer`); unknown parameters are refused.
    ///   - schema: the schema name (never taken from the URL).
    /// - Throws: ``LedgerError/invalidConfiguration(_:)`` naming what is wrong (without the password).
    public init(url: String, schema: String) throws {
        guard let components = URLComponents(string: url),
              let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql" else {
            throw LedgerError.invalidConfiguration("expected a postgres://user@host:port/database URL")
        }
        guard let host = components.host, !host.isEmpty else {
            throw LedgerError.invalidConfiguration("the PostgreSQL URL has no host")
        }
        var tlsMode: TLSMode = Self.isLoopback(host) ? .disable : .prefer
        for item in components.queryItems ?? [] {
            guard Self.knownParameters.contains(item.name) else {
                throw LedgerError.invalidConfiguration(
                    "unknown PostgreSQL URL parameter \"\(item.name)\" (known: \(Self.knownParameters.sorted()))"
                )
            }
            switch (item.name, item.value.flatMap { TLSMode(rawValue: $0) }) {
            case ("sslmode", let mode?): tlsMode = mode
            default: throw LedgerError.invalidConfiguration("sslmode must be disable, prefer or require")
            }
        }
        let path = components.percentEncodedPath.drop { $0 == "/" }
        self.host = host
        self.port = components.port ?? 5432
        self.username = components.user.map { $0.removingPercentEncoding ?? $0 } ?? "postgres"
        self.password = components.password.map { $0.removingPercentEncoding ?? $0 }
        self.database = path.isEmpty ? nil : String(path).removingPercentEncoding
        self.tlsMode = tlsMode
        self.schema = try Self.validatedSchema(schema)
    }

    /// A schema name that can be spliced into SQL: 1…63 of `a-z`, `0-9`, `_`, not starting with a digit.
    /// - Throws: ``LedgerError/invalidConfiguration(_:)`` for any other name.
    public static func validatedSchema(_ schema: String) throws -> String {
        let bytes = Array(schema.utf8)
        let valid = !bytes.isEmpty && bytes.count <= schemaLengthMax
            && bytes.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
            && !(bytes[0] >= 0x30 && bytes[0] <= 0x39)
        guard valid else {
            throw LedgerError.invalidConfiguration(
                "schema name must be 1…\(schemaLengthMax) of a-z, 0-9 and _, not starting with a digit"
            )
        }
        return schema
    }

    /// Where we connect, for error messages: host and port only, never the user or password.
    public var endpointDescription: String { "\(host):\(port)" }

    var tls: PostgresClient.Configuration.TLS {
        switch tlsMode {
        case .disable: .disable
        case .prefer: .prefer(.makeClientConfiguration())
        case .require: .require(.makeClientConfiguration())
        }
    }

    /// The pool's configuration.
    /// - Parameter poolSize: the most connections the pool opens; at least 1.
    public func clientConfiguration(poolSize: Int) -> PostgresClient.Configuration {
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tls
        )
        configuration.options.maximumConnections = poolSize
        configuration.options.minimumConnections = min(2, poolSize - 1)
        configuration.options.connectTimeout = .seconds(10)
        // Every join the ledger runs probes an index from a short list of ids, which a nested loop does best; and a
        // nested loop over sorted ids makes the balance update lock its rows in id order (see PostgresBatchSQL).
        configuration.options.additionalStartupParameters = Self.sessionSettings
        return configuration
    }

    /// Settings of every pooled session.
    static let sessionSettings = [("enable_hashjoin", "off"), ("enable_mergejoin", "off")]

    /// The configuration of the single connection that runs migrations (and proves the server is reachable: a
    /// pooled client waits instead of failing when it is not).
    /// - Throws: NIOSSL's error when a TLS context cannot be made.
    public func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let connectionTLS: PostgresConnection.Configuration.TLS = switch tlsMode {
        case .disable: .disable
        case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        return PostgresConnection.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: connectionTLS
        )
    }

    private static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }
}
