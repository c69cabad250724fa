import Dispatch
import Hummingbird
import Metrics
import Prometheus
import Synchronization

/// The server's metrics: a Prometheus registry of its own (so several servers in one process, as in tests, keep
/// their figures apart) fed through swift-metrics with an explicit factory; `GET /metrics` prints it.
public final class HTTPMetrics: Sendable {
    /// The registry `GET /metrics` renders.
    public let registry: PrometheusCollectorRegistry
    /// The swift-metrics factory over the registry (to bootstrap `MetricsSystem` with, if a process wants to).
    public let factory: PrometheusMetricsFactory
    /// The counter and timer of each method, route and status seen, made once: making them per request looked the
    /// labels up in the registry every time (a lock and the dimensions hashed, per request).
    private let instruments = Mutex<[InstrumentKey: (requests: Metrics.Counter, duration: Metrics.Timer)]>([:])

    private struct InstrumentKey: Hashable {
        let method: String
        let route: String
        let status: Int
    }

    /// Creates an empty registry.
    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(250), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
            .milliseconds(20), .milliseconds(50), .milliseconds(100), .milliseconds(500), .seconds(1), .seconds(5),
        ]
        self.factory = factory
    }

    /// The text exposition format (version 0.0.4).
    public func render() -> String { registry.emitToString() }

    /// Counts one answered request and records its latency.
    func record(method: String, route: String, status: Int, nanoseconds: UInt64) {
        let key = InstrumentKey(method: method, route: route, status: status)
        let known = instruments.withLock { $0[key] }
        let (requests, duration) = known ?? makeInstruments(key)
        requests.increment()
        duration.recordNanoseconds(nanoseconds)
    }

    private func makeInstruments(_ key: InstrumentKey) -> (requests: Metrics.Counter, duration: Metrics.Timer) {
        let made = (
            requests: Metrics.Counter(
                label: "http_requests_total",
                dimensions: [("method", key.method), ("route", key.route), ("status", String(key.status))],
                factory: factory),
            duration: Metrics.Timer(
                label: "http_request_duration_seconds", dimensions: [("method", key.method), ("route", key.route)],
                factory: factory)
        )
        return instruments.withLock { table in
            if let existing = table[key] { return existing }
            table[key] = made
            return made
        }
    }
}
