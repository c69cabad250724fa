import CorridorCore

/// An ISO 8583 message: an MTI and data elements 2...128 by number.
///
/// Values are the field's logical bytes: the characters in ASCII for text and numeric fields whatever the wire
/// encoding, the raw bytes for binary fields. Bitmaps (fields 1 and the primary) are derived when packing.
/// `description` and reflection mask the PAN and hide track data and PIN blocks.
public struct IsoMessage: Sendable, Hashable, CustomStringConvertible, CustomReflectable {
    /// Four decimal digits ("0100").
    public var mti: String
    /// Field number → value bytes: `fields[n]` reads and writes one field, `fields.keys` lists them ascending.
    public var fields: IsoFields

    /// Creates a message.
    /// - Parameters:
    ///   - mti: four-digit message type indicator.
    ///   - fields: field number → value bytes.
    public init(mti: String, fields: [Int: [UInt8]] = [:]) {
        self.mti = mti
        self.fields = IsoFields(fields)
    }

    /// Creates a message with the fields of another, such as a request's fields for its response.
    /// - Parameters:
    ///   - mti: four-digit message type indicator.
    ///   - fields: the fields.
    public init(mti: String, fields: IsoFields) {
        self.mti = mti
        self.fields = fields
    }

    /// Creates a message from text values (ASCII), convenient for numeric and text fields.
    /// - Parameters:
    ///   - mti: four-digit message type indicator.
    ///   - text: field number → text value.
    public init(mti: String, text: [Int: String]) {
        self.mti = mti
        fields = IsoFields()
        fields.bytes.reserveCapacity(text.values.reduce(0) { $0 + $1.utf8.count })
        fields.slots.reserveCapacity(text.count)
        for number in text.keys.sorted() { self[text: number] = text[number] }
    }

    /// A text field's value, nil when absent.
    public subscript(text field: Int) -> String? {
        get { fields.text(field) }
        set {
            if let newValue, IsoFields.isInBitmap(field) {
                fields.setValue(field, newValue.utf8)
            } else {
                fields[field] = newValue.map { Array($0.utf8) }
            }
        }
    }

    /// The parsed MTI.
    /// - Throws: `ISO8583Error.mtiInvalid` when the MTI is not four valid digits.
    public func messageTypeIndicator() throws(ISO8583Error) -> MessageTypeIndicator {
        try MessageTypeIndicator(mti)
    }

    /// Primary bitmap (8 bytes), followed by the secondary (8 more) when a field above 64 is present.
    public var bitmap: [UInt8] {
        let hasSecondary = fields.secondaryBits != 0
        // Bit 63 of the primary word is field 1 in ``IsoFields``, the secondary-bitmap flag on the wire.
        let primary = fields.primaryBits & ~(1 << 63) | (hasSecondary ? 1 << 63 : 0)
        var bitmap = [UInt8](repeating: 0, count: hasSecondary ? 16 : 8)
        for index in 0..<8 {
            bitmap[index] = UInt8(truncatingIfNeeded: primary >> UInt64(56 - 8 * index))
            if hasSecondary {
                bitmap[8 + index] = UInt8(truncatingIfNeeded: fields.secondaryBits >> UInt64(56 - 8 * index))
            }
        }
        return bitmap
    }

    /// The field numbers present, ascending.
    public var fieldNumbers: [Int] { fields.keys }

    public var description: String {
        let parts = fieldNumbers.map { "\($0)=\(Self.safeText(field: $0, value: fields[$0] ?? [], spec: nil))" }
        return "IsoMessage(\(mti)\(parts.isEmpty ? "" : " ")\(parts.joined(separator: " ")))"
    }

    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }

    /// Fields masked or hidden without a spec: 2 and 34 (PANs), 35, 36, 45 (track data), 52 (PIN block).
    static let sensitiveByNumber: Set<Int> = [2, 34, 35, 36, 45, 52]

    /// A printable form of a value that never holds a full PAN, track data or a PIN block.
    static func safeText(field: Int, value: [UInt8], spec: FieldSpec?) -> String {
        let isSensitive = spec?.isSensitive ?? sensitiveByNumber.contains(field)
        // Without a spec, bytes outside printable ASCII can only be a binary field.
        let isBinary = spec.map { $0.kind == .b } ?? !value.allSatisfy { $0 >= 0x20 && $0 <= 0x7E }
        if isSensitive {
            if field == 2 || field == 34, !isBinary {
                return PrimaryAccountNumber.mask(String(decoding: value, as: UTF8.self))
            }
            return "[hidden]"
        }
        return isBinary ? Hex.upper(value) : String(decoding: value, as: UTF8.self)
    }
}
