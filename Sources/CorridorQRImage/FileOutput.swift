#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes whole files with POSIX calls, mapping `errno` to ``QRImageError/fileWriteFailed(path:errno:)``.
enum FileOutput {
    /// The most `write` calls for one file: a limit on the retry loop (EINTR and short writes).
    static let writeCallsMax = 1 << 20

    /// Creates or truncates the file at `path` (mode 0644 before umask) and writes `bytes` to it.
    static func save(_ bytes: [UInt8], toFile path: String) throws(QRImageError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .fileWriteFailed(path: path, errno: errno) }
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            var calls = 0
            guard let base = buffer.baseAddress else { return }
            while offset < buffer.count, calls < writeCallsMax {
                calls += 1
                let written = write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
            if offset < buffer.count { failure = EIO }
        }
        // close can report a delayed write error (NFS, full disk), so its result counts too.
        let closed = close(descriptor)
        if failure == 0, closed != 0 { failure = errno }
        guard failure == 0 else { throw .fileWriteFailed(path: path, errno: failure) }
    }
}
