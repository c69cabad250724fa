import Foundation

/// Finds a sample file such as `Samples/merchants.json`: under the current directory first (the README runs the demo from the repository
/// root), then under each parent of the executable's directory (`.build/debug/corridor` lives inside the package).
enum SampleLocator {
    /// The most parent directories searched above the executable.
    static let parentSearchDepthMax = 8
    /// The file, relative to a package root.
    static let relativePath = "Samples/merchants.json"

    /// The path of the sample merchants file, or nil when neither place has one.
    static func merchantsFile() -> String? { file(relativePath) }

    /// The path of a file relative to a package root ("Samples/issuer/cards.yaml"), or nil when neither place has it.
    static func file(_ relativePath: String) -> String? {
        let fileManager = FileManager.default
        let here = fileManager.currentDirectoryPath + "/" + relativePath
        if fileManager.isReadableFile(atPath: here) { return here }
        for start in executableDirectories() {
            var directory = start
            for _ in 0..<parentSearchDepthMax {
                let candidate = directory.appendingPathComponent(relativePath).path
                if fileManager.isReadableFile(atPath: candidate) { return candidate }
                let parent = directory.deletingLastPathComponent()
                if parent.path == directory.path { break }
                directory = parent
            }
        }
        return nil
    }

    /// The executable's directory as invoked and with symbolic links resolved (`.build/debug` is a link).
    private static func executableDirectories() -> [URL] {
        var urls: [URL] = []
        if let path = Bundle.main.executablePath { urls.append(URL(fileURLWithPath: path)) }
        if let first = CommandLine.arguments.first, first.contains("/") {
            urls.append(URL(fileURLWithPath: first, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).absoluteURL)
        }
        return urls.flatMap { [$0.deletingLastPathComponent(), $0.resolvingSymlinksInPath().deletingLastPathComponent()] }
    }
}
