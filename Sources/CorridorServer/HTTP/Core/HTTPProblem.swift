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
    /// Seconds after which the request may be retried, sent as `Retry-After` (RFC 9110 §10.2.3) on 429 and 503; not
    /// part of the JSON body.
    public var retryAfterSeconds: Int? = nil

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
        if let retryAfterSeconds { headers[.retryAfter] = String(retryAfterSeconds) }
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

    /// 429: the caller's key made more requests than its rate limit allows.
    /// - Parameters:
    ///   - retryAfterSeconds: when a request will be allowed again.
    ///   - ratePerSecond: the limit, named in the detail.
    ///   - burst: the burst, named in the detail.
    public static func tooManyRequests(retryAfterSeconds: Int, ratePerSecond: Double, burst: Int) -> HTTPProblem {
        let rate = ratePerSecond == ratePerSecond.rounded() ? String(Int(ratePerSecond)) : String(ratePerSecond)
        var problem = HTTPProblem(
            .tooManyRequests,
            detail: "this API key is limited to \(rate) requests/s (burst \(burst)); retry after \(retryAfterSeconds) s")
        problem.retryAfterSeconds = retryAfterSeconds
        return problem
    }

    /// 503: the server cannot do the work now (its database is unreachable); the request may be retried as it is.
    /// - Parameters:
    ///   - detail: what is unavailable (never a password).
    ///   - retryAfterSeconds: the suggested wait.
    public static func unavailable(_ detail: String, retryAfterSeconds: Int = 1) -> HTTPProblem {
        var problem = HTTPProblem(.serviceUnavailable, detail: detail)
        problem.retryAfterSeconds = retryAfterSeconds
        return problem
    }

    /// 413: the body is larger than the limit.
    public static func contentTooLarge(limit: Int) -> HTTPProblem {
        HTTPProblem(.contentTooLarge, detail: "request bodies are limited to \(limit) bytes")
    }
}
