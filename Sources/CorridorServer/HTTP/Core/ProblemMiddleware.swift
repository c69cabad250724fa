import Hummingbird
import Logging

/// Turns every error a route or middleware throws into an RFC 9457 problem response, so no error leaves the server
/// as plain text; unexpected errors are logged (never with a request body) and answered 500.
public struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Creates the middleware.
    public init() {}

    /// Runs the rest of the chain, answering any error as a problem.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            let problem = HTTPProblem(mapping: error)
            if problem.statusCode >= 500 {
                context.logger.error(
                    "request failed",
                    metadata: [
                        "path": .string(request.uri.path), "error": .string(String(describing: type(of: error))),
                    ])
            }
            return try problem.response(from: request, context: context)
        }
    }
}
