import Foundation
import Hummingbird
import NIOCore

/// An RFC 9457 problem detail: the body of every error response (`application/problem+json`).
///
/// Guarantees: `detail` never holds card data or a key; a problem about one request field names it in `field`
/// (a JSON path such as `card.amount.value`, or a query parameter).
public struct HTTPProblem: Error, Sendable, Hashable, Codable, HTTPResponseError {
    /// The HTTP status code (`status` in the JSON).
    public let statusCode: Int
    /// A short, stable summary of the problem type.
    public let title: String
    /// What went wrong with this request, for people.
    public let detail: String
    /// The request field the problem is about, when there is one.
    public let field: String?
    /// A URI naming the problem type (RFC 9457 §3.1.1).
    public let type: String

    /// Creates a problem.
    /// - Parameters:
    ///   - status: the HTTP status.
    ///   - title: the problem type's summary; the status's reason phrase when nil.
    ///   - detail: what happened.
    ///   - field: the offending request field.
    public init(_ status: HTTPResponse.Status, title: String? = nil, detail: String, field: String? = nil) {
        self.statusCode = status.code
        self.title = title ?? status.reasonPhrase
        self.detail = detail
        self.field = field
        self.type = "about:blank"
    }

    /// The status as Hummingbird's type (``HTTPResponseError``).
    public var status: HTTPResponse.Status { HTTPResponse.Status(code: statusCode) }

    enum CodingKeys: String, CodingKey {
        case statusCode = "status"
        case title, detail, field, type
    }

    /// The problem as a response (``HTTPResponseError``).
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/problem+json"
        if statusCode == 401 { headers[.wwwAuthenticate] = "Bearer realm=\"corridor\"" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: encoded())))
    }

    /// The JSON body.
    public func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(self)) ?? Data("{\"status\":\(statusCode)}".utf8))
    }
}

extension HTTPProblem {
    /// 400: the request does not parse.
    public static func badRequest(_ detail: String, field: String? = nil) -> HTTPProblem {
        HTTPProblem(.badRequest, detail: detail, field: field)
    }

    /// 404: nothing here, or nothing this caller may see (both look the same on purpose).
    public static func notFound(_ detail: String) -> HTTPProblem { HTTPProblem(.notFound, detail: detail) }

    /// 409: the request conflicts with the resource's state.
    public static func conflict(_ detail: String, field: String? = nil) -> HTTPProblem {
        HTTPProblem(.conflict, detail: detail, field: field)
    }

    /// 422: the request parses but a value is refused.
    public static func unprocessable(_ detail: String, field: String? = nil) -> HTTPProblem {
        HTTPProblem(.unprocessableContent, detail: detail, field: field)
    }

    /// 401: no key, or a key the server does not know.
    public static let unauthorized = HTTPProblem(
        .unauthorized, detail: "send an API key as `Authorization: Bearer KEY` or `X-API-Key: KEY`")

    /// 403: the caller is known but the operation is for the operator only.
    public static func forbidden(_ detail: String) -> HTTPProblem { HTTPProblem(.forbidden, detail: detail) }

    /// 413: the body is larger than the limit.
    public static func contentTooLarge(limit: Int) -> HTTPProblem {
        HTTPProblem(.contentTooLarge, detail: "request bodies are limited to \(limit) bytes")
    }
}
