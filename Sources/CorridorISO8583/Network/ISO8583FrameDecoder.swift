/// Splits a TCP byte stream into ISO 8583 messages: bytes go in as they arrive, complete frames come out.
///
/// Feed it with ``append(_:)`` and call ``readFrame()`` until it returns nil (SwiftNIO's verbs: `read…` moves a
/// cursor and returns nil when bytes run short). Chunk boundaries do not matter: byte by byte, whole or many
/// frames concatenated give the same frames.
///
/// Guarantees: a frame is never longer than ``frameSizeMax``; an oversized length is rejected as soon as its
/// prefix arrives, before the body is buffered; once a framing error is thrown every later ``readFrame()``
/// throws the same error, because the message boundaries are lost.
public struct ISO8583FrameDecoder: Sendable {
    /// The length prefix in use.
    public let framing: ISO8583Framing
    /// The longest message accepted, in bytes (never above the prefix's own maximum).
    public let frameSizeMax: Int

    private var buffer: [UInt8] = []
    private var readerIndex = 0
    /// Stream bytes consumed before `buffer[0]`, for error offsets.
    private var bufferStreamOffset = 0
    private var failure: ISO8583FramingError?

    /// Consumed bytes are dropped from the front of the buffer once this many have collected.
    private static let compactionThreshold = 4_096

    /// Creates a decoder.
    /// - Parameters:
    ///   - framing: the length prefix.
    ///   - frameSizeMax: the longest message accepted, at least 1; clamped to `framing.lengthMax`.
    public init(framing: ISO8583Framing, frameSizeMax: Int) {
        precondition(frameSizeMax >= 1, "a frame holds at least one byte")
        self.framing = framing
        self.frameSizeMax = min(frameSizeMax, framing.lengthMax)
    }

    /// Bytes received and not yet returned as a frame.
    public var bufferedByteCount: Int { buffer.count - readerIndex }

    /// Adds bytes from the stream.
    /// - Parameter bytes: the next bytes, in stream order.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// Reads the next complete message, without its prefix.
    /// - Returns: the message bytes, or nil when the buffered bytes do not yet hold a whole frame.
    /// - Throws: `ISO8583FramingError` for a zero length, a bad ASCII digit or a length above ``frameSizeMax``;
    ///   the decoder stays failed.
    public mutating func readFrame() throws(ISO8583FramingError) -> [UInt8]? {
        if let failure { throw failure }
        let headerByteCount = framing.headerByteCount
        guard bufferedByteCount >= headerByteCount else { return nil }
        let headerOffset = bufferStreamOffset + readerIndex
        let length: Int
        do throws(ISO8583FramingError) {
            length = try framing.length(
                header: buffer[readerIndex..<readerIndex + headerByteCount], offset: headerOffset)
            guard length > 0 else { throw .lengthZero(offset: headerOffset) }
            guard length <= frameSizeMax else {
                throw .frameTooLong(length: length, maximum: frameSizeMax, offset: headerOffset)
            }
        } catch {
            failure = error
            buffer = []
            readerIndex = 0
            throw error
        }
        guard bufferedByteCount - headerByteCount >= length else { return nil }
        let start = readerIndex + headerByteCount
        let frame = Array(buffer[start..<start + length])
        readerIndex = start + length
        compact()
        return frame
    }

    private mutating func compact() {
        if readerIndex == buffer.count {
            bufferStreamOffset += readerIndex
            buffer.removeAll(keepingCapacity: buffer.capacity <= 65_536)
            readerIndex = 0
        } else if readerIndex >= Self.compactionThreshold, readerIndex * 2 >= buffer.count {
            bufferStreamOffset += readerIndex
            buffer.removeFirst(readerIndex)
            readerIndex = 0
        }
    }
}
