import Foundation

/// One `wrk` run against the local server, with a script from ``HTTPWrkScripts``, and what it measured.
///
/// wrk's own summary (its text output) is copied to standard error so a run leaves wrk's numbers beside the JSON
/// lines; the figures are taken from the script's `corridor-wrk:` line, not scraped from that text.
struct HTTPWrkRun {
    /// What the script's `done()` printed.
    struct Summary: Decodable {
        let requests: Int
        let durationUs: Int
        let p50Us: Double
        let p90Us: Double
        let p99Us: Double
        let maxUs: Double
        let non2xx: Int
        let declined: Int
        let firstBad: String
        let connectErrors: Int
        let readErrors: Int
        let writeErrors: Int
        let timeouts: Int

        enum CodingKeys: String, CodingKey {
            case requests, declined, timeouts
            case durationUs = "duration_us"
            case p50Us = "p50_us", p90Us = "p90_us", p99Us = "p99_us", maxUs = "max_us"
            case non2xx
            case firstBad = "first_bad"
            case connectErrors = "connect_errors", readErrors = "read_errors", writeErrors = "write_errors"
        }

        /// Completed requests per second of the run.
        var requestsPerSecond: Double { durationUs > 0 ? Double(requests) * 1e6 / Double(durationUs) : 0 }

        /// Milliseconds with three decimals.
        static func ms(_ microseconds: Double) -> Double { microseconds.rounded() / 1000 }
    }

    /// The wrk executable: `CORRIDOR_BENCH_WRK`, else `/usr/bin/wrk`, else the first `wrk` on `PATH`.
    static var executable: URL? {
        let environment = ProcessInfo.processInfo.environment
        var candidates: [String] = []
        if let chosen = environment["CORRIDOR_BENCH_WRK"], !chosen.isEmpty { candidates.append(chosen) }
        candidates.append("/usr/bin/wrk")
        for folder in (environment["PATH"] ?? "").split(separator: ":") { candidates.append("\(folder)/wrk") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }.map { URL(fileURLWithPath: $0) }
    }

    let threads: Int
    let connections: Int
    let seconds: Int

    /// Runs wrk with `script` (written to `directory/name.lua`) against `http://127.0.0.1:port`.
    /// - Throws: ``HTTPSuite/Failure`` when wrk is missing, fails, or prints no summary line.
    func run(script: String, name: String, port: Int, in directory: URL) throws -> Summary {
        guard let wrk = Self.executable else {
            throw HTTPSuite.Failure("wrk not found: install it (Tools/install-deps.sh --bench, or apt-get install wrk)")
        }
        let scriptFile = directory.appendingPathComponent("\(name).lua")
        try script.write(to: scriptFile, atomically: true, encoding: .utf8)
        let outputFile = directory.appendingPathComponent("\(name).wrk.txt")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        let process = Process()
        process.executableURL = wrk
        process.arguments = [
            "-t", String(threads), "-c", String(connections), "-d", "\(seconds)s", "--timeout", "10s",
            "-s", scriptFile.path, "http://127.0.0.1:\(port)",
        ]
        let output = try FileHandle(forWritingTo: outputFile)
        process.standardOutput = output
        process.standardError = output
        try process.run()
        process.waitUntilExit()
        try output.close()
        let text = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
        FileHandleOutput.standardError("http: \(name): wrk \(process.arguments!.joined(separator: " "))\n"
            + text.split(separator: "\n").filter { !$0.hasPrefix("corridor-wrk:") }.map { "  " + $0 }
            .joined(separator: "\n") + "\n")
        guard process.terminationStatus == 0 else {
            throw HTTPSuite.Failure("wrk exited with \(process.terminationStatus): \(text)")
        }
        guard let line = text.split(separator: "\n").last(where: { $0.hasPrefix("corridor-wrk: ") }) else {
            throw HTTPSuite.Failure("wrk printed no corridor-wrk line: \(text)")
        }
        return try JSONDecoder().decode(Summary.self, from: Data(line.dropFirst("corridor-wrk: ".count).utf8))
    }
}
