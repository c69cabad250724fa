/// The last ``capacity`` audit records in a ring: appending to a full log drops the oldest record.
struct ScreeningAuditLog: Sendable {
    /// The most records kept.
    let capacity: Int
    private var storage: [ScreeningAuditRecord] = []
    /// Where the oldest record is once the ring is full.
    private var start = 0

    /// An empty log keeping at most `capacity` records.
    init(capacity: Int) {
        precondition(capacity > 0, "ScreeningAuditLog: capacity must be positive")
        self.capacity = capacity
    }

    /// Appends a record, dropping the oldest when full.
    mutating func append(_ record: ScreeningAuditRecord) {
        if storage.count < capacity {
            storage.append(record)
        } else {
            storage[start] = record
            start = (start + 1) % capacity
        }
    }

    /// The records, oldest first.
    var records: [ScreeningAuditRecord] {
        Array(storage[start...] + storage[..<start])
    }
}
