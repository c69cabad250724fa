import Dispatch
import Foundation

/// SIGINT and SIGTERM turned into an awaitable event, so `serve` closes its sockets and ledger cleanly.
///
/// `@unchecked Sendable`: both stored properties are set once in `init` and never change; the dispatch sources are
/// kept only so they stay alive.
final class ShutdownSignals: @unchecked Sendable {
    private let stream: AsyncStream<Void>
    private let sources: [any DispatchSourceSignal]

    private init(stream: AsyncStream<Void>, sources: [any DispatchSourceSignal]) {
        self.stream = stream
        self.sources = sources
    }

    /// Starts listening; the default actions of both signals are replaced.
    static func install() -> ShutdownSignals {
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        var sources: [any DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { continuation.yield() }
            source.resume()
            sources.append(source)
        }
        return ShutdownSignals(stream: stream, sources: sources)
    }

    /// Returns when a signal arrives.
    func wait() async {
        for await _ in stream { return }
    }
}
