import Foundation

/// A fresh directory for one test's files, removed when the value is released.
final class Scratch: Sendable {
    /// The directory's path.
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "corridor-qrimage-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A path inside the directory.
    func path(_ name: String) -> String { directory + "/" + name }

    /// Writes bytes to a file inside the directory and returns its path.
    func write(_ bytes: [UInt8], to name: String) throws -> String {
        let path = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}
