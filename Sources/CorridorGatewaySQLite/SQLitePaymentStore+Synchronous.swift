extension SQLitePaymentStore {
    /// How hard SQLite flushes a commit to disk (`PRAGMA synchronous`,
    /// <https://www.sqlite.org/pragma.html#pragma_synchronous>), as the ledger's `SQLiteDurability` does.
    ///
    /// The store always runs in WAL mode and commits a batch of `save` calls as one write transaction, so at
    /// ``full`` a batch costs one `fsync` of the WAL, however many payments it carries.
    public enum Synchronous: String, Sendable, CaseIterable {
        /// `synchronous=FULL` (the default): the WAL is flushed before a commit returns, so every record `save`
        /// returned for survives a process crash and a power loss.
        case full
        /// `synchronous=NORMAL`: the WAL is flushed only at checkpoints. A process crash loses nothing; a power loss
        /// may lose the last commits (never corrupt the file or half-write a `save` call).
        case normal

        /// The value for `PRAGMA synchronous`.
        var pragmaValue: String {
            switch self {
            case .full: "FULL"
            case .normal: "NORMAL"
            }
        }

        /// The number SQLite reports back from `PRAGMA synchronous` (0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA).
        var pragmaNumber: Int {
            switch self {
            case .full: 2
            case .normal: 1
            }
        }
    }
}
