/// Why a merchant QR payload could not be decoded or built: one type for EMV, SBP and GOST.
///
/// Every decoding case names the EMV tag path (`"63"`, `"62.05"`) or the SBP/GOST field (`"bank"`, `"PersonalAcc"`)
/// and the character offset (Unicode scalars from the start of the payload) where the problem starts.
/// Building errors (``cannotEncode(tag:reason:)``) name the tag or field only: no payload exists yet.
///
/// Guarantees: ``code`` is a stable short string for scripts; ``description`` is one English sentence.
public enum MerchantQRError: Error, Sendable, Hashable, CustomStringConvertible {
    // MARK: Any format

    /// The input is empty or only whitespace.
    case empty
    /// The input is neither an EMV payload, an SBP link nor a GOST R 56042 payload.
    case unknownFormat(offset: Int)
    /// The bytes are not UTF-8: the first byte that cannot start or continue a character is at `offset` (in bytes).
    case invalidUTF8(offset: Int)

    // MARK: EMV TLV structure (EMV QRCPS MPM 4.1)

    /// A data object ID is not two decimal digits.
    case nonNumericTag(tag: String, offset: Int)
    /// A length field is not two decimal digits.
    case nonNumericLength(tag: String, offset: Int)
    /// Fewer than four characters remain for a data object's ID and length.
    case truncatedObject(tag: String, offset: Int)
    /// A top-level data object's length runs past the end of the payload.
    case lengthPastEnd(tag: String, offset: Int, length: Int)
    /// A data object inside a template (62, 64) runs past the end of its template.
    case nestedTemplateOverrun(tag: String, offset: Int)
    /// A value is shorter than its data object requires (tag 63 with three hex digits, tag 52 with three digits).
    case truncatedValue(tag: String, offset: Int, length: Int, required: Int)
    /// A value is longer than its data object allows (tag 59 over 25 characters).
    case valueTooLong(tag: String, offset: Int, length: Int, maximum: Int)
    /// A value holds a character outside its data object's character set (numeric, alpha, EMV common set).
    case invalidCharacter(tag: String, offset: Int)
    /// A value is well-formed but not allowed (tag 01 other than 11/12, unknown currency or country).
    case invalidValue(tag: String, offset: Int, reason: String)
    /// The payload does not start with the payload format indicator `000201` (EMV QRCPS MPM 4.2.1).
    case missingPayloadFormatIndicator(offset: Int)
    /// The payload does not end with the CRC data object `6304….` (EMV QRCPS MPM 4.7.3).
    case missingCRC(tag: String, offset: Int)
    /// A mandatory data object is absent; `tag` is the ID or range (`"02-51"` for merchant account information).
    case missingMandatoryTag(tag: String, offset: Int)
    /// A top-level data object appears twice.
    case duplicateTag(tag: String, offset: Int)

    // MARK: Checksums (EMV tag 63 and the SBP `crc` parameter)

    /// The checksum does not match the CRC-16/CCITT-FALSE of the payload.
    case badCRC(tag: String, offset: Int, expected: String, found: String)
    /// The checksum is hexadecimal but in lowercase; EMV and SBP require uppercase.
    case lowercaseCRC(tag: String, offset: Int, found: String)
    /// The checksum is not four hexadecimal digits.
    case nonHexCRC(tag: String, offset: Int, found: String)

    // MARK: SBP links

    /// The link does not start with `https://qr.nspk.ru/` followed by a 32-character id.
    case sbpBadPrefix(field: String, offset: Int)
    /// A required SBP parameter (`type`, `bank`, `sum` for dynamic links) is absent.
    case sbpMissingField(field: String, offset: Int)
    /// An SBP parameter has a value outside its format.
    case sbpInvalidField(field: String, offset: Int, reason: String)

    // MARK: GOST R 56042-2014

    /// The payload does not start with `ST0001`, an encoding digit and a separator.
    case gostBadHeader(field: String, offset: Int)
    /// The encoding digit is not 1 (windows-1251), 2 (UTF-8) or 3 (KOI8-R).
    case gostUnknownEncoding(field: String, offset: Int)
    /// The bytes are not valid in the declared encoding.
    case gostInvalidBytes(field: String, offset: Int)
    /// A `Key=Value` pair has no `=` or an empty key.
    case gostMalformedPair(field: String, offset: Int)
    /// A mandatory field (Name, PersonalAcc, BankName, BIC, CorrespAcc) is absent or out of order.
    case gostMissingField(field: String, offset: Int)
    /// An account (PersonalAcc, CorrespAcc) is not 20 digits.
    case gostBadAccount(field: String, offset: Int)
    /// A field other than an account breaks its rule (BIC digits, Sum digits, a length limit).
    case gostInvalidField(field: String, offset: Int, reason: String)
    /// The payload is longer than the 300 bytes GOST R 56042-2014 allows, in its own encoding.
    case gostTooLong(field: String, offset: Int, byteCount: Int)

    // MARK: Building

    /// A payload cannot be built from the given values; nothing was decoded, so there is no offset.
    case cannotEncode(tag: String, reason: String)

    /// A stable short code for scripts and JSON output, e.g. `"bad_crc"`.
    public var code: String {
        switch self {
        case .empty: "empty"
        case .unknownFormat: "unknown_format"
        case .invalidUTF8: "invalid_utf8"
        case .nonNumericTag: "non_numeric_tag"
        case .nonNumericLength: "non_numeric_length"
        case .truncatedObject: "truncated_object"
        case .lengthPastEnd: "length_past_end"
        case .nestedTemplateOverrun: "nested_template_overrun"
        case .truncatedValue: "truncated_value"
        case .valueTooLong: "value_too_long"
        case .invalidCharacter: "invalid_character"
        case .invalidValue: "invalid_value"
        case .missingPayloadFormatIndicator: "missing_payload_format_indicator"
        case .missingCRC: "missing_crc"
        case .missingMandatoryTag: "missing_mandatory_tag"
        case .duplicateTag: "duplicate_tag"
        case .badCRC: "bad_crc"
        case .lowercaseCRC: "lowercase_crc"
        case .nonHexCRC: "non_hex_crc"
        case .sbpBadPrefix: "sbp_bad_prefix"
        case .sbpMissingField: "sbp_missing_field"
        case .sbpInvalidField: "sbp_invalid_field"
        case .gostBadHeader: "gost_bad_header"
        case .gostUnknownEncoding: "gost_unknown_encoding"
        case .gostInvalidBytes: "gost_invalid_bytes"
        case .gostMalformedPair: "gost_malformed_pair"
        case .gostMissingField: "gost_missing_field"
        case .gostBadAccount: "gost_bad_account"
        case .gostInvalidField: "gost_invalid_field"
        case .gostTooLong: "gost_too_long"
        case .cannotEncode: "cannot_encode"
        }
    }

    /// The EMV tag path the error names (`"62.05"`), or nil for SBP/GOST errors and format-level errors.
    public var tag: String? {
        switch self {
        case .nonNumericTag(let tag, _), .nonNumericLength(let tag, _), .truncatedObject(let tag, _),
            .lengthPastEnd(let tag, _, _), .nestedTemplateOverrun(let tag, _), .truncatedValue(let tag, _, _, _),
            .valueTooLong(let tag, _, _, _), .invalidCharacter(let tag, _), .invalidValue(let tag, _, _),
            .missingCRC(let tag, _), .missingMandatoryTag(let tag, _), .duplicateTag(let tag, _),
            .cannotEncode(let tag, _):
            tag
        case .missingPayloadFormatIndicator: "00"
        case .badCRC(let tag, _, _, _), .lowercaseCRC(let tag, _, _), .nonHexCRC(let tag, _, _):
            tag == "crc" ? nil : tag
        default: nil
        }
    }

    /// The SBP parameter or GOST field the error names (`"bank"`, `"PersonalAcc"`), or nil for EMV errors.
    public var field: String? {
        switch self {
        case .sbpBadPrefix(let field, _), .sbpMissingField(let field, _), .sbpInvalidField(let field, _, _),
            .gostBadHeader(let field, _), .gostUnknownEncoding(let field, _), .gostInvalidBytes(let field, _),
            .gostMalformedPair(let field, _), .gostMissingField(let field, _), .gostBadAccount(let field, _),
            .gostInvalidField(let field, _, _), .gostTooLong(let field, _, _):
            field
        case .badCRC(let tag, _, _, _), .lowercaseCRC(let tag, _, _), .nonHexCRC(let tag, _, _):
            tag == "crc" ? tag : nil
        default: nil
        }
    }

    /// The character offset (Unicode scalars from the start of the payload), or nil when none applies.
    public var offset: Int? {
        switch self {
        case .empty, .cannotEncode: nil
        case .unknownFormat(let offset), .invalidUTF8(let offset), .missingPayloadFormatIndicator(let offset): offset
        case .nonNumericTag(_, let offset), .nonNumericLength(_, let offset), .truncatedObject(_, let offset),
            .lengthPastEnd(_, let offset, _), .nestedTemplateOverrun(_, let offset),
            .truncatedValue(_, let offset, _, _), .valueTooLong(_, let offset, _, _), .invalidCharacter(_, let offset),
            .invalidValue(_, let offset, _), .missingCRC(_, let offset), .missingMandatoryTag(_, let offset),
            .duplicateTag(_, let offset), .badCRC(_, let offset, _, _), .lowercaseCRC(_, let offset, _),
            .nonHexCRC(_, let offset, _), .sbpBadPrefix(_, let offset), .sbpMissingField(_, let offset),
            .sbpInvalidField(_, let offset, _), .gostBadHeader(_, let offset), .gostUnknownEncoding(_, let offset),
            .gostInvalidBytes(_, let offset), .gostMalformedPair(_, let offset), .gostMissingField(_, let offset),
            .gostBadAccount(_, let offset), .gostInvalidField(_, let offset, _), .gostTooLong(_, let offset, _):
            offset
        }
    }

    /// One English sentence naming the problem, the tag or field and the offset.
    public var description: String {
        switch self {
        case .empty: "the payload is empty"
        case .unknownFormat(let offset):
            "not an EMV payload, an SBP link or a GOST R 56042 payload (offset \(offset))"
        case .invalidUTF8(let offset): "the input is not UTF-8: byte offset \(offset) cannot be read"
        case .nonNumericTag(let tag, let offset): "data object ID \"\(tag)\" at offset \(offset) is not two digits"
        case .nonNumericLength(let tag, let offset):
            "length of tag \(tag) at offset \(offset) is not two digits"
        case .truncatedObject(let tag, let offset):
            "payload ends inside the ID and length of tag \(tag) at offset \(offset)"
        case .lengthPastEnd(let tag, let offset, let length):
            "tag \(tag) at offset \(offset) declares \(length) characters, past the end of the payload"
        case .nestedTemplateOverrun(let tag, let offset):
            "tag \(tag) at offset \(offset) runs past the end of its template"
        case .truncatedValue(let tag, let offset, let length, let required):
            "tag \(tag) at offset \(offset) has \(length) characters, needs \(required)"
        case .valueTooLong(let tag, let offset, let length, let maximum):
            "tag \(tag) at offset \(offset) has \(length) characters, at most \(maximum) allowed"
        case .invalidCharacter(let tag, let offset):
            "tag \(tag) at offset \(offset) holds a character outside its character set"
        case .invalidValue(let tag, let offset, let reason): "tag \(tag) at offset \(offset): \(reason)"
        case .missingPayloadFormatIndicator(let offset):
            "payload does not start with the payload format indicator 000201 (offset \(offset))"
        case .missingCRC(let tag, let offset):
            "payload does not end with the CRC object 6304; last object is tag \(tag) at offset \(offset)"
        case .missingMandatoryTag(let tag, let offset):
            "mandatory tag \(tag) is missing (checked up to offset \(offset))"
        case .duplicateTag(let tag, let offset): "tag \(tag) appears again at offset \(offset)"
        case .badCRC(let tag, let offset, let expected, let found):
            "\(tag == "crc" ? "crc" : "tag \(tag)") at offset \(offset) is \(found), computed \(expected)"
        case .lowercaseCRC(let tag, let offset, let found):
            "\(tag == "crc" ? "crc" : "tag \(tag)") at offset \(offset) is lowercase \"\(found)\"; uppercase required"
        case .nonHexCRC(let tag, let offset, let found):
            "\(tag == "crc" ? "crc" : "tag \(tag)") at offset \(offset) is \"\(found)\", not four hexadecimal digits"
        case .sbpBadPrefix(let field, let offset):
            "SBP link \(field) at offset \(offset) is not https://qr.nspk.ru/ and a 32-character id"
        case .sbpMissingField(let field, let offset): "SBP link has no \(field) parameter (offset \(offset))"
        case .sbpInvalidField(let field, let offset, let reason):
            "SBP parameter \(field) at offset \(offset): \(reason)"
        case .gostBadHeader(let field, let offset):
            "GOST payload \(field) at offset \(offset) is not ST0001, an encoding digit and a separator"
        case .gostUnknownEncoding(let field, let offset):
            "GOST \(field) at offset \(offset) is not 1, 2 or 3"
        case .gostInvalidBytes(let field, let offset):
            "GOST payload bytes are invalid in the declared encoding (\(field), offset \(offset))"
        case .gostMalformedPair(let field, let offset):
            "GOST pair \"\(field)\" at offset \(offset) is not Key=Value"
        case .gostMissingField(let field, let offset):
            "GOST mandatory field \(field) is missing or out of order (offset \(offset))"
        case .gostBadAccount(let field, let offset): "GOST \(field) at offset \(offset) is not 20 digits"
        case .gostInvalidField(let field, let offset, let reason): "GOST \(field) at offset \(offset): \(reason)"
        case .gostTooLong(let field, let offset, let byteCount):
            "GOST payload is \(byteCount) bytes in its \(field) encoding, over the 300 allowed (offset \(offset))"
        case .cannotEncode(let tag, let reason): "cannot encode \(tag): \(reason)"
        }
    }
}
