import Dispatch
import Hummingbird

/// Records every request in ``HTTPMetrics`` by its route pattern (`/payments/{id}`, never the id itself).
public struct HTTPMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: HTTPMetrics

    /// Creates the middleware.
    public init(metrics: HTTPMetrics) {
        self.metrics = metrics
    }

    /// Times the rest of the chain (problems are already responses by then).
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let start = DispatchTime.now().uptimeNanoseconds
        let response = try await next(request, context)
        let route = context.endpointPath.map { $0.contains(":") ? $0.replacingOccurrences(of: ":", with: "") : $0 } ?? "unmatched"
        metrics.record(
            method: request.method.rawValue, route: route, status: response.status.code,
            nanoseconds: DispatchTime.now().uptimeNanoseconds &- start)
        return response
    }
}
