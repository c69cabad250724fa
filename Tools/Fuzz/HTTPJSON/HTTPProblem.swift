// A stand-in for CorridorServer's `HTTPProblem` (Sources/CorridorServer/HTTP/Core/HTTPProblem.swift), compiled into
// the `http-json` fuzz target instead of the real one: the real type conforms to Hummingbird's `HTTPResponseError`,
// which would pull Hummingbird and SwiftNIO into the fuzz build. The body models and their validation only throw it,
// so the stand-in keeps the real statuses and the constructors they call; a constructor they start to call and this
// file lacks fails the fuzz build, never the fuzzing.

/// An RFC 9457 problem as the body models and their validation throw it: a status, a detail and the field.
public struct HTTPProblem: Error, Sendable, Hashable {
    /// The HTTP status code.
    public let statusCode: Int
    /// What went wrong.
    public let detail: String
    /// The request field the problem is about.
    public let field: String?

    /// 400: the request does not parse.
    public static func badRequest(_ detail: String, field: String? = nil) -> HTTPProblem {
        HTTPProblem(statusCode: 400, detail: detail, field: field)
    }

    /// 404: nothing here, or nothing this caller may see.
    public static func notFound(_ detail: String) -> HTTPProblem {
        HTTPProblem(statusCode: 404, detail: detail, field: nil)
    }

    /// 409: the request conflicts with the resource's state.
    public static func conflict(_ detail: String, field: String? = nil) -> HTTPProblem {
        HTTPProblem(statusCode: 409, detail: detail, field: field)
    }

    /// 422: the request parses but a value is refused.
    public static func unprocessable(_ detail: String, field: String? = nil) -> HTTPProblem {
        HTTPProblem(statusCode: 422, detail: detail, field: field)
    }
}
