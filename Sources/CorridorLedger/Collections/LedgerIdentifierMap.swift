/// A hash map from ``LedgerIdentifier`` to `Value`: the table behind ``LedgerBook``'s accounts, balances and records.
///
/// Open addressing with linear probing over a power-of-two table of slots; each slot holds a 16-byte key beside its
/// value, so a lookup that misses the cache costs one line, not two. Keys are hashed by a seeded multiply-xorshift of
/// their two 64-bit halves: a few instructions where `Dictionary`'s SipHash costs a hundred, which is most of the
/// in-memory backend's time per transfer (issue 3 §5).
///
/// Guarantees:
/// - Value semantics: a copy shares storage until one side mutates (copy on write).
/// - At most ``loadFactorNumerator``/``loadFactorDenominator`` of the slots are full, so a probe always ends at an
///   empty slot; the zero id, never a valid ``LedgerIdentifier``, marks an empty slot.
/// - Removal shifts the entries after the hole back (no tombstones), so lookups never slow down with removals.
/// - Iteration order is unspecified and differs between processes (the hash is seeded per process, so crafted ids
///   cannot be aimed at one probe chain of a long-running ledger).
public struct LedgerIdentifierMap<Value> {
    /// Full slots at most `capacity × numerator / denominator` (3/4: `Dictionary`'s own maximum load).
    @usableFromInline static var loadFactorNumerator: Int { 3 }
    @usableFromInline static var loadFactorDenominator: Int { 4 }
    /// The smallest table allocated once something is inserted.
    @usableFromInline static var capacityMin: Int { 16 }
    /// The largest table: 2^40 slots, far beyond any memory here; a named limit for the growth loop.
    @usableFromInline static var capacityMax: Int { 1 << 40 }

    @usableFromInline var storage: Storage

    /// An empty map. Allocates nothing until the first insertion.
    @inlinable
    public init() {
        storage = Storage(capacity: 0, seed: Self.processSeed)
    }

    /// An empty map with room for `minimumCapacity` entries before it grows.
    @inlinable
    public init(minimumCapacity: Int) {
        storage = Storage(capacity: Self.capacity(for: minimumCapacity), seed: Self.processSeed)
    }

    /// An empty map with a fixed hash seed (tests use it to make probe chains reproducible).
    init(minimumCapacity: Int = 0, seed: UInt64) {
        storage = Storage(capacity: Self.capacity(for: minimumCapacity), seed: seed)
    }

    /// The number of entries.
    @inlinable public var count: Int { storage.count }

    /// True when there are no entries.
    @inlinable public var isEmpty: Bool { storage.count == 0 }

    /// How many entries fit before the table grows.
    @inlinable public var capacity: Int { Self.entriesMax(slots: storage.capacity) }

    /// The value for `key`, or nil. Setting nil removes the entry.
    @inlinable
    public subscript(key: LedgerIdentifier) -> Value? {
        get {
            guard let slot = storage.find(key.rawValue) else { return nil }
            return storage.value(at: slot).pointee
        }
        set {
            if let newValue {
                updateValue(newValue, forKey: key)
            } else {
                removeValue(forKey: key)
            }
        }
    }

    /// The value for `key`, or `defaultValue()` when there is none; mutating through it inserts the default first.
    @inlinable
    public subscript(key: LedgerIdentifier, default defaultValue: @autoclosure () -> Value) -> Value {
        get { self[key] ?? defaultValue() }
        _modify {
            let slot = insertionSlot(for: key, value: defaultValue)
            yield &storage.value(at: slot).pointee
        }
    }

    /// Sets the value for `key`.
    /// - Returns: the value it replaced, or nil when the key was new.
    @inlinable @discardableResult
    public mutating func updateValue(_ value: Value, forKey key: LedgerIdentifier) -> Value? {
        makeUnique()
        let (slot, found) = storage.probe(key.rawValue)
        if found {
            let pointer = storage.value(at: slot)
            let old = pointer.move()
            pointer.initialize(to: value)
            return old
        }
        if storage.count < Self.entriesMax(slots: storage.capacity) {
            storage.insert(key.rawValue, value, at: slot)
        } else {
            grow(toHold: storage.count + 1)
            storage.insertNew(key.rawValue, value)
        }
        return nil
    }

    /// Removes the entry for `key`.
    /// - Returns: the value removed, or nil when there was none.
    @inlinable @discardableResult
    public mutating func removeValue(forKey key: LedgerIdentifier) -> Value? {
        guard storage.find(key.rawValue) != nil else { return nil }
        makeUnique()
        guard let slot = storage.find(key.rawValue) else { preconditionFailure("a copy holds the same keys") }
        return storage.remove(at: slot)
    }

    /// Makes room for `minimumCapacity` entries, so that inserting up to that many neither rehashes nor allocates.
    @inlinable
    public mutating func reserveCapacity(_ minimumCapacity: Int) {
        guard minimumCapacity > capacity else { return }
        makeUnique()
        grow(toHold: minimumCapacity)
    }

    /// The keys, in the map's (unspecified) order.
    public var keys: Keys { Keys(storage: storage) }

    /// The values, in the same order as ``keys``.
    public var values: Values { Values(storage: storage) }

    // MARK: Slot access (within the module: one probe, then reads and writes in place)

    /// The slot holding `key`, valid until the next insertion or removal.
    func slot(forKey key: LedgerIdentifier) -> Int? {
        storage.find(key.rawValue)
    }

    /// The value in a slot returned by ``slot(forKey:)``, read and written in place.
    subscript(slot slot: Int) -> Value {
        _read {
            precondition(storage.isOccupied(slot), "not a full slot")
            yield storage.value(at: slot).pointee
        }
        _modify {
            precondition(storage.isOccupied(slot), "not a full slot")
            makeUnique()
            yield &storage.value(at: slot).pointee
        }
    }

    /// The value in a slot returned by ``slot(forKey:)``, for reading single fields in place: `pointer.pointee.field`
    /// loads one field where `self[slot:]` may copy the whole value (and retain its references). Valid until the next
    /// mutation of the map.
    @inline(__always)
    func valuePointer(slot: Int) -> UnsafePointer<Value> {
        precondition(storage.isOccupied(slot), "not a full slot")
        return UnsafePointer(storage.value(at: slot))
    }

    /// The value in a slot returned by ``slot(forKey:)``, for writing in place. Makes the storage unique first, so
    /// the pointer is valid until the next insertion, removal or copy of the map.
    @inline(__always)
    mutating func mutableValuePointer(slot: Int) -> UnsafeMutablePointer<Value> {
        precondition(storage.isOccupied(slot), "not a full slot")
        makeUnique()
        return storage.value(at: slot)
    }

    /// Where `key` is, or where it would be inserted: one probe that a later ``insert(_:forKey:at:)`` reuses.
    @inline(__always)
    func probe(_ key: LedgerIdentifier) -> (slot: Int, found: Bool) {
        storage.probe(key.rawValue)
    }

    /// Inserts a new key at the empty slot a ``probe(_:)`` of it returned, when no insertion or removal happened
    /// since and the table has room; otherwise (or when the table is shared) through ``updateValue(_:forKey:)``.
    @inline(__always)
    mutating func insert(_ value: Value, forKey key: LedgerIdentifier, at probed: (slot: Int, found: Bool)) {
        precondition(!probed.found, "insert(_:forKey:at:) adds a new key")
        guard storage.capacity > 0, storage.count < Self.entriesMax(slots: storage.capacity),
              isKnownUniquelyReferenced(&storage) else {
            updateValue(value, forKey: key)
            return
        }
        precondition(storage.key(at: probed.slot) == 0, "the probed slot is still empty")
        storage.insert(key.rawValue, value, at: probed.slot)
    }

    /// The slot of `key`, inserting `value()` first when the key is new.
    @inlinable
    mutating func insertionSlot(for key: LedgerIdentifier, value: () -> Value) -> Int {
        makeUnique()
        let (slot, found) = storage.probe(key.rawValue)
        if found { return slot }
        if storage.count < Self.entriesMax(slots: storage.capacity) {
            storage.insert(key.rawValue, value(), at: slot)
            return slot
        }
        grow(toHold: storage.count + 1)
        return storage.insertNew(key.rawValue, value())
    }

    // MARK: Storage management

    @inlinable
    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    /// Moves every entry into a table large enough for `entryCount`. The storage must be unique.
    @inlinable
    mutating func grow(toHold entryCount: Int) {
        let larger = Storage(capacity: Self.capacity(for: entryCount), seed: storage.seed)
        storage.moveAll(into: larger)
        storage = larger
    }

    /// The number of entries a table of `slots` slots holds at most.
    @inlinable
    static func entriesMax(slots: Int) -> Int {
        slots / loadFactorDenominator * loadFactorNumerator
    }

    /// The smallest power-of-two table (≥ ``capacityMin``) that holds `entryCount` entries; 0 for none.
    @inlinable
    static func capacity(for entryCount: Int) -> Int {
        guard entryCount > 0 else { return 0 }
        var slots = capacityMin
        while entriesMax(slots: slots) < entryCount {
            precondition(slots < capacityMax, "LedgerIdentifierMap capacity limit exceeded")
            slots *= 2
        }
        return slots
    }

    /// One random seed per process, shared by every map (so a copied or grown map keeps its probe chains).
    @inlinable
    static var processSeed: UInt64 { ledgerIdentifierMapSeed }
}

/// The per-process hash seed of ``LedgerIdentifierMap`` (a global: generic types have no stored statics).
@usableFromInline
let ledgerIdentifierMapSeed = UInt64.random(in: .min ... .max)

// MARK: - Storage

extension LedgerIdentifierMap {
    /// The table: `capacity` slots of `stride` bytes, each a `UInt128` key at offset 0 (zero when empty) and, when
    /// full, a `Value` at `valueOffset`.
    ///
    /// `@unchecked Sendable` is safe because a storage is mutated only through a map holding the sole reference to
    /// it (`makeUnique()` copies first), so a storage reachable from two places, or two threads, is never written.
    ///
    /// Its hot members are `@inlinable`, so a map used from another module (the SQL backends) is specialised for its
    /// value type there, as it is here: unspecialised, every probe looked up the value's layout at run time.
    @usableFromInline
    final class Storage: @unchecked Sendable {
        /// The number of slots: zero or a power of two.
        @usableFromInline let capacity: Int
        /// `capacity - 1`: a hash masked with it is a slot.
        @usableFromInline let mask: Int
        /// Full slots. Unchecked exclusivity: a storage is mutated only through the one map that owns it uniquely
        /// (see the type's comment), and a dynamic check on every insertion (needed once the property is visible to
        /// other modules) cost 15% of the in-memory backend's instructions.
        @exclusivity(unchecked) @usableFromInline var count = 0
        /// Mixed into every hash.
        @usableFromInline let seed: UInt64
        /// `capacity × stride` bytes, aligned to ``alignment``.
        @usableFromInline let base: UnsafeMutableRawPointer

        @inlinable
        static var alignment: Int { Swift.max(MemoryLayout<UInt128>.alignment, MemoryLayout<Value>.alignment) }
        @inlinable
        static var valueOffset: Int { Swift.max(MemoryLayout<UInt128>.size, MemoryLayout<Value>.alignment) }
        @inlinable
        static var stride: Int { (valueOffset + MemoryLayout<Value>.size + alignment - 1) / alignment * alignment }

        @inlinable
        init(capacity: Int, seed: UInt64) {
            precondition(capacity == 0 || capacity & (capacity - 1) == 0, "capacity is a power of two")
            self.capacity = capacity
            self.mask = capacity &- 1
            self.seed = seed
            base = .allocate(byteCount: Swift.max(1, capacity * Self.stride), alignment: Self.alignment)
            for slot in 0..<capacity { setKey(0, at: slot) }
        }

        @inlinable
        deinit {
            if count > 0 && !_isPOD(Value.self) {
                for slot in 0..<capacity where key(at: slot) != 0 { value(at: slot).deinitialize(count: 1) }
            }
            base.deallocate()
        }

        /// A storage of the same capacity holding copies of every entry.
        @inlinable
        func copy() -> Storage {
            let copy = Storage(capacity: capacity, seed: seed)
            for slot in 0..<capacity {
                let key = key(at: slot)
                guard key != 0 else { continue }
                copy.setKey(key, at: slot)
                copy.value(at: slot).initialize(to: value(at: slot).pointee)
            }
            copy.count = count
            return copy
        }

        /// Moves every entry into `other` (empty, large enough) and leaves this storage with none.
        @inlinable
        func moveAll(into other: Storage) {
            precondition(other.count == 0 && count <= LedgerIdentifierMap.entriesMax(slots: other.capacity))
            for slot in 0..<capacity {
                let key = key(at: slot)
                guard key != 0 else { continue }
                other.insertNew(key, value(at: slot).move())
            }
            // The keys stay, but with a zero count `deinit` leaves the moved-out values alone.
            count = 0
        }

        // MARK: Slots

        @inlinable @inline(__always)
        func key(at slot: Int) -> UInt128 {
            base.load(fromByteOffset: slot &* Self.stride, as: UInt128.self)
        }

        @inlinable @inline(__always)
        func setKey(_ key: UInt128, at slot: Int) {
            base.storeBytes(of: key, toByteOffset: slot &* Self.stride, as: UInt128.self)
        }

        /// The value of a slot; initialized only when the slot is full.
        @inlinable @inline(__always)
        func value(at slot: Int) -> UnsafeMutablePointer<Value> {
            (base + (slot &* Self.stride &+ Self.valueOffset)).assumingMemoryBound(to: Value.self)
        }

        @inlinable
        func isOccupied(_ slot: Int) -> Bool {
            slot >= 0 && slot < capacity && key(at: slot) != 0
        }

        /// The slot where the probe for `key` starts: a seeded multiply-xorshift of both halves.
        @inlinable @inline(__always)
        func home(_ key: UInt128) -> Int {
            let low = UInt64(truncatingIfNeeded: key)
            let high = UInt64(truncatingIfNeeded: key >> 64)
            var hash = (low ^ seed) &* 0x9E37_79B9_7F4A_7C15
            hash ^= high
            hash ^= hash >> 32
            hash &*= 0xD6E8_FEB8_6659_FD93
            hash ^= hash >> 32
            return Int(truncatingIfNeeded: hash) & mask
        }

        /// The slot holding `key`, or the empty slot where it would be inserted. The table must not be empty
        /// unless it has no slots (then the result is `(0, false)`, to be followed by growth).
        @inlinable @inline(__always)
        func probe(_ key: UInt128) -> (slot: Int, found: Bool) {
            guard capacity > 0 else { return (0, false) }
            var slot = home(key)
            // At most `capacity` steps: the load limit keeps an empty slot in every table.
            for _ in 0..<capacity {
                let stored = self.key(at: slot)
                if stored == key { return (slot, true) }
                if stored == 0 { return (slot, false) }
                slot = (slot &+ 1) & mask
            }
            preconditionFailure("LedgerIdentifierMap has no empty slot")
        }

        @inlinable @inline(__always)
        func find(_ key: UInt128) -> Int? {
            let (slot, found) = probe(key)
            return found ? slot : nil
        }

        /// Fills the empty slot `slot` (from ``probe(_:)``), with room checked by the caller.
        @inlinable @inline(__always)
        func insert(_ key: UInt128, _ value: Value, at slot: Int) {
            setKey(key, at: slot)
            self.value(at: slot).initialize(to: value)
            count += 1
        }

        /// Inserts a key known to be absent, with room checked by the caller.
        @inlinable @discardableResult
        func insertNew(_ key: UInt128, _ value: Value) -> Int {
            let (slot, found) = probe(key)
            precondition(!found, "key inserted twice")
            insert(key, value, at: slot)
            return slot
        }

        /// Empties `slot` and shifts the entries after it back, so no probe chain has a gap.
        @inlinable
        func remove(at slot: Int) -> Value {
            let removed = value(at: slot).move()
            var hole = slot
            var next = (slot &+ 1) & mask
            for _ in 0..<capacity {
                let key = key(at: next)
                guard key != 0 else { break }
                // The entry may fill the hole unless its home lies cyclically in (hole, next].
                if (next &- home(key)) & mask >= (next &- hole) & mask {
                    setKey(key, at: hole)
                    value(at: hole).moveInitialize(from: value(at: next), count: 1)
                    hole = next
                }
                next = (next &+ 1) & mask
            }
            setKey(0, at: hole)
            count -= 1
            return removed
        }
    }
}

// MARK: - Sequences

extension LedgerIdentifierMap: Sequence {
    /// Entries as `(key, value)` pairs, like `Dictionary`'s elements.
    public typealias Element = (key: LedgerIdentifier, value: Value)

    /// Iterates the full slots in table order.
    public struct Iterator: IteratorProtocol {
        let storage: Storage
        var slot = 0

        public mutating func next() -> Element? {
            while slot < storage.capacity {
                defer { slot += 1 }
                let key = storage.key(at: slot)
                if key != 0 { return (LedgerIdentifier(key), storage.value(at: slot).pointee) }
            }
            return nil
        }
    }

    public func makeIterator() -> Iterator { Iterator(storage: storage) }

    public var underestimatedCount: Int { count }

    /// The keys of a map, in its order.
    public struct Keys: Sequence {
        let storage: Storage

        public func makeIterator() -> Iterator { Iterator(base: LedgerIdentifierMap.Iterator(storage: storage)) }

        public var underestimatedCount: Int { storage.count }

        /// Iterates the keys.
        public struct Iterator: IteratorProtocol {
            var base: LedgerIdentifierMap.Iterator

            public mutating func next() -> LedgerIdentifier? { base.next()?.key }
        }
    }

    /// The values of a map, in its order.
    public struct Values: Sequence {
        let storage: Storage

        public func makeIterator() -> Iterator { Iterator(base: LedgerIdentifierMap.Iterator(storage: storage)) }

        public var underestimatedCount: Int { storage.count }

        /// Iterates the values.
        public struct Iterator: IteratorProtocol {
            var base: LedgerIdentifierMap.Iterator

            public mutating func next() -> Value? { base.next()?.value }
        }
    }
}

extension LedgerIdentifierMap: Sendable where Value: Sendable {}
extension LedgerIdentifierMap.Iterator: Sendable where Value: Sendable {}
extension LedgerIdentifierMap.Keys: Sendable where Value: Sendable {}
extension LedgerIdentifierMap.Keys.Iterator: Sendable where Value: Sendable {}
extension LedgerIdentifierMap.Values: Sendable where Value: Sendable {}
extension LedgerIdentifierMap.Values.Iterator: Sendable where Value: Sendable {}

extension LedgerIdentifierMap: Equatable where Value: Equatable {
    /// Equal when both hold the same keys with equal values (order and capacity aside).
    public static func == (lhs: LedgerIdentifierMap, rhs: LedgerIdentifierMap) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if lhs.storage === rhs.storage { return true }
        for (key, value) in lhs {
            guard let slot = rhs.storage.find(key.rawValue), rhs.storage.value(at: slot).pointee == value else {
                return false
            }
        }
        return true
    }
}

extension LedgerIdentifierMap: CustomStringConvertible {
    /// `[id: value, …]` in the map's order, like `Dictionary`'s description.
    public var description: String {
        guard !isEmpty else { return "[:]" }
        return "[" + map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "]"
    }
}
