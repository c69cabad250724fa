import Hummingbird
import HummingbirdCore
import Logging

/// Routes another part of the server adds beside the API (the dashboard), on the same router, behind the same
/// middleware (problems, metrics, keys, idempotency).
public protocol HTTPRouteGroup: Sendable {
    /// Paths, or path prefixes ending in `/`, answered without an API key (a dashboard's pages and assets).
    var publicPathPrefixes: [String] { get }

    /// Adds the routes.
    func addRoutes(to router: Router<CorridorRequestContext>, service: CorridorService)
}

/// Builds the HTTP API: one router over one ``CorridorService``, and the Hummingbird application serving it.
/// `corridor serve` and the tests both start here.
public struct HTTPApplicationBuilder: Sendable {
    /// The service the routes call.
    public let service: CorridorService
    /// API keys.
    public let keys: APIKeyStore
    /// The durable table idempotent responses go to (the same one the keys live in).
    public let table: any HTTPKeyValueStore
    /// The metrics `GET /metrics` shows.
    public let metrics: HTTPMetrics
    /// Extra routes (the dashboard).
    public let extraRoutes: [any HTTPRouteGroup]
    /// Connections, rate per key, idle timeout.
    public let limits: HTTPServerLimits
    /// The database monitor (PostgreSQL); nil when the database is in this process (SQLite, memory).
    public let databaseHealth: DatabaseHealth?

    /// Creates a builder.
    /// - Parameters:
    ///   - service: the service layer.
    ///   - table: the durable table for keys and idempotent responses.
    ///   - metrics: the registry; a fresh one by default.
    ///   - extraRoutes: route groups added after the API's own.
    ///   - limits: connection and rate limits; `corridor serve`'s defaults when not given.
    ///   - databaseHealth: the monitor of a database in another process; requests are refused with 503 while it
    ///     reports the database unreachable (run its ``DatabaseHealth/run()`` beside the application).
    public init(
        service: CorridorService, table: any HTTPKeyValueStore, metrics: HTTPMetrics = HTTPMetrics(),
        extraRoutes: [any HTTPRouteGroup] = [], limits: HTTPServerLimits = .serveDefault,
        databaseHealth: DatabaseHealth? = nil
    ) {
        self.service = service
        self.table = table
        self.keys = APIKeyStore(table: table)
        self.metrics = metrics
        self.extraRoutes = extraRoutes
        self.limits = limits
        self.databaseHealth = databaseHealth
    }

    /// The router with every route and middleware.
    public func router() -> Router<CorridorRequestContext> {
        let router = Router(context: CorridorRequestContext.self)
        let publicPrefixes = extraRoutes.flatMap(\.publicPathPrefixes)
        router.add(middleware: HTTPMetricsMiddleware(metrics: metrics))
        router.add(middleware: ProblemMiddleware())
        if let databaseHealth { router.add(middleware: DatabaseAvailabilityMiddleware(health: databaseHealth)) }
        router.add(middleware: APIKeyMiddleware(keys: keys, publicPathPrefixes: publicPrefixes))
        if let rate = limits.requestsPerSecondPerKey {
            router.add(middleware: RateLimitMiddleware(ratePerSecond: rate, burst: limits.requestBurstPerKey))
        }
        router.add(middleware: IdempotencyMiddleware(table: table))
        router.add(middleware: MerchantSyncMiddleware(service: service))
        SystemRoutes.add(to: router, service: service, metrics: metrics)
        DirectoryRoutes.add(to: router, service: service)
        PaymentRoutes.add(to: router, service: service)
        WalletRoutes.add(to: router, service: service)
        LedgerRoutes.add(to: router, service: service)
        ClearingRoutes.add(to: router, service: service)
        SimulationRoutes.add(to: router, service: service)
        for group in extraRoutes { group.addRoutes(to: router, service: service) }
        return router
    }

    /// The application listening on `host:port` (port 0: any free port, reported to `onServerRunning`), accepting at
    /// most ``HTTPServerLimits/connectionsMax`` connections at once (Hummingbird's `MaximumAvailableConnections`: the
    /// listener stops accepting until one closes) and closing idle ones after ``HTTPServerLimits/idleTimeoutSeconds``.
    /// - Parameters:
    ///   - host: the address to bind.
    ///   - port: the TCP port.
    ///   - onServerRunning: called with the bound port once the server listens.
    public func application(
        host: String, port: Int, logger: Logger = Logger(label: "corridor.http"),
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: router(),
            server: .http1(configuration: .init(idleTimeout: limits.idleTimeoutSeconds.map { .seconds(Int64($0)) })),
            configuration: ApplicationConfiguration(
                address: .hostname(host, port: port), serverName: "corridor",
                availableConnectionsDelegate: MaximumAvailableConnections(limits.connectionsMax, logger: logger)),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}
