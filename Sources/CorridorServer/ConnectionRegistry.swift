import NIOCore
import Synchronization

/// The connections a server is serving, so that it can refuse one too many and close them all on shutdown.
final class ConnectionRegistry: Sendable {
    private struct State {
        var channels: [Int: any Channel] = [:]
        var nextIdentifier = 1
        var isShuttingDown = false
    }

    private let state = Mutex(State())
    let countMax: Int

    /// Creates an empty registry.
    /// - Parameter countMax: connections admitted at once.
    init(countMax: Int) {
        self.countMax = countMax
    }

    /// Registers a connection and returns its identifier; nil when full or shutting down.
    func admit(_ channel: any Channel) -> Int? {
        state.withLock { state in
            guard !state.isShuttingDown, state.channels.count < countMax else { return nil }
            defer { state.nextIdentifier += 1 }
            state.channels[state.nextIdentifier] = channel
            return state.nextIdentifier
        }
    }

    /// Forgets a closed connection.
    func remove(_ identifier: Int) {
        _ = state.withLock { $0.channels.removeValue(forKey: identifier) }
    }

    /// Connections open now.
    var count: Int { state.withLock { $0.channels.count } }

    /// Refuses every later connection and returns the open ones, the first time only (nil after).
    func beginShutdown() -> [any Channel]? {
        state.withLock { state in
            guard !state.isShuttingDown else { return nil }
            state.isShuttingDown = true
            return Array(state.channels.values)
        }
    }
}
