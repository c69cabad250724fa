/// How ISO 8583 messages are delimited on a TCP stream: a length prefix before every message.
///
/// The prefix counts the message bytes only, never itself. The raw values are the names the CLI accepts
/// (`--framing 2byte`).
///
/// Guarantees: `decode` of `frame(message)` gives `message` back for every message up to ``lengthMax`` bytes.
public enum ISO8583Framing: String, Sendable, Hashable, CaseIterable {
    /// A 2-byte big-endian binary length (up to 65,535 bytes): the most common prefix, Corridor's default.
    case twoByteBinary = "2byte"
    /// A 4-byte big-endian binary length.
    case fourByteBinary = "4byte"
    /// Four ASCII decimal digits ("0123"), up to 9,999 bytes.
    case fourASCIIDigits = "ascii4"

    /// Bytes in the length prefix.
    public var headerByteCount: Int {
        switch self {
        case .twoByteBinary: 2
        case .fourByteBinary, .fourASCIIDigits: 4
        }
    }

    /// The longest message the prefix can describe.
    public var lengthMax: Int {
        switch self {
        case .twoByteBinary: Int(UInt16.max)
        case .fourByteBinary: Int(UInt32.max)
        case .fourASCIIDigits: 9_999
        }
    }

    /// The length prefix for a message of `length` bytes.
    /// - Parameter length: message byte count, 1 through ``lengthMax``.
    /// - Returns: ``headerByteCount`` bytes.
    /// - Throws: `ISO8583FramingError.lengthZero` for an empty message, `.frameTooLong` above ``lengthMax``.
    public func header(length: Int) throws(ISO8583FramingError) -> [UInt8] {
        guard length > 0 else { throw .lengthZero(offset: 0) }
        guard length <= lengthMax else { throw .frameTooLong(length: length, maximum: lengthMax, offset: 0) }
        switch self {
        case .twoByteBinary:
            return [UInt8(truncatingIfNeeded: length >> 8), UInt8(truncatingIfNeeded: length)]
        case .fourByteBinary:
            return [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: length >> $0) }
        case .fourASCIIDigits:
            return [1_000, 100, 10, 1].map { UInt8(ascii: "0") + UInt8(length / $0 % 10) }
        }
    }

    /// A message with its length prefix in front.
    /// - Parameter message: the packed message, 1 through ``lengthMax`` bytes.
    /// - Returns: prefix + message.
    /// - Throws: `ISO8583FramingError` as ``header(length:)`` does.
    public func frame(_ message: [UInt8]) throws(ISO8583FramingError) -> [UInt8] {
        var out = try header(length: message.count)
        out += message
        return out
    }

    /// Reads the message length from a complete prefix.
    /// - Parameters:
    ///   - header: exactly ``headerByteCount`` bytes.
    ///   - offset: where the prefix starts in the stream, for the error.
    /// - Returns: the message length; 0 is returned as is, for the caller to reject.
    /// - Throws: `ISO8583FramingError.lengthDigitsInvalid` when an ASCII prefix holds a non-digit.
    public func length(header: some Collection<UInt8>, offset: Int) throws(ISO8583FramingError) -> Int {
        precondition(header.count == headerByteCount, "a length prefix is \(headerByteCount) bytes")
        switch self {
        case .twoByteBinary, .fourByteBinary:
            return header.reduce(0) { $0 << 8 | Int($1) }
        case .fourASCIIDigits:
            var length = 0
            for (index, character) in header.enumerated() {
                guard character >= UInt8(ascii: "0"), character <= UInt8(ascii: "9") else {
                    throw .lengthDigitsInvalid(offset: offset + index)
                }
                length = length * 10 + Int(character - UInt8(ascii: "0"))
            }
            return length
        }
    }
}
