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
/// Guarantees: the writer receives `.write` and `.close` in the order their requests were reserved, whatever order
/// they complete in, as batches of every answer ready when it asks (so it can write them with one flush); at most
/// `depthMax` requests are reserved and not yet written or dropped.
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
        /// Answers in request order that the writer has not taken yet.
        var ready: [RequestOutcome] = []
        /// The writer, waiting for the next answers.
        var writerWaiter: CheckedContinuation<[RequestOutcome]?, Never>?
        /// Set by ``finish()``: no request will complete any more.
        var isFinished = false
        /// Set when the writer's task is cancelled while it waits.
        var isWriterCancelled = false
        var isCancelled = false
        var lastActivity = ContinuousClock.now
    }

    let depthMax: Int
    private let state = Mutex(State())

    /// Creates a sequencer.
    /// - Parameter depthMax: requests in progress at once, at least 1.
    init(depthMax: Int) {
        precondition(depthMax >= 1)
        self.depthMax = depthMax
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
        let (waiter, writer, answers) = state.withLock {
            state -> (CheckedContinuation<Void, Never>?, CheckedContinuation<[RequestOutcome]?, Never>?, [RequestOutcome])
        in
            precondition(sequence >= state.nextDelivery && state.completed[sequence] == nil, "completed twice")
            state.completed[sequence] = outcome
            state.answeringCount -= 1
            // An answer just produced is activity: the idle clock restarts, so a slow answer is not closed out
            // in the moment between leaving the handler and reaching the socket.
            state.lastActivity = .now
            while let next = state.completed.removeValue(forKey: state.nextDelivery) {
                state.nextDelivery += 1
                switch next {
                case .write, .close: state.ready.append(next)
                case .none: state.inFlightCount -= 1
                }
            }
            var writer: CheckedContinuation<[RequestOutcome]?, Never>?
            var answers: [RequestOutcome] = []
            if !state.ready.isEmpty, let waiting = state.writerWaiter {
                state.writerWaiter = nil
                writer = waiting
                swap(&answers, &state.ready)
            }
            return (takeWaiterIfSlotFree(&state), writer, answers)
        }
        waiter?.resume()
        writer?.resume(returning: answers)
    }

    /// The writer's next answers, in request order: every one ready now, or the next to become ready; nil once
    /// ``finish()`` was called and all were taken.
    /// A cancelled writer gets nil.
    func nextAnswers() async -> [RequestOutcome]? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<[RequestOutcome]?, Never>) in
                let answers: [RequestOutcome]?? = state.withLock { state in
                    if !state.ready.isEmpty {
                        var answers: [RequestOutcome] = []
                        swap(&answers, &state.ready)
                        return .some(answers)
                    }
                    if state.isFinished || state.isWriterCancelled { return .some(nil) }
                    precondition(state.writerWaiter == nil, "one writer per connection")
                    state.writerWaiter = continuation
                    return nil
                }
                if let answers { continuation.resume(returning: answers) }
            }
        } onCancel: {
            let writer = state.withLock { state in
                state.isWriterCancelled = true
                defer { state.writerWaiter = nil }
                return state.writerWaiter
            }
            writer?.resume(returning: nil)
        }
    }

    /// Called by the writer once it has written (or given up on) `count` answers it took.
    func markWritten(_ count: Int) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.inFlightCount -= count
            state.lastActivity = .now
            return takeWaiterIfSlotFree(&state)
        }
        waiter?.resume()
    }

    /// When the connection becomes idle: nil while a handler is working on one of its requests, or while answers
    /// wait for the writer to take them (on a loaded machine it may be late).
    ///
    /// Answers the writer is writing do not keep a connection alive: a peer that stops reading them makes no
    /// progress either, and is closed like a silent one. Reads are not counted here: the connection takes the later
    /// of this and its ``ISO8583ReadActivity``, which the event loop marks as bytes arrive.
    /// - Parameter timeout: the idle timeout.
    func idleDeadline(timeout: Duration) -> ContinuousClock.Instant? {
        state.withLock { state in
            state.answeringCount > 0 || !state.ready.isEmpty ? nil : state.lastActivity + timeout
        }
    }

    /// Ends the writer's answers once every one ready has been taken; called after the last request completed.
    func finish() {
        let writer = state.withLock { state -> CheckedContinuation<[RequestOutcome]?, Never>? in
            state.isFinished = true
            guard state.ready.isEmpty else { return nil }
            defer { state.writerWaiter = nil }
            return state.writerWaiter
        }
        writer?.resume(returning: nil)
    }

    private func takeWaiterIfSlotFree(_ state: inout State) -> CheckedContinuation<Void, Never>? {
        guard state.inFlightCount < depthMax, let waiter = state.slotWaiter else { return nil }
        state.slotWaiter = nil
        return waiter
    }
}
