/// The ISO 8583:1987 attribute of a data element (clause 4.2): which characters it may hold.
public enum FieldKind: String, Sendable, Hashable, CaseIterable {
    /// Decimal digits.
    case n
    /// Letters and digits (Corridor also accepts spaces, as deployed networks do).
    case an
    /// Printable ASCII characters.
    case ans
    /// Raw bytes.
    case b
    /// Track 2/3 code set: digits and separators.
    case z
}

/// How a field's length is fixed or carried in a prefix of 2, 3 or 4 digits.
public enum FieldLength: Sendable, Hashable {
    case fixed(Int)
    case llvar(max: Int)
    case lllvar(max: Int)
    case llllvar(max: Int)

    /// The most characters (digits for BCD, bytes for binary) the field may hold.
    public var max: Int {
        switch self {
        case .fixed(let count), .llvar(let count), .lllvar(let count), .llllvar(let count): count
        }
    }

    /// Number of decimal digits in the length prefix; 0 for fixed fields.
    public var prefixDigits: Int {
        switch self {
        case .fixed: 0
        case .llvar: 2
        case .lllvar: 3
        case .llllvar: 4
        }
    }
}

/// How characters, digits or lengths are written on the wire.
public enum FieldEncoding: String, Sendable, Hashable, CaseIterable {
    /// One ASCII byte per character.
    case ascii
    /// One EBCDIC (code page 500) byte per character.
    case ebcdic
    /// Two decimal digits per byte, left-padded with a zero nibble when odd.
    case bcd
    /// Raw bytes; for a length prefix, a big-endian integer of (digits + 1) / 2 bytes.
    case binary
}

/// One data element's format: ISO 8583 treats a message format as data, field number → spec.
///
/// Guarantees: a `.binary` data encoding goes with kind `b`; a `.bcd` data encoding with kind `n` or `z`.
public struct FieldSpec: Sendable, Hashable {
    /// Human name ("Primary Account Number (PAN)").
    public var description: String
    public var kind: FieldKind
    public var length: FieldLength
    public var dataEncoding: FieldEncoding
    public var lengthEncoding: FieldEncoding
    /// PANs, track data and PIN blocks: masked or hidden whenever a message is described.
    public var isSensitive: Bool

    /// Creates a field spec.
    /// - Parameters:
    ///   - description: human name of the field.
    ///   - kind: allowed characters.
    ///   - length: fixed or variable with a maximum.
    ///   - data: data encoding.
    ///   - lengthEncoding: encoding of the length prefix.
    ///   - isSensitive: whether describing a message must mask or hide it.
    public init(
        _ description: String, _ kind: FieldKind, _ length: FieldLength, data: FieldEncoding = .ascii,
        lengthEncoding: FieldEncoding = .ascii, isSensitive: Bool = false
    ) {
        self.description = description
        self.kind = kind
        self.length = length
        self.dataEncoding = data
        self.lengthEncoding = lengthEncoding
        self.isSensitive = isSensitive
    }
}
