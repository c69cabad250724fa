/// Where a decoded payload's merchant accounts (tags 02–51) lie, in payload order: plain numbers, so that a decoded
/// ``MerchantPresentedQR`` holds no array and no string per account, and freeing it releases nothing per account.
///
/// Guarantees: up to ``inlineCapacity`` ranges are stored inline (no allocation); more go to one array. Each range
/// is packed in a `UInt64`: ID in bits 0–7, template flag in bit 8, first byte in bits 16–31, one past the last in
/// bits 32–47 (payloads are at most ``EMVPayload/byteCountMax`` bytes, so offsets fit in 16 bits).
struct EMVAccountRanges: Sendable {
    /// How many ranges fit without an allocation (payloads usually carry one to three accounts).
    static let inlineCapacity = 3

    private var inline: (UInt64, UInt64, UInt64) = (0, 0, 0)
    /// Every range once there are more than ``inlineCapacity``; empty (no allocation) before.
    private var spill: [UInt64] = []
    /// The number of ranges.
    private(set) var count = 0

    /// No ranges.
    init() {}

    /// Adds the range of the top-level data object `id` whose value is `start..<end`.
    mutating func append(id: UInt8, start: Int, end: Int, isTemplate: Bool) {
        let packed = UInt64(id) | (isTemplate ? 0x100 : 0) | UInt64(UInt16(truncatingIfNeeded: start)) << 16
            | UInt64(UInt16(truncatingIfNeeded: end)) << 32
        switch count {
        case 0: inline.0 = packed
        case 1: inline.1 = packed
        case 2: inline.2 = packed
        case EMVAccountRanges.inlineCapacity:
            spill.reserveCapacity(8)
            spill.append(inline.0)
            spill.append(inline.1)
            spill.append(inline.2)
            spill.append(packed)
        default:
            spill.append(packed)
        }
        count += 1
    }

    /// The packed range at `index` (0..<count).
    @inline(__always)
    subscript(index: Int) -> UInt64 {
        precondition(index >= 0 && index < count, "account index out of range")
        if count > EMVAccountRanges.inlineCapacity { return spill[index] }
        switch index {
        case 0: return inline.0
        case 1: return inline.1
        default: return inline.2
        }
    }

    /// The ID of a packed range.
    @inline(__always)
    static func id(_ packed: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: packed) }

    /// True when a packed range's value parsed as data objects.
    @inline(__always)
    static func isTemplate(_ packed: UInt64) -> Bool { packed & 0x100 != 0 }

    /// The first byte of a packed range's value.
    @inline(__always)
    static func start(_ packed: UInt64) -> UInt16 { UInt16(truncatingIfNeeded: packed >> 16) }

    /// One past the last byte of a packed range's value.
    @inline(__always)
    static func end(_ packed: UInt64) -> UInt16 { UInt16(truncatingIfNeeded: packed >> 32) }
}
