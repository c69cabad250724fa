import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One HTTP/1.1 request over a blocking loopback socket (`Connection: close`), for the few set-up calls
/// `corridor-bench http` makes before `wrk` runs (the merchant's payload, a check payment). Not a client for load.
enum HTTPBenchClient {
    /// The largest answer read.
    static let responseBytesMax = 1 << 20

    /// A status code and body.
    struct Response {
        let status: Int
        let body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Sends `method path` with `headers` and `body` to `127.0.0.1:port` and reads the whole answer.
    /// - Throws: ``BenchSocketError`` for a socket failure, ``HTTPSuite/Failure`` for an answer that does not parse.
    static func send(
        port: Int, method: String, path: String, headers: [String: String] = [:], body: String = ""
    ) throws -> Response {
        let descriptor = try LoopbackConnection.open(port: port)
        defer { close(descriptor) }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(body.utf8.count)\r\n\r\n"
        try TCPAuthBench.sendAll(descriptor, Array((head + body).utf8))

        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while bytes.count < responseBytesMax {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress!, $0.count, 0) }
            guard count > 0 else { break }
            bytes += chunk[0..<count]
        }
        return try parse(bytes)
    }

    /// Splits an answer into status and body (the body is everything after the head: the connection closed).
    static func parse(_ bytes: [UInt8]) throws -> Response {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = (0..<max(0, bytes.count - 3)).first(where: { Array(bytes[$0..<($0 + 4)]) == separator }) else {
            throw HTTPSuite.Failure("an HTTP answer without a head")
        }
        let head = String(decoding: bytes[0..<end], as: UTF8.self)
        let statusLine = head.split(separator: "\r\n").first ?? ""
        let words = statusLine.split(separator: " ")
        guard words.count >= 2, let status = Int(words[1]) else {
            throw HTTPSuite.Failure("an HTTP answer with the status line \"\(statusLine)\"")
        }
        var body = Array(bytes[(end + 4)...])
        if head.lowercased().contains("transfer-encoding: chunked") { body = dechunked(body) }
        return Response(status: status, body: body)
    }

    /// The data of a chunked body.
    private static func dechunked(_ bytes: [UInt8]) -> [UInt8] {
        var data: [UInt8] = []
        var index = 0
        while index < bytes.count {
            guard let lineEnd = (index..<bytes.count).first(where: { bytes[$0] == 10 }) else { break }
            let sizeText = String(decoding: bytes[index..<lineEnd], as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines).prefix { $0 != ";" }
            guard let size = Int(sizeText, radix: 16), size > 0, lineEnd + 1 + size <= bytes.count else { break }
            data += bytes[(lineEnd + 1)..<(lineEnd + 1 + size)]
            index = lineEnd + 1 + size + 2
        }
        return data
    }
}
