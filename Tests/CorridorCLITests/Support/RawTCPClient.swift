#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A blocking TCP client on loopback that sends exactly the bytes it is given, broken frames included: what a
/// hostile or buggy acquirer does to `corridor serve`.
final class RawTCPClient {
    private let socket: Int32

    /// Connects to 127.0.0.1:`port`; reads give up after `timeout` seconds.
    init(port: Int, timeout: Int = 10) throws {
        socket = try LoopbackSocket.connect(port: port, receiveTimeout: timeout)
    }

    deinit { close(socket) }

    /// Sends every byte.
    func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let written = bytes[sent...].withUnsafeBytes { write(socket, $0.baseAddress, $0.count) }
            guard written > 0 else { throw ClientError("write: errno \(errno)") }
            sent += written
        }
    }

    /// Sends `message` behind a two-byte big-endian length.
    func sendFrame(_ message: [UInt8]) throws {
        try send([UInt8(message.count >> 8), UInt8(message.count & 0xFF)] + message)
    }

    /// Shuts the sending side: the server sees the end of the stream.
    func finishSending() { shutdown(socket, Int32(SHUT_WR)) }

    /// What came back for one frame: its body, or how the connection ended instead.
    enum Reply: Equatable {
        case frame([UInt8])
        /// The server closed the connection.
        case closed
        /// Nothing came within the timeout.
        case silence
    }

    /// Reads one two-byte-framed reply.
    func receiveFrame() -> Reply {
        let head = receive(2)
        guard case .frame(let header) = head else { return head }
        return receive(Int(header[0]) << 8 | Int(header[1]))
    }

    private func receive(_ count: Int) -> Reply {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = bytes[filled...].withUnsafeMutableBytes { read(socket, $0.baseAddress, $0.count) }
            if got == 0 { return .closed }
            if got < 0 { return errno == EAGAIN || errno == EWOULDBLOCK ? .silence : .closed }
            filled += got
        }
        return .frame(bytes)
    }

    struct ClientError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
