import CorridorLedger

/// Everything a backend shows at one moment: all accounts, their balances and all transfer records, in the
/// backend's paging order. Two snapshots are equal exactly when nothing observable changed between them.
public struct LedgerSnapshot: Sendable, Hashable {
    /// All accounts in id order.
    public var accounts: [Account]
    /// Their balances, in the same order.
    public var balances: [AccountBalance]
    /// All records in commit order.
    public var records: [TransferRecord]

    /// Creates a snapshot.
    public init(accounts: [Account], balances: [AccountBalance], records: [TransferRecord]) {
        self.accounts = accounts
        self.balances = balances
        self.records = records
    }

    /// The first difference from `other`, in words, or nil when they are equal.
    public func firstDifference(to other: LedgerSnapshot) -> String? {
        if accounts != other.accounts {
            return "accounts were \(accounts.map(\.id)), now \(other.accounts.map(\.id))"
        }
        for (before, after) in zip(balances, other.balances) where before != after {
            return "balance of \(before.id) was \(Self.describe(before)), now \(Self.describe(after))"
        }
        if balances.count != other.balances.count {
            return "\(balances.count) balances before, \(other.balances.count) now"
        }
        if records.count != other.records.count {
            return "\(records.count) records before, \(other.records.count) now; new ids: "
                + "\(Set(other.records.map(\.transfer.id)).subtracting(records.map(\.transfer.id)).sorted())"
        }
        for (before, after) in zip(records, other.records) where before != after {
            return "record of \(before.transfer.id) was \(before), now \(after)"
        }
        return nil
    }

    private static func describe(_ balance: AccountBalance) -> String {
        "\(balance.debitsPosted)/\(balance.creditsPosted)/\(balance.debitsPending)/\(balance.creditsPending)"
    }
}
