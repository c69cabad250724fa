/// The data elements of one message by field number, as a caller sees them: `fields[n]` reads and writes a field's
/// value bytes (nil when absent), `keys` lists the numbers present in ascending order, and iteration yields
/// `(key, value)` pairs in that order, as a `[Int: [UInt8]]` would sorted by key.
///
/// Storage is built for ``MessageSpec/pack(_:)`` and ``MessageSpec/unpack(_:)``: one byte buffer holds the
/// values, a presence bitmap for fields 1...128 laid out as on the wire, and one slot (start, count) per present
/// field in ascending field order, found by counting the bits below the field's own. A message that `unpack`
/// decoded from ASCII or binary fields keeps the wire bytes as its buffer and points into them, so decoding
/// copies no value. Numbers outside 1...128 are kept aside, so that `pack` reports them as before.
///
/// Guarantees: two values are equal when they hold the same numbers with the same bytes, however they were built;
/// replaced values leave unused bytes behind only until they outweigh the live ones; `description` masks the PAN
/// and hides track data and PIN blocks, as ``IsoMessage`` does.
public struct IsoFields: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral, CustomStringConvertible,
    CustomReflectable
{
    /// Where one value lies in ``bytes``.
    struct Slot: Sendable {
        var start: UInt32
        var count: UInt32

        @inline(__always) var range: Range<Int> { Int(start)..<Int(start) + Int(count) }
    }

    /// The values, back to back; for an unpacked message, the wire bytes the slots point into.
    var bytes: [UInt8]
    /// Fields 1...64, field 1 at bit 63: the primary bitmap as written, except that bit 63 means field 1 itself.
    var primaryBits: UInt64
    /// Fields 65...128, field 65 at bit 63: the secondary bitmap as written.
    var secondaryBits: UInt64
    /// One slot per present field 1...128, ascending field number.
    var slots: [Slot]
    /// Values under numbers outside 1...128; empty for every message a spec can pack.
    var outOfRange: [Int: [UInt8]]
    /// Bytes of ``bytes`` that present values use; the rest is wire framing or replaced values.
    var liveByteCount: Int

    /// Unused bytes tolerated before a write compacts the buffer.
    static let unusedByteCountMax = 1024

    /// No fields.
    public init() {
        bytes = []
        primaryBits = 0
        secondaryBits = 0
        slots = []
        outOfRange = [:]
        liveByteCount = 0
    }

    /// Fields from a dictionary of field number → value bytes.
    /// - Parameter dictionary: the values by field number.
    public init(_ dictionary: [Int: [UInt8]]) {
        self.init()
        bytes.reserveCapacity(dictionary.values.reduce(0) { $0 + $1.count })
        slots.reserveCapacity(dictionary.count)
        for number in dictionary.keys.sorted() { self[number] = dictionary[number] }
    }

    /// Fields from a dictionary literal of field number → value bytes.
    /// - Parameter elements: the values by field number.
    public init(dictionaryLiteral elements: (Int, [UInt8])...) {
        self.init()
        for (number, value) in elements { self[number] = value }
    }

    /// Fields built by `unpack`: slots already in ascending order over `bytes`.
    init(bytes: [UInt8], primaryBits: UInt64, secondaryBits: UInt64, slots: [Slot], liveByteCount: Int) {
        self.bytes = bytes
        self.primaryBits = primaryBits
        self.secondaryBits = secondaryBits
        self.slots = slots
        self.outOfRange = [:]
        self.liveByteCount = liveByteCount
    }

    // MARK: Reading and writing

    /// The value of field `number`, nil when absent; setting nil removes the field.
    public subscript(number: Int) -> [UInt8]? {
        get {
            guard let index = slotIndex(number) else { return Self.isInBitmap(number) ? nil : outOfRange[number] }
            return Array(bytes[slots[index].range])
        }
        set {
            guard Self.isInBitmap(number) else {
                outOfRange[number] = newValue
                return
            }
            if let newValue { setValue(number, newValue) } else { removeValue(number) }
        }
    }

    /// The value of field `number` read as UTF-8 text, nil when absent.
    func text(_ number: Int) -> String? {
        guard let index = slotIndex(number) else {
            return Self.isInBitmap(number) ? nil : outOfRange[number].map { String(decoding: $0, as: UTF8.self) }
        }
        let range = slots[index].range
        return bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
        }
    }

    /// Sets field `number` (1...128) to the bytes of `value`, appending them to the buffer.
    mutating func setValue(_ number: Int, _ value: some Collection<UInt8>) {
        precondition(Self.isInBitmap(number), "field \(number) is outside the bitmap")
        let start = bytes.count
        bytes.append(contentsOf: value)
        precondition(bytes.count <= UInt32.max, "field values above 4 GiB")
        let slot = Slot(start: UInt32(start), count: UInt32(bytes.count - start))
        let index = rank(number)
        if contains(number) {
            liveByteCount -= Int(slots[index].count)
            slots[index] = slot
        } else {
            slots.insert(slot, at: index)
            setBit(number, true)
        }
        liveByteCount += Int(slot.count)
        compactIfWasteful()
    }

    /// Removes field `number` (1...128) when present.
    mutating func removeValue(_ number: Int) {
        guard let index = slotIndex(number) else { return }
        liveByteCount -= Int(slots[index].count)
        slots.remove(at: index)
        setBit(number, false)
        if slots.isEmpty {
            bytes.removeAll(keepingCapacity: true)
            liveByteCount = 0
        }
    }

    /// Copies the live values to a fresh buffer once unused bytes outweigh them.
    private mutating func compactIfWasteful() {
        let unused = bytes.count - liveByteCount
        guard unused > Self.unusedByteCountMax, unused > liveByteCount else { return }
        var compact: [UInt8] = []
        compact.reserveCapacity(liveByteCount)
        for index in slots.indices {
            let start = compact.count
            compact.append(contentsOf: bytes[slots[index].range])
            slots[index].start = UInt32(start)
        }
        bytes = compact
    }

    // MARK: Presence

    /// Whether a number has a bit in the bitmaps (1...128).
    @inline(__always) static func isInBitmap(_ number: Int) -> Bool { number >= 1 && number <= 128 }

    /// Whether field `number` (1...128) is present.
    @inline(__always) func contains(_ number: Int) -> Bool {
        number <= 64
            ? primaryBits & (1 as UInt64) << UInt64(64 - number) != 0
            : secondaryBits & (1 as UInt64) << UInt64(128 - number) != 0
    }

    /// How many present fields have a smaller number than `number` (1...128): the index of its slot.
    @inline(__always) func rank(_ number: Int) -> Int {
        // A shift by 64 (field 1 or 65) leaves nothing, as Swift's `>>` defines it.
        number <= 64
            ? (primaryBits >> UInt64(65 - number)).nonzeroBitCount
            : primaryBits.nonzeroBitCount + (secondaryBits >> UInt64(129 - number)).nonzeroBitCount
    }

    /// The index of field `number`'s slot, nil when absent or outside 1...128.
    @inline(__always) func slotIndex(_ number: Int) -> Int? {
        guard Self.isInBitmap(number), contains(number) else { return nil }
        return rank(number)
    }

    private mutating func setBit(_ number: Int, _ isPresent: Bool) {
        if number <= 64 {
            let bit = (1 as UInt64) << UInt64(64 - number)
            primaryBits = isPresent ? primaryBits | bit : primaryBits & ~bit
        } else {
            let bit = (1 as UInt64) << UInt64(128 - number)
            secondaryBits = isPresent ? secondaryBits | bit : secondaryBits & ~bit
        }
    }

    // MARK: Dictionary-like views

    /// The field numbers present, ascending.
    public var keys: [Int] {
        var numbers: [Int] = []
        numbers.reserveCapacity(count)
        let outside = outOfRange.keys.sorted()
        numbers += outside.lazy.filter { $0 < 1 }
        var word = primaryBits
        while word != 0 {
            let zeros = word.leadingZeroBitCount
            numbers.append(zeros + 1)
            word &= ~((1 as UInt64) << UInt64(63 - zeros))
        }
        word = secondaryBits
        while word != 0 {
            let zeros = word.leadingZeroBitCount
            numbers.append(zeros + 65)
            word &= ~((1 as UInt64) << UInt64(63 - zeros))
        }
        numbers += outside.lazy.filter { $0 > 128 }
        return numbers
    }

    /// The values in ascending field order.
    public var values: [[UInt8]] { keys.map { self[$0] ?? [] } }

    /// How many fields are present.
    public var count: Int { slots.count + outOfRange.count }

    /// Whether no field is present.
    public var isEmpty: Bool { slots.isEmpty && outOfRange.isEmpty }

    /// The fields as a dictionary of field number → value bytes.
    public var dictionary: [Int: [UInt8]] {
        var dictionary = outOfRange
        for number in keys where Self.isInBitmap(number) { dictionary[number] = self[number] }
        return dictionary
    }

    /// `(key, value)` pairs in ascending field order.
    /// - Returns: an iterator over a copy of the pairs.
    public func makeIterator() -> IndexingIterator<[(key: Int, value: [UInt8])]> {
        keys.map { (key: $0, value: self[$0] ?? []) }.makeIterator()
    }

    // MARK: Equality, hashing, description

    /// Whether both hold the same field numbers with the same value bytes, whatever their buffers look like.
    public static func == (lhs: IsoFields, rhs: IsoFields) -> Bool {
        guard lhs.primaryBits == rhs.primaryBits, lhs.secondaryBits == rhs.secondaryBits,
            lhs.outOfRange == rhs.outOfRange
        else { return false }
        return lhs.bytes.withUnsafeBufferPointer { left in
            rhs.bytes.withUnsafeBufferPointer { right in
                for index in lhs.slots.indices {
                    let leftValue = UnsafeBufferPointer(rebasing: left[lhs.slots[index].range])
                    let rightValue = UnsafeBufferPointer(rebasing: right[rhs.slots[index].range])
                    guard leftValue.elementsEqual(rightValue) else { return false }
                }
                return true
            }
        }
    }

    /// Hashes the field numbers and value bytes, as `==` compares them.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(primaryBits)
        hasher.combine(secondaryBits)
        hasher.combine(outOfRange)
        bytes.withUnsafeBufferPointer { buffer in
            for slot in slots {
                hasher.combine(slot.count)
                hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: buffer[slot.range])))
            }
        }
    }

    /// `[2: 411111******1111, 4: 000000012500]`: the PAN masked, track data and PIN blocks hidden.
    public var description: String {
        let parts = keys.map { "\($0): \(IsoMessage.safeText(field: $0, value: self[$0] ?? [], spec: nil))" }
        return "[" + parts.joined(separator: ", ") + "]"
    }

    /// Only the masked description, so that `dump` and debuggers never show a PAN.
    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}
