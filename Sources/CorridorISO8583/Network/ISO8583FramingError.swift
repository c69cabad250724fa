/// Why a TCP stream of length-prefixed ISO 8583 messages cannot be read or written further.
///
/// A framing error loses the message boundaries, so a reader cannot resynchronize: the connection has to be
/// closed. These errors describe the stream, not a message, which is why they are not ``ISO8583Error`` cases
/// (a malformed message inside a good frame is an ``ISO8583Error`` and leaves the stream usable). Offsets count
/// from the first byte of the stream; no case carries message bytes, so every error can be logged.
public enum ISO8583FramingError: Error, Sendable, Hashable {
    /// A length prefix of zero: no message follows, and Corridor's framing has no keep-alive frame.
    case lengthZero(offset: Int)
    /// A four-ASCII-digit prefix holds a character that is not a decimal digit.
    case lengthDigitsInvalid(offset: Int)
    /// The length is above the maximum frame size (decoding) or above what the prefix can hold (encoding).
    case frameTooLong(length: Int, maximum: Int, offset: Int)

    /// The stream offset of the length prefix (or of the bad digit).
    public var offset: Int {
        switch self {
        case .lengthZero(let offset), .lengthDigitsInvalid(let offset), .frameTooLong(_, _, let offset): offset
        }
    }
}
