import Synchronization

/// One ``TokenBucket`` per caller, shared by every connection of one server.
public final class APIKeyRateLimiter: Sendable {
    /// Buckets kept at most (every key holder has one; the map starts over beyond this, refilling every bucket).
    static let bucketCountMax = 4_096
    /// Requests per second per caller.
    public let ratePerSecond: Double
    /// Requests a caller may make at once.
    public let burst: Int
    private let buckets = Mutex<[String: TokenBucket]>([:])

    /// Creates the limiter with every bucket full.
    /// - Parameters:
    ///   - ratePerSecond: the sustained rate, positive.
    ///   - burst: the bucket size, at least 1.
    public init(ratePerSecond: Double, burst: Int) {
        self.ratePerSecond = ratePerSecond
        self.burst = burst
    }

    /// Takes one token for `caller`.
    /// - Returns: nil when the request may go, else the seconds to wait.
    public func take(for caller: String, nowNanoseconds: UInt64) -> Int? {
        buckets.withLock { buckets in
            if buckets[caller] == nil, buckets.count >= Self.bucketCountMax { buckets.removeAll(keepingCapacity: true) }
            return buckets[
                caller, default: TokenBucket(capacity: burst, ratePerSecond: ratePerSecond, nowNanoseconds: nowNanoseconds)
            ].take(nowNanoseconds: nowNanoseconds)
        }
    }
}
