import Foundation

/// The card tokenization key on disk: 32 random bytes, created with mode 0600 on first use.
enum TokenKeyFile {
    /// The key bytes from `path`, creating the file when it does not exist.
    /// - Throws: `ValidationError`-style errors when the file cannot be read, written, or is shorter than 16 bytes.
    static func load(orCreate path: String) throws -> Data {
        let manager = FileManager.default
        if !manager.fileExists(atPath: path) {
            var bytes = [UInt8](repeating: 0, count: 32)
            var generator = SystemRandomNumberGenerator()
            for index in bytes.indices { bytes[index] = generator.next() }
            guard manager.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
                throw TokenKeyFileError(path: path, reason: "cannot be created")
            }
        }
        guard let data = manager.contents(atPath: path) else { throw TokenKeyFileError(path: path, reason: "cannot be read") }
        guard data.count >= 16 else { throw TokenKeyFileError(path: path, reason: "holds fewer than 16 bytes") }
        return data
    }
}

/// The token key file is unusable.
struct TokenKeyFileError: Error, CustomStringConvertible {
    let path: String
    let reason: String
    var description: String { "token key file \(path) \(reason)" }
}
