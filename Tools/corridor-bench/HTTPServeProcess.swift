import Foundation

/// A release-built `corridor serve` started by `corridor-bench http` in a scratch folder: HTTP on a free loopback
/// port, the ISO 8583 endpoint on another, keys issued with `--init`. Its standard output and error go to files in
/// the folder (`serve.out`, `serve.err`), read for the ready line and the keys, and kept for a failed run.
final class HTTPServeProcess {
    /// The longest a start may take (migrations, provisioning, a PostgreSQL connection).
    static let startSecondsMax = 120.0
    /// The line `serve` prints when it listens.
    static let readyPrefix = "corridor: HTTP listening on "

    /// The bound HTTP port.
    let port: Int
    /// The keys `--init` printed, by owner (`admin`, participant ids).
    let keys: [String: String]
    /// The server's process id (for `perf record -p`).
    var processID: Int32 { process.processIdentifier }
    private let process: Process
    private let errorFile: URL

    /// The `corridor` executable beside this one (both are products of one `swift build -c release`), or
    /// `CORRIDOR_BENCH_CORRIDOR` when set.
    static var executable: URL {
        if let chosen = ProcessInfo.processInfo.environment["CORRIDOR_BENCH_CORRIDOR"], !chosen.isEmpty {
            return URL(fileURLWithPath: chosen)
        }
        #if os(Linux)
        let this = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        #else
        let this = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        #endif
        return this.deletingLastPathComponent().appendingPathComponent("corridor")
    }

    /// Starts `corridor serve --init` in `directory` with `backendArguments` and waits for its ready line.
    /// - Parameters:
    ///   - directory: the scratch folder (the SQLite file, the token key and the logs go there).
    ///   - world: the gateway world folder.
    ///   - backendArguments: `--backend sqlite:FILE` or `--postgres URL`.
    /// - Throws: ``HTTPSuite/Failure`` when the executable is missing, the server exits, or it is not ready in time.
    init(directory: URL, world: URL, backendArguments: [String]) throws {
        let executable = Self.executable
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw HTTPSuite.Failure(
                "\(executable.path) not found: build it first (swift build -c release --product corridor)")
        }
        let outputFile = directory.appendingPathComponent("serve.out")
        errorFile = directory.appendingPathComponent("serve.err")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        process = Process()
        process.executableURL = executable
        process.currentDirectoryURL = directory
        process.arguments = ["serve", "--init", "--http-port", "0", "--iso8583-port", "0", "--world", world.path]
            + backendArguments
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()

        let deadline = Date().addingTimeInterval(Self.startSecondsMax)
        var ready: (port: Int, keys: [String: String])?
        while ready == nil {
            let text = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
            ready = Self.parse(text)
            if ready != nil { break }
            guard process.isRunning else {
                throw HTTPSuite.Failure(
                    "corridor serve exited with \(process.terminationStatus): \(Self.tail(errorFile))")
            }
            guard Date() < deadline else {
                process.terminate()
                throw HTTPSuite.Failure("corridor serve was not ready in \(Int(Self.startSecondsMax)) s")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        port = ready!.port
        keys = ready!.keys
    }

    /// The port and keys from the output so far, once the ready line is there.
    static func parse(_ output: String) -> (port: Int, keys: [String: String])? {
        var keys: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let words = line.split(separator: " ")
            if words.count == 4, words[0] == "corridor:", words[1] == "key" {
                keys[String(words[2])] = String(words[3])
            }
            if line.hasPrefix(readyPrefix) {
                // "corridor: HTTP listening on 127.0.0.1:PORT, backend …"
                let address = line.dropFirst(readyPrefix.count).prefix { $0 != "," && $0 != " " }
                guard let port = address.split(separator: ":").last.flatMap({ Int($0) }) else { return nil }
                return (port, keys)
            }
        }
        return nil
    }

    /// Stops the server (SIGTERM: it drains and exits) and waits for it.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    deinit { stop() }

    /// The last lines the server wrote to standard error (for a failure's message).
    func errorTail() -> String { Self.tail(errorFile) }

    private static func tail(_ file: URL) -> String {
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(5).joined(separator: " | ")
    }
}
