import Logging
import PostgresNIO
import Synchronization

extension PostgresConnection {
    /// How often a statement in flight looks at whether its connection has closed.
    static let closedCheckInterval: Duration = .milliseconds(100)
    /// How many checks in a row must find the connection closed, with the statement still unanswered, before it is
    /// failed: postgres-nio fails a statement it had sent at once when the connection closes, so one still waiting
    /// after that was lost (a statement that was answered just before the close gets its answer meanwhile).
    static let closedCheckCountMax = 3

    /// ``query(_:logger:file:line:)`` that fails with ``PostgresConnectionClosedError`` when the connection closes
    /// before the statement is answered, instead of waiting forever.
    ///
    /// Why: postgres-nio (1.33.2, and upstream: its fix #487 was reverted in #501) hands a statement to the channel
    /// with no write promise. When the connection has just closed (PostgreSQL stopped or restarted, and the pool
    /// leased the connection, or a transaction sent its next statement, in the instant before it noticed), the
    /// channel handler is already gone, the write fails silently and the statement's own promise is never
    /// completed: the caller waits forever, and with it everything queued behind it (a ``LedgerBatchPoster``, an
    /// idempotency key). Nothing from our side can complete that promise, so the wait is bounded here, by the close
    /// itself: a statement on a live connection is never cut off however long it runs. The abandoned statement's task
    /// stays suspended (a few hundred bytes per statement lost this way, only when a connection closes under it).
    ///
    /// Guarantees: returns what `query` returns, or throws what it throws, whenever it answers before the connection
    /// is found closed; otherwise throws ``PostgresConnectionClosedError`` within about
    /// `closedCheckInterval × closedCheckCountMax` of the close.
    /// - Parameters:
    ///   - query: the statement and its bound values.
    ///   - logger: postgres-nio's logger for the statement.
    /// - Throws: postgres-nio's `PSQLError`, or ``PostgresConnectionClosedError``.
    @discardableResult
    public func queryUnlessClosed(
        _ query: PostgresQuery, logger: Logger, file: String = #fileID, line: Int = #line
    ) async throws -> PostgresRowSequence {
        let answer = StatementAnswer()
        return try await withCheckedThrowingContinuation { continuation in
            answer.wait(continuation)
            let watch = Task {
                var closedCount = 0
                while !Task.isCancelled {
                    try? await Task.sleep(for: Self.closedCheckInterval)
                    guard !Task.isCancelled else { return }
                    closedCount = self.isClosed ? closedCount + 1 : 0
                    if closedCount >= Self.closedCheckCountMax {
                        answer.resume(with: .failure(PostgresConnectionClosedError()))
                        return
                    }
                }
            }
            Task {
                defer { watch.cancel() }
                do {
                    answer.resume(with: .success(try await self.query(query, logger: logger, file: file, line: line)))
                } catch {
                    answer.resume(with: .failure(error))
                }
            }
        }
    }
}

/// A statement was sent on a connection that closed before it was answered; whether PostgreSQL ran it is unknown
/// (as for any statement cut off by a lost connection). Holds nothing but the fact.
public struct PostgresConnectionClosedError: Error, Sendable, CustomStringConvertible {
    public init() {}

    public var description: String { "the connection closed before the statement was answered" }
}

/// The one answer a ``PostgresConnection/queryUnlessClosed(_:logger:file:line:)`` call gets: the statement's, or the
/// watch's when the connection closed first; whichever comes second is dropped.
private final class StatementAnswer: Sendable {
    private let continuation = Mutex<CheckedContinuation<PostgresRowSequence, any Error>?>(nil)

    func wait(_ waiting: CheckedContinuation<PostgresRowSequence, any Error>) {
        continuation.withLock { $0 = waiting }
    }

    func resume(with result: Result<PostgresRowSequence, any Error>) {
        let waiting = continuation.withLock { stored -> CheckedContinuation<PostgresRowSequence, any Error>? in
            defer { stored = nil }
            return stored
        }
        waiting?.resume(with: result)
    }
}
