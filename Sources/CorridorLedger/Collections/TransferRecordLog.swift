/// The transfer records of a ``LedgerBook``: an append-only array of records, in the order they were added, and a
/// ``LedgerIdentifierMap`` from each transfer id to its position.
///
/// Why an array and an index rather than one map of records: a record is ~160 bytes, so the in-memory ledger's
/// millions of them are best written once, at the end of one array, with no allocation each; the hash table holds
/// only 16-byte ids and positions, and a record is never moved by a rehash.
///
/// Guarantees: at most one record per transfer id; a record never changes position; in a book that only commits
/// (the in-memory backend's), the order is commit order, so ``values`` is sorted by ``TransferRecord/sequence``.
public struct TransferRecordLog: Sendable {
    /// The records, oldest first.
    private(set) var entries: [TransferRecord] = []
    /// The position in `entries` of each transfer id.
    private var positions = LedgerIdentifierMap<Int>()

    /// An empty log.
    public init() {}

    /// The number of records.
    public var count: Int { entries.count }

    /// True when there are no records.
    public var isEmpty: Bool { entries.isEmpty }

    /// The record of transfer `id`, or nil.
    public subscript(id: TransferID) -> TransferRecord? {
        guard let position = positions[id] else { return nil }
        return entries[position]
    }

    /// Every record, in the order added.
    public var values: [TransferRecord] { entries }

    /// Every record's transfer id, in the order added.
    public var keys: LazyMapSequence<[TransferRecord], TransferID> { entries.lazy.map(\.transfer.id) }

    // MARK: Within the module

    /// The position of transfer `id`, valid for as long as the log exists.
    func position(of id: TransferID) -> Int? { positions[id] }

    /// The record at `position`, read and written in place (only its ``TransferRecord/pendingState`` ever changes).
    subscript(position position: Int) -> TransferRecord {
        _read { yield entries[position] }
        _modify { yield &entries[position] }
    }

    /// Adds a record, or replaces the one with the same transfer id (a record loaded again).
    mutating func put(_ record: TransferRecord) {
        if let position = positions[record.transfer.id] {
            entries[position] = record
        } else {
            positions[record.transfer.id] = entries.count
            entries.append(record)
        }
    }

    /// Adds the record of a transfer id known to be absent, with one probe of the index.
    mutating func append(_ record: consuming TransferRecord) {
        let previous = positions.updateValue(entries.count, forKey: record.transfer.id)
        precondition(previous == nil, "a transfer id is recorded once")
        entries.append(record)
    }

    /// Where transfer `id` is in the index, or where it would go: the probe ``append(_:probed:)`` reuses.
    @inline(__always)
    func probe(_ id: TransferID) -> (slot: Int, found: Bool) { positions.probe(id) }

    /// The position of the record a ``probe(_:)`` found.
    @inline(__always)
    func position(probed: (slot: Int, found: Bool)) -> Int {
        precondition(probed.found, "the probe found the id")
        return positions.valuePointer(slot: probed.slot).pointee
    }

    /// Adds the record of a transfer id whose ``probe(_:)`` found nothing, with no insertion since: no second probe.
    mutating func append(_ record: consuming TransferRecord, probed: (slot: Int, found: Bool)) {
        positions.insert(entries.count, forKey: record.transfer.id, at: probed)
        entries.append(record)
    }

    /// Makes room for `count` records in all, so appending up to that many neither rehashes nor reallocates.
    mutating func reserveCapacity(_ count: Int) {
        positions.reserveCapacity(count)
        if count > entries.capacity {
            // Geometric, as `append` would grow, so that one reservation per batch stays amortized O(1).
            entries.reserveCapacity(Swift.max(count, entries.capacity * 2))
        }
    }
}

extension TransferRecordLog: Equatable {
    /// Equal when both hold the same records under the same ids (order aside).
    public static func == (lhs: TransferRecordLog, rhs: TransferRecordLog) -> Bool {
        lhs.count == rhs.count && lhs.entries.allSatisfy { rhs[$0.transfer.id] == $0 }
    }
}
