import Foundation
import Testing

/// A command-line tool the CLI tests check images with (`zbarimg`, `rsvg-convert`), as the CorridorQRImage tests do.
///
/// Tests that need one are enabled when it is installed, or always when `CI` is set: on CI a missing tool fails
/// the test with the package to install, so a decoder that is not there never lets a test pass silently.
struct ExternalTool: Sendable, CustomStringConvertible {
    let name: String
    let debianPackage: String

    static let zbarimg = ExternalTool(name: "zbarimg", debianPackage: "zbar-tools")
    static let rsvgConvert = ExternalTool(name: "rsvg-convert", debianPackage: "librsvg2-bin")
    static let python = ExternalTool(name: "python3", debianPackage: "python3")

    var description: String { name }

    static var isCI: Bool {
        guard let value = ProcessInfo.processInfo.environment["CI"] else { return false }
        return !value.isEmpty && value != "0" && value.lowercased() != "false"
    }

    var path: String? {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return directories.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func shouldRun(_ tools: ExternalTool...) -> Bool {
        isCI || tools.allSatisfy { $0.path != nil }
    }

    func require(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try #require(
            path, "\(name) is not on PATH; install the Debian package \(debianPackage)", sourceLocation: sourceLocation)
    }

    /// Runs the tool; standard error is discarded (zbarimg prints D-Bus noise there without a system bus).
    func run(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws
        -> (status: Int32, output: [UInt8])
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try require(sourceLocation: sourceLocation))
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, Array(bytes))
    }
}

/// Reads QR images back, independently of the CLI's own `qr decode --image`.
enum ImageDecoder {
    /// The exact bytes of the single QR code in a PNG or SVG file (SVG rasterized with rsvg-convert first).
    static func payloadBytes(ofImageAt path: String, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> [UInt8]
    {
        var png = path
        let scratch = try Scratch()
        if path.hasSuffix(".svg") {
            png = scratch.path("raster.png")
            let raster = try ExternalTool.rsvgConvert.run(
                ["--format", "png", "--output", png, path], sourceLocation: sourceLocation)
            try #require(raster.status == 0, "rsvg-convert failed on \(path)", sourceLocation: sourceLocation)
        }
        let result = try ExternalTool.zbarimg.run(["--raw", "-q", "-Sbinary", png], sourceLocation: sourceLocation)
        try #require(
            result.status == 0, "zbarimg found no QR code in \(path) (exit \(result.status))",
            sourceLocation: sourceLocation)
        return result.output
    }
}
