#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// One HTTP/1.1 keep-alive connection to `corridor serve` on loopback, with blocking reads that give up after a
/// timeout: a test holds it open, sends requests on it, and can see that no answer comes.
final class BlockingHTTPConnection {
    private let socket: Int32
    private var pending: [UInt8] = []

    /// Connects to 127.0.0.1:`port` (the kernel completes the handshake even when the server does not accept yet).
    init(port: Int) throws {
        socket = try LoopbackSocket.connect(port: port)
    }

    deinit { close(socket) }

    /// Closes the connection now.
    func closeNow() { shutdown(socket, Int32(SHUT_RDWR)) }

    /// Sends `GET path` (keep-alive).
    func sendGet(_ path: String) throws {
        let bytes = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        var sent = 0
        while sent < bytes.count {
            let written = bytes[sent...].withUnsafeBytes { write(socket, $0.baseAddress, $0.count) }
            guard written > 0 else { throw RawTCPClient.ClientError("write: errno \(errno)") }
            sent += written
        }
    }

    /// The status of the next complete answer (Content-Length bodies), or nil when none comes within `seconds` or
    /// the connection closes first.
    func status(within seconds: Int) -> Int? {
        var wait = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        let deadline = Date().addingTimeInterval(Double(seconds))
        while true {
            if let (status, used) = Self.parse(pending) {
                pending.removeFirst(used)
                return status
            }
            guard Date() < deadline else { return nil }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let got = chunk.withUnsafeMutableBytes { read(socket, $0.baseAddress, $0.count) }
            guard got > 0 else { return nil }
            pending += chunk.prefix(got)
        }
    }

    /// `GET path` and its status within `seconds`.
    func get(_ path: String, within seconds: Int = 30) throws -> Int? {
        try sendGet(path)
        return status(within: seconds)
    }

    /// The status of one complete answer at the start of `bytes` and how many bytes it took.
    static func parse(_ bytes: [UInt8]) -> (Int, Int)? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = bytes.indices.first(where: { bytes[$0...].starts(with: separator) }) else { return nil }
        let head = String(decoding: bytes[..<end], as: UTF8.self).lowercased().components(separatedBy: "\r\n")
        guard let status = Int(head.first?.split(separator: " ").dropFirst().first ?? "") else { return nil }
        let length = head.compactMap { line -> Int? in
            line.hasPrefix("content-length:") ? Int(line.dropFirst(15).trimmingCharacters(in: .whitespaces)) : nil
        }.first ?? 0
        guard bytes.count >= end + 4 + length else { return nil }
        return (status, end + 4 + length)
    }
}
