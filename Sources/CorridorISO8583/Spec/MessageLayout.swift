/// A ``MessageSpec``'s field table compiled for `pack` and `unpack`: one plan per field number 0...128 in an array,
/// and which fields the spec defines as two bitmap words, so the hot loops index instead of hashing.
///
/// Guarantees: rebuilt whenever the spec's `fields` change, so it always says what `fields` says.
struct MessageLayout: Sendable, Hashable {
    /// Which characters a field's logical value may hold (ISO 8583:1987 clause 4.2), as checks.
    enum CharacterRule: UInt8, Sendable, Hashable {
        /// Kind `b`: any byte.
        case any
        /// Kind `n`: decimal digits, else `nonNumeric`.
        case digits
        /// Kinds `an`, `ans`, `z`: printable ASCII, else `characterInvalid`.
        case printable
        /// Kinds `an`, `ans`, `z` in BCD: printable and decimal digits, else `characterInvalid`.
        case printableDigits
    }

    /// How to read and write one field.
    struct FieldPlan: Sendable, Hashable {
        var isDefined = false
        var rule = CharacterRule.any
        /// The fixed length, or the maximum of a variable one (characters; digits for BCD).
        var count = 0
        /// Digits in the length prefix; 0 for a fixed field.
        var prefixDigits = 0
        /// Bytes the length prefix takes on the wire.
        var prefixByteCount = 0
        var lengthEncoding = FieldEncoding.ascii
        var dataEncoding = FieldEncoding.ascii

        init() {}

        init(_ spec: FieldSpec) {
            isDefined = true
            switch spec.kind {
            case .b: rule = .any
            case .n: rule = .digits
            case .an, .ans, .z: rule = spec.dataEncoding == .bcd ? .printableDigits : .printable
            }
            prefixDigits = spec.length.prefixDigits
            switch spec.lengthEncoding {
            case .ascii, .ebcdic: prefixByteCount = prefixDigits
            case .bcd, .binary: prefixByteCount = (prefixDigits + 1) / 2
            }
            // A spec file may name a maximum its prefix cannot express; the prefix is the real limit.
            var prefixMax = 1
            if spec.lengthEncoding == .binary {
                for _ in 0..<prefixByteCount { prefixMax *= 256 }
            } else {
                for _ in 0..<prefixDigits { prefixMax *= 10 }
            }
            count = prefixDigits == 0 ? spec.length.max : min(spec.length.max, prefixMax - 1)
            lengthEncoding = spec.lengthEncoding
            dataEncoding = spec.dataEncoding
        }

        /// Wire bytes of a value of `count` characters, without the prefix.
        @inline(__always) func dataByteCount(_ count: Int) -> Int {
            dataEncoding == .bcd ? (count + 1) / 2 : count
        }
    }

    /// Plans indexed by field number 0...128; undefined where the spec has no field.
    var plans: [FieldPlan]
    /// Defined fields 2...64 as bits, field 1 at bit 63 (never set: field 1 is the secondary bitmap).
    var definedPrimaryBits: UInt64 = 0
    /// Defined fields 65...128 as bits, field 65 at bit 63.
    var definedSecondaryBits: UInt64 = 0
    /// Every defined field's data is ASCII or binary, so unpacked values are the wire bytes themselves.
    var valuesAreWireBytes = true

    init(_ fields: [Int: FieldSpec]) {
        plans = Array(repeating: FieldPlan(), count: MessageSpec.fieldNumberMax + 1)
        for (number, spec) in fields where number >= 2 && number <= MessageSpec.fieldNumberMax {
            plans[number] = FieldPlan(spec)
            if number <= 64 {
                definedPrimaryBits |= (1 as UInt64) << UInt64(64 - number)
            } else {
                definedSecondaryBits |= (1 as UInt64) << UInt64(128 - number)
            }
            if spec.dataEncoding == .ebcdic || spec.dataEncoding == .bcd { valuesAreWireBytes = false }
        }
    }

    /// Yields the numbers of the fields whose bits are set, ascending: fields 2...64 from the primary word (bit 63,
    /// field 1, is skipped), then 65...128 from the secondary.
    struct FieldCursor {
        var primary: UInt64
        var secondary: UInt64

        init(primary: UInt64, secondary: UInt64) {
            self.primary = primary & ~(1 << 63)
            self.secondary = secondary
        }

        @inline(__always) mutating func next() -> Int? {
            if primary != 0 {
                let zeros = primary.leadingZeroBitCount
                primary &= ~((1 as UInt64) << UInt64(63 - zeros))
                return zeros + 1
            }
            if secondary != 0 {
                let zeros = secondary.leadingZeroBitCount
                secondary &= ~((1 as UInt64) << UInt64(63 - zeros))
                return zeros + 65
            }
            return nil
        }
    }
}
