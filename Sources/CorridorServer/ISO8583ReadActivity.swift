import NIOCore
import Synchronization

/// When bytes last arrived on a connection, marked on its event loop as they arrive.
///
/// The connection's reader task may be late to take bytes off the channel on a loaded machine; the idle watchdog
/// reads this instead, so a peer that did send is never closed as a silent one.
final class ISO8583ReadActivity: Sendable {
    private let lastRead = Mutex(ContinuousClock.now)

    /// Records that bytes arrived now.
    func mark() {
        let now = ContinuousClock.now
        lastRead.withLock { $0 = now }
    }

    /// When bytes last arrived (or the connection opened).
    var last: ContinuousClock.Instant { lastRead.withLock { $0 } }
}

/// The channel handler that marks an ``ISO8583ReadActivity`` for every read and passes the bytes on unchanged.
final class ISO8583ReadActivityHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let activity: ISO8583ReadActivity
    private var isReading = false

    init(activity: ISO8583ReadActivity) {
        self.activity = activity
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // One mark per read burst is enough: channelReadComplete ends the burst.
        if !isReading {
            isReading = true
            activity.mark()
        }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        isReading = false
        context.fireChannelReadComplete()
    }
}

/// An accepted connection: its channel and the activity its read handler marks.
struct ISO8583AcceptedConnection: Sendable {
    let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
    let readActivity: ISO8583ReadActivity
}
