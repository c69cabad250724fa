/// A token bucket: holds at most `capacity` tokens, gains `ratePerSecond` tokens a second, and a request takes one.
///
/// Guarantees: over any interval of `t` seconds at most `capacity + t × ratePerSecond` requests are allowed; a refused
/// request takes nothing, and the wait it is told is the time until one whole token is back.
public struct TokenBucket: Sendable, Hashable {
    /// The most tokens held (the burst).
    public let capacity: Double
    /// Tokens gained per second.
    public let ratePerSecond: Double
    private var tokens: Double
    private var updatedNanoseconds: UInt64

    /// A full bucket.
    /// - Parameters:
    ///   - capacity: the burst, at least 1.
    ///   - ratePerSecond: the refill rate, positive.
    ///   - nowNanoseconds: the monotonic time now.
    public init(capacity: Int, ratePerSecond: Double, nowNanoseconds: UInt64) {
        precondition(capacity >= 1 && ratePerSecond > 0, "a token bucket needs a capacity and a rate")
        self.capacity = Double(capacity)
        self.ratePerSecond = ratePerSecond
        tokens = Double(capacity)
        updatedNanoseconds = nowNanoseconds
    }

    /// Takes one token if there is one.
    /// - Parameters:
    ///   - nowNanoseconds: the monotonic time now (never earlier than the last call's).
    /// - Returns: nil when the request may go, else the seconds until it may be retried (at least 1, rounded up, as
    ///   `Retry-After` counts whole seconds).
    public mutating func take(nowNanoseconds: UInt64) -> Int? {
        let elapsed = Double(nowNanoseconds &- min(updatedNanoseconds, nowNanoseconds)) / 1e9
        tokens = min(capacity, tokens + elapsed * ratePerSecond)
        updatedNanoseconds = max(updatedNanoseconds, nowNanoseconds)
        if tokens >= 1 {
            tokens -= 1
            return nil
        }
        return max(1, Int(((1 - tokens) / ratePerSecond).rounded(.up)))
    }
}
