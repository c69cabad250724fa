import CorridorCore
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
/// second one is answered 409 instead of running twice. The first request's claim on its key is stored before it
/// runs and lapses after ``pendingLeaseMilliseconds``: a server killed mid-request (or whose final write failed)
/// leaves a claim nobody will finish, and after the lease a retry runs the request again instead of being answered
/// 409 forever. Routes make that re-run harmless by being idempotent themselves (a payment's id is derived from the
/// key when the body names none). A lapsed claim is taken over by a compare-and-swap on the stored value (each claim
/// carries a random id, so no two claims are equal): of several requests (in any processes) taking it over at once,
/// one runs and the others are answered 409. The answer replaces the claim the same way, so a request that ran past
/// its lease never overwrites the answer of the request that took its claim over.
public struct IdempotencyMiddleware: RouterMiddleware {
    /// The context this middleware reads the caller from.
    public typealias Context = CorridorRequestContext
    /// The header's name.
    public static let headerName = HTTPFields.Element.Name("Idempotency-Key")!
    /// The header marking a replayed response.
    public static let replayedHeaderName = HTTPFields.Element.Name("Idempotency-Replayed")!
    /// How long a first request's claim on its key holds (far beyond any request's run; a lapsed claim is taken over).
    public static let pendingLeaseMillisecondsDefault: Int64 = 10_000
    let table: any HTTPKeyValueStore
    let pendingLeaseMilliseconds: Int64
    let claims = IdempotencyClaims()

    /// Creates the middleware over the durable table.
    /// - Parameters:
    ///   - table: where responses and claims are stored.
    ///   - pendingLeaseMilliseconds: how long a stored claim of a request that never finished blocks its key.
    public init(table: any HTTPKeyValueStore, pendingLeaseMilliseconds: Int64 = pendingLeaseMillisecondsDefault) {
        self.table = table
        self.pendingLeaseMilliseconds = pendingLeaseMilliseconds
    }

    /// What is stored under a key.
    struct Stored: Codable {
        var fingerprint: String
        var pending: Bool
        var status: Int
        var contentType: String?
        var body: String
        /// When a pending claim was made (Unix milliseconds); nil in claims stored before leases existed.
        var claimedAtMs: Int64? = nil
        /// A random id of a pending claim, making its stored value unique (nil in claims stored before it existed).
        var claim: String? = nil
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
        let stillRunning = HTTPProblem.conflict(
            "the first request with this key is still running; retry", field: "Idempotency-Key")
        guard claims.claim(storeKey) else { throw stillRunning }
        defer { claims.release(storeKey) }
        let now = Int64((Date().timeIntervalSince1970 * 1000).rounded())
        let pending = Self.encode(Stored(
            fingerprint: fingerprint, pending: true, status: 0, contentType: nil, body: "", claimedAtMs: now,
            claim: UUID().uuidString))
        if let existing = try await table.insertIfAbsent(pending, for: storeKey) {
            guard let stored = try? JSONDecoder().decode(Stored.self, from: Data(existing.utf8)) else {
                throw HTTPProblem(.internalServerError, detail: "stored idempotent response does not decode")
            }
            guard stored.fingerprint == fingerprint else {
                throw HTTPProblem.unprocessable("this key was used with another request", field: "Idempotency-Key")
            }
            guard stored.pending else { return Self.replay(stored) }
            // A claim younger than the lease belongs to a request running (here or in another process); an older
            // one to a request that will never finish: this one takes it over and runs.
            guard now - (stored.claimedAtMs ?? 0) >= pendingLeaseMilliseconds else { throw stillRunning }
            // Another request may be taking the same lapsed claim over right now: only one replaces it.
            guard try await table.replaceValue(existing, with: pending, for: storeKey) else { throw stillRunning }
        }
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            let problem = HTTPProblem(mapping: error)
            try await finish(
                storeKey, claim: pending, fingerprint: fingerprint, status: problem.statusCode,
                contentType: "application/problem+json", body: problem.encoded())
            throw problem
        }
        let captured = try await Self.collect(response.body)
        try await finish(
            storeKey, claim: pending, fingerprint: fingerprint, status: response.status.code,
            contentType: response.headers[.contentType], body: captured)
        var answered = response
        answered.body = ResponseBody(byteBuffer: ByteBuffer(bytes: captured))
        return answered
    }

    /// Replaces this request's claim (the stored value `claim`) with its answer, or removes it for a 5xx. When the
    /// claim is no longer there (this request ran past its lease and another took the key over), the table is left
    /// to that request: both ran the same idempotent operation, and its answer is the one stored.
    private func finish(
        _ storeKey: String, claim: String, fingerprint: String, status: Int, contentType: String?, body: [UInt8]
    ) async throws {
        if status >= 500 {
            _ = try await table.replaceValue(claim, with: nil, for: storeKey)
            return
        }
        let stored = Stored(
            fingerprint: fingerprint, pending: false, status: status, contentType: contentType,
            body: Data(body).base64EncodedString())
        _ = try await table.replaceValue(claim, with: Self.encode(stored), for: storeKey)
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
        return Hexadecimal.lowercase(hasher.finalize())
    }

    /// The stored value's text. Claims are compared as the text stored, never re-encoded, so the key order of
    /// values written by earlier builds (sorted) does not matter.
    static func encode(_ stored: Stored) -> String {
        (try? StreamingJSONEncoder().encodeString(stored)) ?? ""
    }

    /// The bytes of a response body (POST answers are small JSON documents).
    static func collect(_ body: ResponseBody) async throws -> [UInt8] {
        let sink = CollectingWriter.Sink()
        try await body.write(CollectingWriter(sink: sink))
        return sink.bytes
    }
}
