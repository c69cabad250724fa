import NIOCore
import Synchronization

/// What one request comes to, once answered.
enum RequestOutcome: Sendable {
    /// A framed response to write.
    case write(ByteBuffer)
    /// Nothing to write (the handler dropped the request, or it was not a request).
    case none
    /// Write the earlier answers, then close the connection.
    case close
}

/// Puts one connection's answers back in request order, limits how many are in progress, and tells the idle
/// watchdog whether the connection is quiet.
///
/// Guarantees: the writer's stream receives `.write` and `.close` in the order their requests were reserved,
/// whatever order they complete in; at most `depthMax` requests are reserved and not yet written or dropped.
final class ResponseSequencer: Sendable {
    private struct State {
        var nextSequence = 0
        var nextDelivery = 0
        /// Answers that completed before an earlier one, by sequence number.
        var completed: [Int: RequestOutcome] = [:]
        /// Requests reserved and not yet written or dropped.
        var inFlightCount = 0
        /// Requests reserved and not yet completed: the handler (or the decoder) is still working on them.
        var answeringCount = 0
        var slotWaiter: CheckedContinuation<Void, Never>?
        var isCancelled = false
        var lastActivity = ContinuousClock.now
    }

    let depthMax: Int
    private let state = Mutex(State())
    private let writer: AsyncStream<RequestOutcome>.Continuation

    /// Creates a sequencer feeding a writer.
    /// - Parameters:
    ///   - depthMax: requests in progress at once, at least 1.
    ///   - writer: the stream the connection's writer reads, in request order.
    init(depthMax: Int, writer: AsyncStream<RequestOutcome>.Continuation) {
        precondition(depthMax >= 1)
        self.depthMax = depthMax
        self.writer = writer
    }

    /// Waits for a free slot and takes the next sequence number; nil when the task is cancelled.
    func reserve() async -> Int? {
        while !Task.isCancelled {
            let sequence: Int? = state.withLock { state in
                guard state.inFlightCount < depthMax else { return nil }
                defer { state.nextSequence += 1 }
                state.inFlightCount += 1
                state.answeringCount += 1
                return state.nextSequence
            }
            if let sequence { return sequence }
            await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let resumeNow = state.withLock { state in
                        guard state.inFlightCount >= depthMax, !state.isCancelled else { return true }
                        state.slotWaiter = continuation
                        return false
                    }
                    if resumeNow { continuation.resume() }
                }
            } onCancel: {
                let waiter = state.withLock { state in
                    state.isCancelled = true
                    defer { state.slotWaiter = nil }
                    return state.slotWaiter
                }
                waiter?.resume()
            }
        }
        return nil
    }

    /// Records a request's outcome and hands every answer now in order to the writer.
    /// - Parameters:
    ///   - sequence: the number ``reserve()`` gave the request.
    ///   - outcome: what the request came to.
    func complete(_ sequence: Int, with outcome: RequestOutcome) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            precondition(sequence >= state.nextDelivery && state.completed[sequence] == nil, "completed twice")
            state.completed[sequence] = outcome
            state.answeringCount -= 1
            // An answer just produced is activity: the idle clock restarts, so a slow answer is not closed out
            // in the moment between leaving the handler and reaching the socket.
            state.lastActivity = .now
            while let next = state.completed.removeValue(forKey: state.nextDelivery) {
                state.nextDelivery += 1
                switch next {
                // Yielding under the lock keeps the stream in sequence order.
                case .write, .close: writer.yield(next)
                case .none: state.inFlightCount -= 1
                }
            }
            return takeWaiterIfSlotFree(&state)
        }
        waiter?.resume()
    }

    /// Called by the writer after each `.write` or `.close` it took from the stream.
    func markWritten() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.inFlightCount -= 1
            state.lastActivity = .now
            return takeWaiterIfSlotFree(&state)
        }
        waiter?.resume()
    }

    /// Called when bytes arrive from the peer.
    func markRead() {
        state.withLock { $0.lastActivity = .now }
    }

    /// When the connection becomes idle: nil while a handler is working on one of its requests.
    ///
    /// Answers waiting to be written do not keep a connection alive: a peer that stops reading them makes no
    /// progress either, and is closed like a silent one.
    /// - Parameter timeout: the idle timeout.
    func idleDeadline(timeout: Duration) -> ContinuousClock.Instant? {
        state.withLock { state in state.answeringCount > 0 ? nil : state.lastActivity + timeout }
    }

    /// Ends the writer's stream once every reserved request has been delivered.
    func finish() {
        writer.finish()
    }

    private func takeWaiterIfSlotFree(_ state: inout State) -> CheckedContinuation<Void, Never>? {
        guard state.inFlightCount < depthMax, let waiter = state.slotWaiter else { return nil }
        state.slotWaiter = nil
        return waiter
    }
}
