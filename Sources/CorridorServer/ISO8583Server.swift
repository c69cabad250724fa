import CorridorISO8583
import Logging
import NIOCore
import NIOPosix

/// The ISO 8583 network endpoint: acquirers connect over TCP, send length-prefixed requests, and get the
/// answers of an ``ISO8583RequestHandler`` back (DESIGN.md §6, issue 4 §3).
///
/// ```swift
/// let server = try await ISO8583Server.start(configuration: .init(port: 8583), handler: issuer, logger: logger)
/// print(server.port)
/// await server.run()          // until shutdown() or the task is cancelled
/// ```
///
/// Guarantees:
/// - Each connection's answers go back in the order of its requests, even when the handler answers them at
///   different speeds; a request the handler drops (nil) gets no answer and holds up none of the later ones.
/// - Requests are answered concurrently, across connections and within one (up to
///   ``Configuration/pipelineDepthMax`` per connection, where reading pauses).
/// - A message that does not unpack is answered with its response MTI and field 39 "30" (format error), echoing
///   the identifying fields that could be read; when even the MTI cannot be read the connection is closed. A
///   framing error (zero length, bad ASCII digits, longer than ``Configuration/frameSizeMax``) closes the
///   connection after the answers to its earlier requests. Neither affects other connections.
/// - Log lines name fields, offsets and lengths, never a data element's value, so they never hold a PAN.
/// - A connection quiet for ``Configuration/idleTimeout`` (nothing read or written, no request in the handler) is
///   closed, a peer that stops reading its answers included.
/// - A connection beyond ``Configuration/connectionCountMax`` is closed as soon as it is accepted.
public final class ISO8583Server: Sendable {
    /// The configuration the server was started with.
    public let configuration: Configuration
    /// The TCP port the server listens on (the system's choice when the configuration said 0).
    public let port: Int

    private let listener: any Channel
    private let connections: ConnectionRegistry
    private let serving: Task<Void, Never>
    private let logger: Logger

    private init(
        configuration: Configuration, port: Int, listener: any Channel, connections: ConnectionRegistry,
        serving: Task<Void, Never>, logger: Logger
    ) {
        self.configuration = configuration
        self.port = port
        self.listener = listener
        self.connections = connections
        self.serving = serving
        self.logger = logger
    }

    /// Binds the listening socket and starts serving in the background.
    /// - Parameters:
    ///   - configuration: address, framing, dialect and limits.
    ///   - handler: answers the requests; called concurrently, so it is `Sendable` (an actor, say).
    ///   - logger: where connection events and malformed input are logged (never with field values).
    ///   - eventLoopGroup: the SwiftNIO threads; NIO's shared singleton by default.
    /// - Returns: the running server; read ``port`` for the bound port.
    /// - Throws: the socket error when the address cannot be bound (port in use, bad host).
    public static func start(
        configuration: Configuration = Configuration(),
        handler: some ISO8583RequestHandler,
        logger: Logger = Logger(label: "corridor.iso8583"),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> ISO8583Server {
        let listener = try await ServerBootstrap(group: eventLoopGroup)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: configuration.host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let readActivity = ISO8583ReadActivity()
                    try channel.pipeline.syncOperations.addHandler(ISO8583ReadActivityHandler(activity: readActivity))
                    return ISO8583AcceptedConnection(
                        channel: try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel),
                        readActivity: readActivity)
                }
            }
        let port = listener.channel.localAddress?.port ?? configuration.port
        var logger = logger
        logger[metadataKey: "iso8583.port"] = "\(port)"
        let connections = ConnectionRegistry(countMax: configuration.connectionCountMax)
        let serving = Task { [logger] in
            await accept(from: listener, configuration: configuration, handler: handler, connections: connections,
                logger: logger)
        }
        logger.info(
            "ISO 8583 endpoint listening",
            metadata: [
                "iso8583.host": "\(configuration.host)", "framing": "\(configuration.framing.rawValue)",
                "iso8583.spec": "\(configuration.spec.name)",
            ])
        return ISO8583Server(
            configuration: configuration, port: port, listener: listener.channel, connections: connections,
            serving: serving, logger: logger)
    }

    /// Connections open now.
    public var connectionCount: Int { connections.count }

    /// Whether the listening socket is still open (false once ``shutdown()`` has closed it).
    public var isListening: Bool { listener.isActive }

    /// Waits while the server runs; returns after ``shutdown()`` (called from elsewhere) has finished. Cancelling
    /// the task that waits here shuts the server down, so a command can simply `await server.run()`.
    public func run() async {
        await withTaskCancellationHandler {
            await serving.value
        } onCancel: {
            beginShutdown()
        }
    }

    /// Stops the server: closes the listening socket and every connection (answers still being computed are
    /// not sent), and returns once all of them are closed. Calling it again just waits.
    public func shutdown() async {
        beginShutdown()
        await serving.value
    }

    private func beginShutdown() {
        guard let open = connections.beginShutdown() else { return }
        logger.info("ISO 8583 endpoint shutting down", metadata: ["connections": "\(open.count)"])
        listener.close(promise: nil)
        for channel in open { channel.close(promise: nil) }
        // Wakes handlers that sleep (slow issuers) and readers waiting for a pipeline slot.
        serving.cancel()
    }

    /// Accepts connections until the listener closes, and serves each in a child task.
    private static func accept(
        from listener: NIOAsyncChannel<ISO8583AcceptedConnection, Never>,
        configuration: Configuration, handler: some ISO8583RequestHandler, connections: ConnectionRegistry,
        logger: Logger
    ) async {
        do {
            try await listener.executeThenClose { inbound in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await accepted in inbound {
                        let channel = accepted.channel
                        let peer = channel.channel.remoteAddress.map { "\($0)" } ?? "unknown"
                        guard let identifier = connections.admit(channel.channel) else {
                            logger.warning(
                                "refusing connection: limit reached or shutting down",
                                metadata: ["peer": "\(peer)", "connections.max": "\(connections.countMax)"])
                            // Closing through executeThenClose also finishes the channel's writer, which
                            // NIOAsyncChannel requires before it is released.
                            group.addTask { try? await channel.executeThenClose { _, _ in } }
                            continue
                        }
                        var connectionLogger = logger
                        connectionLogger[metadataKey: "connection"] = "\(identifier)"
                        connectionLogger[metadataKey: "peer"] = "\(peer)"
                        let connection = ISO8583Connection(
                            channel: channel, readActivity: accepted.readActivity, configuration: configuration,
                            handler: handler, logger: connectionLogger)
                        group.addTask {
                            await connection.run()
                            connections.remove(identifier)
                        }
                    }
                }
            }
        } catch is CancellationError {
            // shutdown() cancels the accept loop after closing the listener.
        } catch {
            logger.error("ISO 8583 listener failed", metadata: ["error": "\(error)"])
        }
        logger.info("ISO 8583 endpoint stopped")
    }
}
