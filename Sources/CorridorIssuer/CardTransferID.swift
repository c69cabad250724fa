import CorridorCore
import CorridorLedger

/// The ledger transfer ids of a card transaction's postings: its hold or debit, and the void, completion and
/// reversal that may follow.
///
/// An id is derived from the transaction's key alone (acquirer, terminal, STAN, transmission time), so a
/// retransmission, a reversal after a restart or a second gateway process finds the same transfer. Its leading bits
/// are the transmission time and the STAN, so the transactions of one moment get neighbouring ids: a SQLite or
/// PostgreSQL ledger appends them near the end of its id index, instead of writing a random leaf of it per transfer
/// as a hash-only id does (that was a page written to the log per authorization when commits are small).
///
/// Layout, most significant bits first: 25 bits for the second of the year that field 7 (MMDDhhmmss) names, 20 for
/// the STAN, 3 for the purpose, 80 of SHA-256 of the purpose and the whole key. A key whose field 7 or STAN is not a
/// valid time or six digits gets the hash-only (``Scheme/legacy``) id.
///
/// Ledgers written before this scheme hold hash-only ids; ``lookupCandidates(of:)`` names both, and the postings
/// that follow an original keep the scheme of the original they found (``Scheme``). A 0100 or 0200 that was sent
/// before the host started (``mayPrecede(_:start:windowSeconds:)``) is first looked for under its hash-only id,
/// so a retransmission of a request an earlier build posted replays that posting instead of making a second one.
public enum CardTransferID {
    /// What a transfer does for its transaction.
    public enum Purpose: UInt8, Sendable, CaseIterable {
        /// The hold of a 0100 or the debit (or credit) of a 0200.
        case debit = 0
        /// The void of a hold, by a reversal.
        case void = 1
        /// The posting of a hold, by a 0220.
        case completion = 2
        /// The compensation of a posted debit, by a reversal.
        case reversal = 3

        var name: String {
            switch self {
            case .debit: "debit"
            case .void: "void"
            case .completion: "completion"
            case .reversal: "reversal"
            }
        }
    }

    /// How a transaction's ids are made.
    public enum Scheme: Sendable, Hashable {
        /// Time and STAN first (this build's).
        case ordered
        /// SHA-256 of the purpose and key only (builds before the ordered ids; still read).
        case legacy
    }

    /// The id of a transaction's transfer with a purpose.
    public static func id(_ purpose: Purpose, of key: CardTransactionKey, scheme: Scheme = .ordered) -> TransferID {
        switch scheme {
        case .legacy: return legacyID(purpose, of: key)
        case .ordered:
            guard let second = secondOfYear(key.transmissionDateTime), let stan = sixDigits(key.stan) else {
                return legacyID(purpose, of: key)
            }
            let hash = LedgerIdentifier.derived(namespace: "corridor.issuer.card", name: "\(purpose.name)/\(key)").rawValue
            let value = UInt128(second) << 103 | UInt128(stan) << 83 | UInt128(purpose.rawValue) << 80 | hash >> 48
            return LedgerIdentifier(value == 0 ? 1 : value)
        }
    }

    /// The ids an original transaction's debit may have, this build's first.
    public static func lookupCandidates(of key: CardTransactionKey) -> [(id: TransferID, scheme: Scheme)] {
        let ordered = id(.debit, of: key)
        let legacy = legacyID(.debit, of: key)
        return ordered == legacy ? [(ordered, .ordered)] : [(ordered, .ordered), (legacy, .legacy)]
    }

    /// Whether a transaction may have been posted by an earlier build before a host that started at `start`: its
    /// transmission time (field 7, read in the year that puts it nearest before `start`) falls in the `window`
    /// before `start`. Only such a request can be a retransmission of a debit with a hash-only id.
    public static func mayPrecede(_ key: CardTransactionKey, start: CivilDate, windowSeconds: Int64) -> Bool {
        guard let keySecond = secondOfYear(key.transmissionDateTime) else { return false }
        let startText = [start.month, start.day, start.hour, start.minute, start.second]
            .map { ($0 < 10 ? "0" : "") + String($0) }.joined()
        guard let startSecond = secondOfYear(startText) else { return false }
        let year = Int64(366 * 86_400)
        let before = ((Int64(startSecond) - Int64(keySecond)) % year + year) % year
        return before > 0 && before <= windowSeconds
    }

    /// The hash-only id earlier builds gave every card transfer.
    static func legacyID(_ purpose: Purpose, of key: CardTransactionKey) -> TransferID {
        IssuerLedgerAccounts.transferID("\(purpose.name)/\(key)")
    }

    /// The second of the year (from January 1st, 00:00:00) of an MMDDhhmmss text, nil when it is not one; February
    /// always has 29 days, so the value never depends on the year.
    static func secondOfYear(_ text: String) -> UInt32? {
        let digits = Array(text.utf8)
        guard digits.count == 10, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        func pair(_ index: Int) -> UInt32 { UInt32(digits[index] - 0x30) * 10 + UInt32(digits[index + 1] - 0x30) }
        let (month, day, hour, minute, second) = (pair(0), pair(2), pair(4), pair(6), pair(8))
        guard (1...12).contains(month), day >= 1, day <= daysInMonth[Int(month) - 1], hour < 24, minute < 60,
            second < 60
        else { return nil }
        let dayOfYear = daysBeforeMonth[Int(month) - 1] + day - 1
        return ((dayOfYear * 24 + hour) * 60 + minute) * 60 + second
    }

    private static let daysInMonth: [UInt32] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    private static let daysBeforeMonth: [UInt32] = [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335]

    private static func sixDigits(_ text: String) -> UInt32? {
        let digits = Array(text.utf8)
        guard digits.count == 6, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return digits.reduce(0) { $0 * 10 + UInt32($1 - 0x30) }
    }
}
