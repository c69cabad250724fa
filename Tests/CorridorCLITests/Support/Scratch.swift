import Foundation

/// A fresh directory for one test's files, removed when the value is released.
final class Scratch: Sendable {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "corridor-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A path inside the directory.
    func path(_ name: String) -> String { directory + "/" + name }

    /// Writes text to a file inside the directory and returns its path.
    func write(_ text: String, to name: String) throws -> String {
        let path = path(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}
