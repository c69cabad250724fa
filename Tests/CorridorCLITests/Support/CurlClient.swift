import Foundation
import Testing

/// HTTP requests to a running `corridor serve` through curl, each bounded by curl's own `--max-time`, so a server
/// that hangs makes a request fail (status 0) instead of the test.
struct CurlClient: Sendable {
    /// What one request got.
    struct Answer: Sendable, CustomStringConvertible {
        /// The HTTP status; 0 when curl got no answer within its time (or could not connect).
        let status: Int
        let body: String
        let headers: String
        /// Seconds the request took, as curl measured it.
        let seconds: Double

        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
        }

        /// A response header's value (case-insensitive name).
        func header(_ name: String) -> String? {
            for line in headers.split(whereSeparator: \.isNewline) {
                let parts = line.split(separator: ":", maxSplits: 1)
                if parts.count == 2, parts[0].lowercased() == name.lowercased() {
                    return parts[1].trimmingCharacters(in: .whitespaces)
                }
            }
            return nil
        }

        var description: String { "\(status) in \(seconds) s: \(body.prefix(300))" }
    }

    static let curl = ExternalTool(name: "curl", debianPackage: "curl")

    let base: String
    /// The most one request may take.
    var maxSeconds = 20

    /// One request; `body` is sent as JSON.
    func request(
        _ method: String, _ path: String, key: String? = nil, body: String? = nil, idempotencyKey: String? = nil
    ) throws -> Answer {
        let scratch = try Scratch()
        let bodyFile = scratch.path("body")
        let headerFile = scratch.path("headers")
        var arguments = [
            "-s", "-X", method, "--max-time", String(maxSeconds), "-o", bodyFile, "-D", headerFile,
            "-w", "%{http_code} %{time_total}", base + path,
        ]
        if let key { arguments += ["-H", "Authorization: Bearer \(key)"] }
        if let idempotencyKey { arguments += ["-H", "Idempotency-Key: \(idempotencyKey)"] }
        if let body { arguments += ["-H", "Content-Type: application/json", "--data-binary", body] }
        let result = try Self.curl.run(arguments)
        let fields = String(decoding: result.output, as: UTF8.self).split(separator: " ")
        return Answer(
            status: fields.first.flatMap { Int($0) } ?? 0,
            body: (try? String(contentsOfFile: bodyFile, encoding: .utf8)) ?? "",
            headers: (try? String(contentsOfFile: headerFile, encoding: .utf8)) ?? "",
            seconds: fields.dropFirst().first.flatMap { Double($0) } ?? 0)
    }

    /// Repeats a request until `accept` holds or `seconds` pass; the last answer.
    func poll(
        seconds: Double, _ method: String, _ path: String, key: String? = nil, body: String? = nil,
        idempotencyKey: String? = nil, until accept: (Answer) -> Bool
    ) throws -> Answer {
        let deadline = Date().addingTimeInterval(seconds)
        var answer = try request(method, path, key: key, body: body, idempotencyKey: idempotencyKey)
        while !accept(answer), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.25)
            answer = try request(method, path, key: key, body: body, idempotencyKey: idempotencyKey)
        }
        return answer
    }
}
