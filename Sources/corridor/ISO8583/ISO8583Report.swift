import CorridorISO8583

/// How the `iso8583` commands report a message that does not unpack or pack.
enum ISO8583Report {
    /// A stable snake_case code for `--json` output.
    static func code(_ error: ISO8583Error) -> String {
        switch error {
        case .mtiInvalid: "mti_invalid"
        case .bitmapTruncated: "bitmap_truncated"
        case .bitmapInvalid: "bitmap_invalid"
        case .lengthPastEnd: "length_past_end"
        case .lengthDigitsInvalid: "length_digits_invalid"
        case .valueTooLong: "value_too_long"
        case .valueLengthInvalid: "value_length_invalid"
        case .nonNumeric: "non_numeric"
        case .characterInvalid: "character_invalid"
        case .fieldNotInSpec: "field_not_in_spec"
        case .chipDataInvalid: "chip_data_invalid"
        case .specInvalid: "spec_invalid"
        }
    }

    /// One English sentence naming the field and the offset.
    static func message(_ error: ISO8583Error) -> String {
        let what: String
        switch error {
        case .mtiInvalid: what = "the MTI is not four valid digits"
        case .bitmapTruncated: what = "the bitmap ends early"
        case .bitmapInvalid: what = "the bitmap holds a character that is not a hex digit"
        case .lengthPastEnd: what = "the length prefix or value runs past the end of the message"
        case .lengthDigitsInvalid: what = "the length prefix is not decimal digits"
        case .valueTooLong: what = "the length is above the spec's maximum"
        case .valueLengthInvalid: what = "the value has the wrong length for a fixed-length field"
        case .nonNumeric: what = "a numeric field holds a character that is not a digit"
        case .characterInvalid: what = "a character cannot be represented in the field's encoding"
        case .fieldNotInSpec: what = "the spec does not define this field"
        case .chipDataInvalid: what = "the chip data is not valid BER-TLV"
        case .specInvalid(let key): what = "the spec entry \"\(key)\" is missing or not supported"
        }
        return "field \(fieldName(error.field)) at offset \(error.offset): \(what)"
    }

    /// `{"valid": false, "error": {"code", "message", "field", "offset"}}`.
    static func json(_ error: ISO8583Error) -> JSONText {
        .object([
            ("valid", .bool(false)),
            (
                "error",
                .object([
                    ("code", .string(code(error))), ("message", .string(message(error))),
                    ("field", .integer(error.field)), ("offset", .integer(error.offset)),
                ])
            ),
        ])
    }

    /// `{"valid": false, "error": {"code", "message"}}` for a failure that is not about a field.
    static func json(code: String, message: String) -> JSONText {
        .object([("valid", .bool(false)), ("error", .object([("code", .string(code)), ("message", .string(message))]))])
    }

    private static func fieldName(_ field: Int) -> String {
        switch field {
        case 0: "0 (MTI/primary bitmap)"
        case 1: "1 (secondary bitmap)"
        default: String(field)
        }
    }
}
