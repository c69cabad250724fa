import Foundation
import Synchronization

/// Where Corridor reads the time from: the system clock in production, a simulated one in tests and scenarios,
/// so that a run with a seed is reproducible byte for byte.
public protocol WallClock: Sendable {
    /// The current instant.
    func now() -> Date
}

/// The system's real-time clock.
public struct SystemWallClock: WallClock {
    /// Creates the system clock.
    public init() {}
    public func now() -> Date { Date() }
}

/// A simulated clock: starts at a fixed instant and moves only when told, or by a fixed step on every reading.
///
/// Guarantees: readings never go backwards; with the same start and step the sequence of readings is identical.
public final class SimulatedWallClock: WallClock {
    private struct State { var current: Date; let step: TimeInterval }
    private let state: Mutex<State>

    /// - Parameters:
    ///   - start: the first reading.
    ///   - step: how far each reading moves the clock afterwards (0 = only ``advance(by:)`` moves it).
    public init(start: Date, step: TimeInterval = 0) {
        precondition(step >= 0, "a simulated clock never goes backwards")
        state = Mutex(State(current: start, step: step))
    }

    /// 2026-01-01T00:00:00Z, the default start of simulated runs.
    public static let defaultStart = Date(timeIntervalSince1970: 1_767_225_600)

    public func now() -> Date {
        state.withLock { state in
            let reading = state.current
            state.current = reading.addingTimeInterval(state.step)
            return reading
        }
    }

    /// Moves the clock forward.
    public func advance(by interval: TimeInterval) {
        precondition(interval >= 0, "a simulated clock never goes backwards")
        state.withLock { $0.current = $0.current.addingTimeInterval(interval) }
    }
}

extension Date {
    /// Whole milliseconds since 1970-01-01T00:00:00Z, rounded down: the timestamp unit of ledger records.
    public var unixMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded(.down)) }

    /// The instant `milliseconds` after 1970-01-01T00:00:00Z.
    public init(unixMilliseconds milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
