import Foundation
import Testing

/// A throwaway database on the PostgreSQL server of `CORRIDOR_POSTGRES_URL` (started by `Tools/test.sh`), made and
/// dropped with `psql`, for tests that run `corridor` against PostgreSQL.
struct ScratchPostgresDatabase {
    /// The URL of the new database.
    let url: String
    private let serverURL: String
    private let name: String

    /// Creates one; nil (the test is skipped) when no server is configured and this is not CI, where it is required.
    static func create(sourceLocation: SourceLocation = #_sourceLocation) throws -> ScratchPostgresDatabase? {
        guard let server = ProcessInfo.processInfo.environment["CORRIDOR_POSTGRES_URL"], !server.isEmpty else {
            #expect(!ExternalTool.isCI, "CORRIDOR_POSTGRES_URL is not set: run the tests with Tools/test.sh",
                    sourceLocation: sourceLocation)
            return nil
        }
        let name = "corridor_cli_" + UUID().uuidString.prefix(8).lowercased()
        let psql = ExternalTool(name: "psql", debianPackage: "postgresql-client")
        let made = try psql.run([server, "-v", "ON_ERROR_STOP=1", "-q", "-c", "CREATE DATABASE \(name)"])
        try #require(made.status == 0, "psql could not create \(name)", sourceLocation: sourceLocation)
        // The server URL with its database (the path) replaced.
        var components = try #require(URLComponents(string: server), sourceLocation: sourceLocation)
        components.path = "/" + name
        return ScratchPostgresDatabase(url: try #require(components.string), serverURL: server, name: name)
    }

    /// Drops it (its connections are closed first).
    func drop() {
        let psql = ExternalTool(name: "psql", debianPackage: "postgresql-client")
        _ = try? psql.run([serverURL, "-q", "-c", "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"])
    }
}
