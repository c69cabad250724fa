import Hummingbird

/// Refuses work while the database is unreachable, so no request hangs on a connection pool waiting for it: `/healthz`
/// answers 503 naming the database, every other keyed request 503 with `Retry-After` before it starts, and a request
/// already running when the database goes is cancelled and answered 503 (its idempotency key is not spent: 5xx answers
/// are not stored, and the ledger's transfers are idempotent by payment id, so a retry does the work at most once).
/// Public paths that need no database (the contract, metrics) are served throughout.
///
/// A request that fails with a server error before the next probe has noticed anything (the database went a moment
/// ago) has the database probed at once: if it does not answer, the failure is the outage and is answered 503 too,
/// never 500.
public struct DatabaseAvailabilityMiddleware: RouterMiddleware {
    /// The context (any: the middleware reads only the path).
    public typealias Context = CorridorRequestContext
    /// Paths served whatever the database's state.
    static let databaseFreePaths: Set<String> = ["/openapi.yaml", "/metrics"]
    let health: DatabaseHealth

    /// Creates the middleware over the monitor.
    public init(health: DatabaseHealth) {
        self.health = health
    }

    /// Answers 503 while the database is down; otherwise runs the request, cancelling it if the database goes.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        if Self.databaseFreePaths.contains(request.uri.path) { return try await next(request, context) }
        guard health.state.isAvailable else { throw health.unavailableProblem() }
        do {
            return try await run(request, context: context, next: next)
        } catch let problem as HTTPProblem where problem.statusCode < 500 || problem.statusCode == 503 {
            throw problem
        } catch {
            if await !health.recheck() { throw health.unavailableProblem() }
            throw error
        }
    }

    /// Runs the route, cancelled and answered 503 if the database goes meanwhile.
    private func run(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        try await withoutActuallyEscaping(next) { next in
            // The route runs in a child task so that it can be cancelled when the database goes; `next` is called
            // once, from that one child, while this call waits for it (the group awaits every child), so it never
            // outlives this call nor runs concurrently with anything else touching what it captures.
            let route = UncheckedRoute(run: next)
            return try await withThrowingTaskGroup(of: Response?.self) { group in
                group.addTask { try await route.run(request, context) }
                group.addTask {
                    await health.waitUntilUnavailable()
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let response = first else {
                    throw health.unavailableProblem()
                }
                return response
            }
        }
    }
}

/// The rest of the middleware chain, carried into a child task.
///
/// `@unchecked Sendable`: the closure is called exactly once, from one child task, while the task that owns it waits
/// for that child to finish (see ``DatabaseAvailabilityMiddleware/handle(_:context:next:)``); nothing else calls it.
private struct UncheckedRoute: @unchecked Sendable {
    let run: (Request, CorridorRequestContext) async throws -> Response
}
