import Foundation
import Testing

/// A running `corridor serve`: started with its output in files, its ISO 8583 port read from the ready line.
final class ServeProcess {
    let process = Process()
    let outputPath: String
    let errorPath: String
    private(set) var port = 0

    /// Starts `corridor serve ARGUMENTS --iso8583-port 0` in `scratch` and waits (up to 60 s) for the ready line.
    init(_ arguments: [String], scratch: Scratch, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try #require(FileManager.default.isExecutableFile(atPath: CorridorBinary.path), "run `swift build` first")
        outputPath = scratch.path("serve.stdout")
        errorPath = scratch.path("serve.stderr")
        try #require(FileManager.default.createFile(atPath: outputPath, contents: nil), "cannot create \(outputPath)")
        try #require(FileManager.default.createFile(atPath: errorPath, contents: nil), "cannot create \(errorPath)")
        process.executableURL = URL(fileURLWithPath: CorridorBinary.path)
        process.arguments = ["serve", "--iso8583-port", "0"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: scratch.directory)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, process.isRunning {
            let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
            if let line = output.split(separator: "\n").first(where: { $0.contains("listening on") }),
                let portText = line.split(separator: ":").dropFirst(2).first?.prefix(while: \.isNumber),
                let port = Int(portText)
            {
                self.port = port
                return
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let errors = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        Issue.record("corridor serve did not report a port; stderr:\n\(errors)", sourceLocation: sourceLocation)
        throw CancellationError()
    }

    /// Sends SIGTERM and waits for the exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// What the server wrote to standard error.
    var standardError: String { (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "" }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}
