import Synchronization

/// The idempotency keys this process is answering right now: a second request under a key already running here is
/// answered 409 at once, and a claim left in the durable table by a process that died is only taken over when no
/// request of this process holds the key.
final class IdempotencyClaims: Sendable {
    private let running = Mutex<Set<String>>([])

    /// Claims `key`; false when this process is running a request under it already.
    func claim(_ key: String) -> Bool { running.withLock { $0.insert(key).inserted } }

    /// Releases a claim made by ``claim(_:)``.
    func release(_ key: String) { _ = running.withLock { $0.remove(key) } }
}
