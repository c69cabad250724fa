import CorridorCore
import Foundation
import Hummingbird
import NIOCore

/// Reading bodies and query parameters, and writing JSON, the same way on every route.
public enum HTTPMessage {
    /// Decodes a JSON body (already limited in size by ``IdempotencyMiddleware``). An object that names one key twice
    /// is refused: RFC 8259 leaves duplicates to the parser and Foundation's keeps the last silently, so
    /// `{"amount": …, "amount": …}` could mean one thing to a client and another here.
    /// A key the type does not have (``JSONUnknownKeys``) is refused too.
    /// - Throws: 400 naming the field that does not decode, the duplicated key or the unknown one, 413 beyond the
    ///   limit.
    public static func decode<Body: Decodable>(_ type: Body.Type, from request: Request) async throws -> Body {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: HTTPLimits.requestBodyBytesMax)
        } catch is NIOTooManyBytesError {
            throw HTTPProblem.contentTooLarge(limit: HTTPLimits.requestBodyBytesMax)
        }
        guard buffer.readableBytes > 0 else { throw HTTPProblem.badRequest("a JSON body is required", field: "body") }
        let decoded = try JSONDecoder().decode(Body.self, from: Data(buffer.readableBytesView))
        if let duplicate = JSONDuplicateKeys.first(in: buffer.readableBytesView) {
            throw HTTPProblem.badRequest(
                "the key \"\(duplicate.key)\" appears twice in one object (byte offset \(duplicate.offset))",
                field: duplicate.key)
        }
        // A key the body type does not have is refused, not ignored: `{"ammount": …}` on a refund must not refund
        // everything.
        if let encodable = decoded as? any Encodable,
            let unknown = JSONUnknownKeys.first(in: Data(buffer.readableBytesView), decoded: encodable)
        {
            throw HTTPProblem.badRequest("unknown field \"\(unknown)\"", field: unknown)
        }
        return decoded
    }

    /// The body as UTF-8 text.
    /// - Throws: 400 when it is not UTF-8, 413 beyond the limit.
    public static func text(from request: Request) async throws -> String {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: HTTPLimits.requestBodyBytesMax)
        } catch is NIOTooManyBytesError {
            throw HTTPProblem.contentTooLarge(limit: HTTPLimits.requestBodyBytesMax)
        }
        guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else {
            throw HTTPProblem.badRequest("the body is not UTF-8 text", field: "body")
        }
        return text
    }

    /// A JSON response with sorted keys.
    public static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A response of bytes with a content type (images, XML, text), optionally as a download.
    public static func bytes(
        _ bytes: [UInt8], contentType: String, downloadName: String? = nil,
        cacheControl: String? = nil
    ) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        if let downloadName { headers[.contentDisposition] = "attachment; filename=\"\(downloadName)\"" }
        if let cacheControl { headers[.cacheControl] = cacheControl }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// `?limit=` and `?cursor=`.
    /// - Throws: 400 naming `limit` when it is not 1…``HTTPLimits/pageSizeMax``.
    public static func page(_ request: Request) throws(HTTPProblem) -> PageRequest {
        let query = request.uri.queryParameters
        var limit = HTTPLimits.pageSizeDefault
        if let text = query["limit"] {
            guard let value = Int(String(text)), (1...HTTPLimits.pageSizeMax).contains(value) else {
                throw .badRequest("an integer 1–\(HTTPLimits.pageSizeMax)", field: "limit")
            }
            limit = value
        }
        let cursor = query["cursor"].map(String.init)
        if let cursor, cursor.isEmpty || cursor.utf8.count > 256 {
            throw .badRequest("not a cursor from this list", field: "cursor")
        }
        return PageRequest(limit: limit, cursor: cursor)
    }

    /// A path parameter.
    /// - Throws: 400 when the route has none of that name (a programming error, answered rather than trapped).
    public static func parameter(_ name: String, _ context: some RequestContext) throws(HTTPProblem) -> String {
        guard let value = context.parameters.get(name) else { throw .badRequest("missing path parameter", field: name) }
        return value
    }
}
