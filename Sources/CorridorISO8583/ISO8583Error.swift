/// Every way packing or unpacking an ISO 8583 message fails; each case names the field and the byte offset.
///
/// Field 0 stands for the MTI and the primary bitmap, field 1 for the secondary bitmap. Offsets count from the
/// first byte of the message (unpack) or of the output (pack). No case ever carries a field's value, so an error
/// can be logged without leaking a PAN or track data.
public enum ISO8583Error: Error, Sendable, Hashable {
    /// The MTI is not four decimal digits, or a digit is reserved (ISO 8583:1987 clause 4.1).
    case mtiInvalid(offset: Int)
    /// A bitmap ends before its 8 bytes (16 hex digits).
    case bitmapTruncated(field: Int, offset: Int)
    /// An ASCII-hex bitmap holds a character that is not a hex digit.
    case bitmapInvalid(field: Int, offset: Int)
    /// A length prefix or a value runs past the end of the message.
    case lengthPastEnd(field: Int, offset: Int)
    /// A length prefix is not decimal digits (or not valid BCD).
    case lengthDigitsInvalid(field: Int, offset: Int)
    /// A variable-length field's length is above the spec's maximum.
    case valueTooLong(field: Int, offset: Int)
    /// A fixed-length field's value has the wrong length.
    case valueLengthInvalid(field: Int, offset: Int)
    /// A field of kind `n` holds something other than decimal digits.
    case nonNumeric(field: Int, offset: Int)
    /// A character cannot be represented in the field's data encoding or kind.
    case characterInvalid(field: Int, offset: Int)
    /// The bitmap or the message names a field the spec does not define.
    case fieldNotInSpec(field: Int, offset: Int)
    /// Field 55 chip data is not valid BER-TLV (EMV Book 3 Annex B); offset is within the field's value.
    case chipDataInvalid(offset: Int)
    /// A spec file entry ("t", "p", "h" or a field number) is missing, malformed or not supported; offset is 0.
    case specInvalid(key: String)

    /// The field the error is about (0: MTI or primary bitmap, 1: secondary bitmap).
    public var field: Int {
        switch self {
        case .mtiInvalid: 0
        case .specInvalid(let key): Int(key) ?? 0
        case .chipDataInvalid: 55
        case .bitmapTruncated(let field, _), .bitmapInvalid(let field, _), .lengthPastEnd(let field, _),
            .lengthDigitsInvalid(let field, _), .valueTooLong(let field, _), .valueLengthInvalid(let field, _),
            .nonNumeric(let field, _), .characterInvalid(let field, _), .fieldNotInSpec(let field, _):
            field
        }
    }

    /// The byte offset the error was found at.
    public var offset: Int {
        switch self {
        case .specInvalid: 0
        case .chipDataInvalid(let offset): offset
        case .mtiInvalid(let offset), .bitmapTruncated(_, let offset), .bitmapInvalid(_, let offset),
            .lengthPastEnd(_, let offset), .lengthDigitsInvalid(_, let offset), .valueTooLong(_, let offset),
            .valueLengthInvalid(_, let offset), .nonNumeric(_, let offset), .characterInvalid(_, let offset),
            .fieldNotInSpec(_, let offset):
            offset
        }
    }
}
