/// The limits `corridor serve` sets on one HTTP server (TIGER_STYLE: a named maximum for every resource a client can
/// hold): concurrent connections, requests per second per API key, and how long an idle connection is kept.
public struct HTTPServerLimits: Sendable, Hashable {
    /// The most HTTP connections served at once. Beyond it the server stops accepting: a new connection waits in
    /// the kernel's listen backlog (and is refused by the kernel once that is full) until an earlier one closes.
    public var connectionsMax: Int
    /// Requests per second each API key may make (a token bucket refilled at this rate); nil: no limit.
    public var requestsPerSecondPerKey: Double?
    /// How many requests a key may make at once before the rate applies (the bucket's size).
    public var requestBurstPerKey: Int
    /// An idle keep-alive connection is closed after this many seconds, freeing its slot; nil: never.
    public var idleTimeoutSeconds: Int?

    /// The defaults of `corridor serve`: 1024 connections, no rate limit (the benchmark drives more than 10,000
    /// requests/s through one key on loopback; an operator exposing the server sets `--rate-limit`), idle
    /// connections closed after 60 s.
    public static let serveDefault = HTTPServerLimits()

    /// Creates limits.
    /// - Parameters:
    ///   - connectionsMax: concurrent connections, at least 1.
    ///   - requestsPerSecondPerKey: the sustained rate per key, or nil for none.
    ///   - requestBurstPerKey: the burst per key (the rate, rounded up, when nil).
    ///   - idleTimeoutSeconds: idle connection timeout.
    public init(
        connectionsMax: Int = 1_024, requestsPerSecondPerKey: Double? = nil, requestBurstPerKey: Int? = nil,
        idleTimeoutSeconds: Int? = 60
    ) {
        precondition(connectionsMax >= 1, "connectionsMax must be at least 1")
        precondition(requestsPerSecondPerKey.map { $0 > 0 } ?? true, "a rate limit must be positive")
        self.connectionsMax = connectionsMax
        self.requestsPerSecondPerKey = requestsPerSecondPerKey
        self.requestBurstPerKey = max(1, requestBurstPerKey ?? Int((requestsPerSecondPerKey ?? 1).rounded(.up)))
        self.idleTimeoutSeconds = idleTimeoutSeconds
    }
}
