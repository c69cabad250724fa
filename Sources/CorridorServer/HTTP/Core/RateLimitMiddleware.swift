import Dispatch
import Hummingbird

/// Limits each caller (one API key per participant, and the operator's) to a sustained rate with a burst, using
/// ``APIKeyRateLimiter``; a request over the limit is answered 429 with `Retry-After` before any route runs, and
/// another caller's bucket is untouched. Runs after ``APIKeyMiddleware``: unauthenticated public paths (health,
/// contract, metrics, the dashboard) are not counted.
public struct RateLimitMiddleware: RouterMiddleware {
    /// The context this middleware reads the caller from.
    public typealias Context = CorridorRequestContext
    let limiter: APIKeyRateLimiter

    /// Creates the middleware.
    /// - Parameters:
    ///   - ratePerSecond: requests per second per caller, positive.
    ///   - burst: requests a caller may make at once, at least 1.
    public init(ratePerSecond: Double, burst: Int) {
        limiter = APIKeyRateLimiter(ratePerSecond: ratePerSecond, burst: burst)
    }

    /// Takes a token from the caller's bucket or answers 429.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard let caller = context.caller else { return try await next(request, context) }
        if let wait = limiter.take(for: caller.description, nowNanoseconds: DispatchTime.now().uptimeNanoseconds) {
            throw HTTPProblem.tooManyRequests(
                retryAfterSeconds: wait, ratePerSecond: limiter.ratePerSecond, burst: limiter.burst)
        }
        return try await next(request, context)
    }
}
