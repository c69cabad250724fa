import Dispatch
import Hummingbird
import Metrics
import Prometheus

/// The server's metrics: a Prometheus registry of its own (so several servers in one process, as in tests, keep
/// their figures apart) fed through swift-metrics with an explicit factory; `GET /metrics` prints it.
public final class HTTPMetrics: Sendable {
    /// The registry `GET /metrics` renders.
    public let registry: PrometheusCollectorRegistry
    /// The swift-metrics factory over the registry (to bootstrap `MetricsSystem` with, if a process wants to).
    public let factory: PrometheusMetricsFactory

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
        let dimensions = [("method", method), ("route", route), ("status", String(status))]
        Counter(label: "http_requests_total", dimensions: dimensions, factory: factory).increment()
        Metrics.Timer(
            label: "http_request_duration_seconds", dimensions: [("method", method), ("route", route)],
            factory: factory
        ).recordNanoseconds(nanoseconds)
    }
}
