/// How hard SQLite flushes a commit to disk (`PRAGMA synchronous`, <https://www.sqlite.org/pragma.html#pragma_synchronous>).
///
/// The ledger always runs in WAL mode. A batch is one write transaction, so a batch is one WAL append and,
/// at ``full``, one `fsync` of the WAL: batching is the lever that amortises the flush.
public enum SQLiteDurability: String, Sendable, CaseIterable {
    /// `synchronous=FULL` (the default): the WAL is flushed before every commit returns, so every outcome `post`
    /// returned survives a process crash and a power loss.
    case full
    /// `synchronous=NORMAL`: the WAL is flushed only at checkpoints. A process crash loses nothing; a power loss may
    /// lose the last commits (never corrupt the file or half-apply a transfer).
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
