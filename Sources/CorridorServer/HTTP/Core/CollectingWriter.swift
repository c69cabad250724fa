import Hummingbird

/// A ``ResponseBodyWriter`` that keeps what is written.
struct CollectingWriter: ResponseBodyWriter {
    /// Where the bytes go; a class because `finish` consumes the writer.
    final class Sink {
        var bytes: [UInt8] = []
    }

    let sink: Sink

    mutating func write(_ buffer: ByteBuffer) async throws {
        sink.bytes.append(contentsOf: buffer.readableBytesView)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
