import CorridorISO8583
import NIOCore
import NIOPosix

/// A real TCP client on loopback, as an acquirer would connect: writes raw bytes, reads framed answers.
///
/// Every connection closes itself after `lifetimeMax`, so a test that waits for an answer that never comes fails
/// instead of hanging.
struct TestClient {
    static let lifetimeMax: TimeAmount = .seconds(20)

    /// Connects and runs `body` with the connection; closes it afterwards (or after `lifetime`).
    static func withConnection<Result: Sendable>(
        port: Int, framing: ISO8583Framing = .twoByteBinary, spec: MessageSpec = .ascii1987,
        lifetime: TimeAmount = lifetimeMax, _ body: (TestConnection) async throws -> Result
    ) async throws -> Result {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let watchdog = channel.channel.eventLoop.scheduleTask(in: lifetime) { channel.channel.close(promise: nil) }
        defer { watchdog.cancel() }
        return try await channel.executeThenClose { inbound, outbound in
            let connection = TestConnection(
                channel: channel.channel, iterator: inbound.makeAsyncIterator(), outbound: outbound, framing: framing,
                spec: spec)
            return try await body(connection)
        }
    }
}

/// One open client connection; used by one task.
final class TestConnection {
    let channel: any Channel
    private var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var decoder: ISO8583FrameDecoder
    let framing: ISO8583Framing
    let spec: MessageSpec

    init(
        channel: any Channel, iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator,
        outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>, framing: ISO8583Framing, spec: MessageSpec
    ) {
        self.channel = channel
        self.iterator = iterator
        self.outbound = outbound
        self.framing = framing
        self.spec = spec
        self.decoder = ISO8583FrameDecoder(framing: framing, frameSizeMax: framing.lengthMax)
    }

    /// Writes bytes as they are (a frame, part of one, several, or garbage).
    func sendRaw(_ bytes: [UInt8]) async throws {
        try await outbound.write(ByteBuffer(bytes: bytes))
    }

    /// Packs and frames the messages and writes them in one write (pipelined).
    func send(_ messages: IsoMessage...) async throws {
        var bytes: [UInt8] = []
        for message in messages { bytes += try framing.frame(spec.pack(message)) }
        try await sendRaw(bytes)
    }

    /// The next answer's bytes; nil when the server closed the connection.
    func receiveFrame() async throws -> [UInt8]? {
        while true {
            if let frame = try decoder.readFrame() { return frame }
            guard let buffer = try await iterator.next() else { return nil }
            decoder.append(buffer.readableBytesView)
        }
    }

    /// The next answer, unpacked; nil when the server closed the connection.
    func receive() async throws -> IsoMessage? {
        guard let frame = try await receiveFrame() else { return nil }
        return try spec.unpack(frame).message
    }

    /// Reads until the server closes the connection; returns the answers that came first. A reset counts as closed.
    func receiveUntilClosed() async -> [IsoMessage] {
        var messages: [IsoMessage] = []
        while let message = try? await receive() { messages.append(message) }
        return messages
    }
}
