import Crypto
import Foundation
import Hummingbird
import NIOCore

/// `Idempotency-Key` on POST: the first response under a key (per caller) is stored with a hash of the request; the
/// same key with the same method, path, query and body answers the stored response again (marked
/// `Idempotency-Replayed: true`), with anything else 422. Responses are stored in the durable
/// ``HTTPKeyValueStore``, so a restarted server, or another server on the same PostgreSQL, answers the same.
///
/// Also the body limit of every POST: the body is read once here, up to ``HTTPLimits/requestBodyBytesMax`` (413
/// beyond), and handed on as a buffer.
///
/// Guarantees: a 5xx answer is not stored (the client may retry it); while the first request under a key runs, a
/// second one is answered 409 instead of running twice.
public struct IdempotencyMiddleware: RouterMiddleware {
    /// The context this middleware reads the caller from.
    public typealias Context = CorridorRequestContext
    /// The header's name.
    public static let headerName = HTTPFields.Element.Name("Idempotency-Key")!
    /// The header marking a replayed response.
    public static let replayedHeaderName = HTTPFields.Element.Name("Idempotency-Replayed")!
    let table: any HTTPKeyValueStore

    /// Creates the middleware over the durable table.
    public init(table: any HTTPKeyValueStore) {
        self.table = table
    }

    /// What is stored under a key.
    struct Stored: Codable {
        var fingerprint: String
        var pending: Bool
        var status: Int
        var contentType: String?
        var body: String
    }

    /// Reads the body (with the limit), then answers from the table or runs the route and stores its response.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard request.method == .post else { return try await next(request, context) }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: HTTPLimits.requestBodyBytesMax)
        } catch is NIOTooManyBytesError {
            throw HTTPProblem.contentTooLarge(limit: HTTPLimits.requestBodyBytesMax)
        }
        request.body = RequestBody(buffer: body)
        guard let key = request.headers[Self.headerName] else { return try await next(request, context) }
        guard (1...HTTPLimits.idempotencyKeyLengthMax).contains(key.utf8.count),
            key.utf8.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E })
        else {
            throw HTTPProblem.badRequest(
                "1–\(HTTPLimits.idempotencyKeyLengthMax) printable ASCII characters", field: "Idempotency-Key")
        }
        let caller = try context.requireCaller()
        let storeKey = "idem:\(caller):\(key)"
        let fingerprint = Self.fingerprint(request, body: body)
        let pending = Stored(fingerprint: fingerprint, pending: true, status: 0, contentType: nil, body: "")
        if let existing = try await table.insertIfAbsent(Self.encode(pending), for: storeKey) {
            guard let stored = try? JSONDecoder().decode(Stored.self, from: Data(existing.utf8)) else {
                throw HTTPProblem(.internalServerError, detail: "stored idempotent response does not decode")
            }
            guard stored.fingerprint == fingerprint else {
                throw HTTPProblem.unprocessable("this key was used with another request", field: "Idempotency-Key")
            }
            guard !stored.pending else {
                throw HTTPProblem.conflict(
                    "the first request with this key is still running; retry", field: "Idempotency-Key")
            }
            return Self.replay(stored)
        }
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            let problem = HTTPProblem(mapping: error)
            try await finish(
                storeKey, fingerprint: fingerprint, status: problem.statusCode,
                contentType: "application/problem+json", body: problem.encoded())
            throw problem
        }
        let captured = try await Self.collect(response.body)
        try await finish(
            storeKey, fingerprint: fingerprint, status: response.status.code,
            contentType: response.headers[.contentType], body: captured)
        var answered = response
        answered.body = ResponseBody(byteBuffer: ByteBuffer(bytes: captured))
        return answered
    }

    private func finish(_ storeKey: String, fingerprint: String, status: Int, contentType: String?, body: [UInt8])
        async throws
    {
        if status >= 500 {
            try await table.removeValue(for: storeKey)
            return
        }
        let stored = Stored(
            fingerprint: fingerprint, pending: false, status: status, contentType: contentType,
            body: Data(body).base64EncodedString())
        try await table.setValue(Self.encode(stored), for: storeKey)
    }

    static func replay(_ stored: Stored) -> Response {
        var headers = HTTPFields()
        if let type = stored.contentType { headers[.contentType] = type }
        headers[replayedHeaderName] = "true"
        let bytes = Data(base64Encoded: stored.body) ?? Data()
        return Response(
            status: HTTPResponse.Status(code: stored.status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func fingerprint(_ request: Request, body: ByteBuffer) -> String {
        var hasher = SHA256()
        hasher.update(data: Data("\(request.method.rawValue) \(request.uri.path)?\(request.uri.query ?? "")\n".utf8))
        hasher.update(data: Data(body.readableBytesView))
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    static func encode(_ stored: Stored) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(stored)) ?? Data(), as: UTF8.self)
    }

    /// The bytes of a response body (POST answers are small JSON documents).
    static func collect(_ body: ResponseBody) async throws -> [UInt8] {
        let sink = CollectingWriter.Sink()
        try await body.write(CollectingWriter(sink: sink))
        return sink.bytes
    }
}
