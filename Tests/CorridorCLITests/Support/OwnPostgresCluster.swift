#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// A PostgreSQL cluster of one test's own (its own data directory and port), made, stopped and started with
/// `Tools/postgres-test-cluster.sh` (the same initdb and pg_ctl every test cluster uses), so a test may stop and
/// restart it without touching the cluster other tests share.
final class OwnPostgresCluster {
    /// `postgres://corridor@127.0.0.1:PORT/corridor_test`.
    let url: String
    /// The TCP port, kept across restarts.
    let port: Int
    private let directory: String

    /// Whether the server binaries are installed (or this is CI, where their absence must fail).
    static var isAvailable: Bool {
        ExternalTool.isCI
            || ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []).contains {
                FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/\($0)/bin/pg_ctl")
            }
    }

    /// How many random ports a new cluster tries before giving up.
    static let startAttemptCountMax = 5

    /// Creates and starts a cluster in `directory` on a free port from a random start. The script checks the port
    /// is free, but another process may take it before the server binds it: then another random port is tried.
    init(directory: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        self.directory = directory
        var output = try Self.script(["start", directory], port: Int.random(in: 56_000..<60_000))
        for _ in 1..<Self.startAttemptCountMax
        where output.status != 0 && output.text.contains("Address already in use") {
            output = try Self.script(["start", directory], port: Int.random(in: 56_000..<60_000))
        }
        try #require(output.status == 0, "the cluster did not start:\n\(output.text)", sourceLocation: sourceLocation)
        let line = try #require(
            output.text.split(separator: "\n").first { $0.contains("CORRIDOR_POSTGRES_URL=") },
            "no URL in:\n\(output.text)", sourceLocation: sourceLocation)
        url = String(line.split(separator: "=", maxSplits: 1)[1])
        port = try #require(URLComponents(string: url)?.port, sourceLocation: sourceLocation)
    }

    /// Stops the server (`pg_ctl stop -m fast`: clients are disconnected at once).
    func stop(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let output = try Self.script(["stop", directory], port: port)
        try #require(output.status == 0, "the cluster did not stop:\n\(output.text)", sourceLocation: sourceLocation)
    }

    /// Starts it again on the same port.
    func start(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let output = try Self.script(["start", directory], port: port)
        try #require(output.status == 0, "the cluster did not restart:\n\(output.text)", sourceLocation: sourceLocation)
        try #require(output.text.contains(":\(port)/"), "restarted on another port:\n\(output.text)")
    }

    deinit {
        _ = try? Self.script(["destroy", directory], port: port)
    }

    /// Runs the script with `CORRIDOR_PG_PORT` set; standard output and error together, through a file.
    ///
    /// Spawned with posix_spawn and reaped with waitpid, not with Foundation's `Process`: on Linux `Process` learns
    /// that its child exited from a descriptor the child inherits, and the server `pg_ctl` starts inherits it too and
    /// keeps it open, so `waitUntilExit()` would wait for the server, not for the script.
    static func script(_ arguments: [String], port: Int) throws -> (status: Int32, text: String) {
        let scratch = try Scratch()
        let outputPath = scratch.path("script.out")
        let script = CorridorBinary.packageRoot.appendingPathComponent("Tools/postgres-test-cluster.sh").path
        // Descriptors above 2 are closed first, so the server started never holds one of this test process's.
        let command =
            "for fd in $(ls /proc/$$/fd); do [ \"$fd\" -gt 2 ] && eval \"exec $fd>&-\"; done 2>/dev/null; "
            + "CORRIDOR_PG_PORT=\(port) exec /bin/bash \"$0\" \"$@\" >'\(outputPath)' 2>&1 </dev/null"
        let argv = ["/bin/bash", "-c", command, script] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["CORRIDOR_PG_DIR"] = nil
        let envp = environment.map { "\($0.key)=\($0.value)" }
        var pid: pid_t = 0
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = envp.map { strdup($0) } + [nil]
        defer {
            cArguments.forEach { free($0) }
            cEnvironment.forEach { free($0) }
        }
        let spawned = posix_spawn(&pid, "/bin/bash", nil, nil, cArguments, cEnvironment)
        guard spawned == 0 else { throw RawTCPClient.ClientError("posix_spawn: \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return (exitStatus, (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "")
    }
}
