#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A minimal blocking HTTP/1.1 client on loopback, one connection per request (`Connection: close`), for tests that
/// kill the server under it: a request either gets a whole response or fails, never anything in between.
struct LoopbackHTTPClient: Sendable {
    typealias ClientError = RawTCPClient.ClientError

    /// A whole response.
    struct Response: Sendable, Equatable {
        let status: Int
        /// Header names lowercased.
        let headers: [String: String]
        let body: [UInt8]

        var text: String { String(decoding: body, as: UTF8.self) }

        /// The body as a JSON object.
        func object() throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
                throw ClientError("not a JSON object: \(text)")
            }
            return object
        }
    }

    /// The largest response read.
    static let responseBytesMax = 4 * 1024 * 1024

    let port: Int
    /// Seconds a read or write may wait (generous: the machine may be loaded).
    var timeoutSeconds = 60
    /// Sent as `Authorization: Bearer KEY`.
    var key: String?

    /// Sends one request and reads the response to the end of the connection.
    /// - Throws: ``ClientError`` when the connection fails or closes before a whole response.
    func send(_ method: String, _ path: String, body: [UInt8]? = nil, headers: [String: String] = [:]) throws
        -> Response
    {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if let key { head += "Authorization: Bearer \(key)\r\n" }
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n" }
        head += "\r\n"
        let socket = try openConnection()
        defer { close(socket) }
        try writeAll(socket, Array(head.utf8) + (body ?? []))
        return try Self.parse(readAll(socket))
    }

    private func openConnection() throws -> Int32 {
        do {
            return try LoopbackSocket.connect(port: port, receiveTimeout: timeoutSeconds, sendTimeout: timeoutSeconds)
        } catch {
            throw ClientError("\(error)")
        }
    }

    private func writeAll(_ socket: Int32, _ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            // MSG_NOSIGNAL: a server killed mid-request must fail this write, not raise SIGPIPE in the test process.
            let written = bytes[sent...].withUnsafeBytes {
                Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard written > 0 else { throw ClientError("write: errno \(errno)") }
            sent += written
        }
    }

    private func readAll(_ socket: Int32) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while bytes.count < Self.responseBytesMax {
            let got = chunk.withUnsafeMutableBytes { read(socket, $0.baseAddress, $0.count) }
            if got == 0 { return bytes }
            guard got > 0 else { throw ClientError("read: errno \(errno) after \(bytes.count) bytes") }
            bytes += chunk[0..<got]
        }
        throw ClientError("response over \(Self.responseBytesMax) bytes")
    }

    /// Status line, headers and a body of `Content-Length` bytes (the server's answers are never chunked here;
    /// a chunked one is refused rather than misread).
    static func parse(_ bytes: [UInt8]) throws -> Response {
        let separator = Array("\r\n\r\n".utf8)
        guard let end = (0..<max(0, bytes.count - 3)).first(where: { Array(bytes[$0..<($0 + 4)]) == separator }) else {
            throw ClientError("no whole head in \(bytes.count) bytes")
        }
        let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusWords = lines[0].split(separator: " ")
        guard statusWords.count >= 2, let status = Int(statusWords[1]) else {
            throw ClientError("status line \(lines[0])")
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[line[..<colon].lowercased()] = value
        }
        let body = Array(bytes[(end + 4)...])
        if headers["transfer-encoding"] != nil { throw ClientError("chunked response") }
        guard let length = headers["content-length"].flatMap(Int.init), length == body.count else {
            throw ClientError("body of \(body.count) bytes, Content-Length \(headers["content-length"] ?? "none")")
        }
        return Response(status: status, headers: headers, body: body)
    }
}
