import Foundation
import Testing

/// A command-line tool the image tests decode or rasterize with (`zbarimg`, `rsvg-convert`).
///
/// Tests that need one are enabled when it is installed, or always when `CI` is set: on CI a missing tool
/// fails the test with the package to install, so a decoder that is not there never lets a test pass silently.
struct ExternalTool: Sendable, CustomStringConvertible {
    /// The executable's name on `PATH`.
    let name: String
    /// The Debian package that installs it.
    let debianPackage: String

    /// zbar's command-line decoder: reads PNG and other raster images.
    static let zbarimg = ExternalTool(name: "zbarimg", debianPackage: "zbar-tools")
    /// librsvg's rasterizer: turns SVG into PNG for zbarimg.
    static let rsvgConvert = ExternalTool(name: "rsvg-convert", debianPackage: "librsvg2-bin")

    var description: String { name }

    /// Whether `CI` is set in the environment (CI sets `CI=true`).
    static var isCI: Bool {
        guard let value = ProcessInfo.processInfo.environment["CI"] else { return false }
        return !value.isEmpty && value != "0" && value.lowercased() != "false"
    }

    /// The tool's absolute path, or nil when it is not on `PATH`.
    var path: String? {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return directories.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// True when a test needing these tools should run: they are all installed, or this is CI (where a
    /// missing one must fail, not skip).
    static func shouldRun(_ tools: ExternalTool...) -> Bool {
        isCI || tools.allSatisfy { $0.path != nil }
    }

    /// The tool's path; records a failure naming the package to install when it is missing.
    func require(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try #require(
            path,
            "\(name) is not on PATH; install the Debian package \(debianPackage) (Tools/ install scripts do)",
            sourceLocation: sourceLocation
        )
    }

    /// Runs the tool and returns its exit status and standard output (standard error is discarded: zbarimg
    /// prints D-Bus noise there on machines without a system bus).
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
