import Foundation
import Testing

/// The built `corridor` executable, run as a subprocess: the CLI is tested as scripts use it.
///
/// The tests do not build it: `Tools/test.sh` runs `swift build` before `swift test`.
enum CorridorBinary {
    /// The package root: three levels above this file (Tests/CorridorCLITests/Support).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `.build/debug/corridor` under the package root.
    static let path = packageRoot.appendingPathComponent(".build/debug/corridor").path

    /// A file under `Samples/`.
    static func sample(_ relativePath: String) -> String {
        packageRoot.appendingPathComponent("Samples").appendingPathComponent(relativePath).path
    }

    /// What one run printed and how it exited.
    struct Result: CustomStringConvertible {
        let status: Int32
        let standardOutput: [UInt8]
        let standardError: String

        /// Standard output as UTF-8 text.
        var output: String { String(decoding: standardOutput, as: UTF8.self) }
        /// Standard output's lines, without the final empty one.
        var lines: [String] {
            var lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.last == "" { lines.removeLast() }
            return lines
        }
        var description: String { "exit \(status)\nstdout:\n\(output)\nstderr:\n\(standardError)" }
    }

    /// Runs `corridor` with arguments; standard output and error go to files, so neither pipe can fill up.
    /// - Parameters:
    ///   - arguments: the arguments after `corridor`.
    ///   - input: bytes for standard input (empty input when nil).
    ///   - directory: the working directory (the package root when nil).
    ///   - shellPrefix: bash commands run first, in the process that then becomes `corridor` (e.g. `ulimit -f 64;`).
    static func run(
        _ arguments: [String], input: [UInt8]? = nil, directory: String? = nil, shellPrefix: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Result {
        try #require(
            FileManager.default.isExecutableFile(atPath: path),
            "\(path) is missing: run `swift build` before `swift test` (Tools/test.sh does)",
            sourceLocation: sourceLocation)
        let scratch = try Scratch()
        let outputPath = scratch.path("stdout")
        let errorPath = scratch.path("stderr")
        try #require(FileManager.default.createFile(atPath: outputPath, contents: nil), "cannot create \(outputPath)")
        try #require(FileManager.default.createFile(atPath: errorPath, contents: nil), "cannot create \(errorPath)")
        let process = Process()
        if let shellPrefix {
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", shellPrefix + " exec \"$0\" \"$@\"", path] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = arguments
        }
        process.currentDirectoryURL = URL(fileURLWithPath: directory ?? packageRoot.path)
        var environment = ProcessInfo.processInfo.environment
        // Help text wraps at the terminal width; a fixed width keeps the golden files stable.
        environment["COLUMNS"] = "80"
        process.environment = environment
        let outputHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        let errorHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        process.standardOutput = outputHandle
        process.standardError = errorHandle
        let inputPipe = Pipe()
        process.standardInput = inputPipe
        try process.run()
        inputPipe.fileHandleForWriting.write(Data(input ?? []))
        try inputPipe.fileHandleForWriting.close()
        process.waitUntilExit()
        try outputHandle.close()
        try errorHandle.close()
        return Result(
            status: process.terminationStatus,
            standardOutput: Array(try Data(contentsOf: URL(fileURLWithPath: outputPath))),
            standardError: String(decoding: try Data(contentsOf: URL(fileURLWithPath: errorPath)), as: UTF8.self))
    }

    /// Runs `corridor` and parses its standard output as one JSON object.
    static func json(_ arguments: [String], input: [UInt8]? = nil, sourceLocation: SourceLocation = #_sourceLocation)
        throws -> (result: Result, object: [String: Any])
    {
        let result = try run(arguments, input: input, sourceLocation: sourceLocation)
        #expect(result.lines.count == 1, "expected one line of JSON:\n\(result)", sourceLocation: sourceLocation)
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput)) as? [String: Any]
        return (result, try #require(object, "not a JSON object:\n\(result)", sourceLocation: sourceLocation))
    }
}
