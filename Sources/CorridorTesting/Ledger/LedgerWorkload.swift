import CorridorCore
import CorridorLedger

/// A seeded generator of one-leg transfers (a debit and a credit account) between `accountCount` accounts, for the
/// ledger benchmark (`corridor-bench ledger`) and load tests.
///
/// Guarantees: the same parameters give the same accounts and the same transfers; ids come from counters (account
/// `i` is `accountIDHigh << 64 | i + 1`, transfer `n` is `transferIDHigh << 64 | n`), so two workloads with
/// different `transferIDHigh` never collide; no account is flagged, so every generated transfer commits on a
/// correct backend; every leg's accounts differ; amounts are 1...`amountMax` minor units.
public struct LedgerWorkload: Sendable {
    /// How traffic spreads over the accounts.
    public enum Distribution: String, Sendable, CaseIterable, CustomStringConvertible {
        /// Every account equally likely on both sides.
        case uniform
        /// 80% of credits go to the first 1% of accounts (hot merchants); debits stay uniform.
        case hot

        public var description: String { rawValue }
    }

    /// The largest account count accepted.
    public static let accountCountMax = 10_000_000
    /// The default high 64 bits of account ids.
    public static let defaultAccountIDHigh: UInt64 = 0xB0
    /// The default high 64 bits of transfer ids.
    public static let defaultTransferIDHigh: UInt64 = 0xB1

    /// The accounts to create before posting, in id order (create them in batches of at most `batchSizeMax`).
    public let accounts: [Account]
    /// The traffic distribution.
    public let distribution: Distribution
    /// The currency of every account and transfer.
    public let currency: Currency
    /// The largest amount of one transfer, in minor units.
    public let amountMax: Int64
    /// How many accounts are hot (1% of them, at least 1) under ``Distribution/hot``.
    public let hotAccountCount: Int

    private let accountIDs: [AccountID]
    private let transferIDHigh: UInt128
    private var random: SeededRandom
    /// How many transfers were generated so far (the counter in the next transfer id, minus one).
    public private(set) var transfersGenerated: UInt64 = 0

    /// Creates a workload and precomputes its accounts.
    /// - Parameters:
    ///   - accountCount: how many accounts (2...``accountCountMax``).
    ///   - distribution: uniform or hot.
    ///   - seed: the random seed.
    ///   - currency: the currency of everything.
    ///   - amountMax: the largest amount of one transfer (≥ 1).
    ///   - accountIDHigh: the high 64 bits of the account ids (the same for workloads sharing accounts).
    ///   - transferIDHigh: the high 64 bits of the transfer ids (distinct per process posting concurrently).
    public init(
        accountCount: Int = 10_000, distribution: Distribution = .uniform, seed: UInt64 = 1,
        currency: Currency = .rub, amountMax: Int64 = 10_000,
        accountIDHigh: UInt64 = LedgerWorkload.defaultAccountIDHigh,
        transferIDHigh: UInt64 = LedgerWorkload.defaultTransferIDHigh
    ) {
        precondition((2...Self.accountCountMax).contains(accountCount), "accountCount out of range")
        precondition(amountMax >= 1, "amountMax must be positive")
        let high = UInt128(accountIDHigh) << 64
        let ids = (0..<accountCount).map { AccountID(high | UInt128($0 + 1)) }
        accountIDs = ids
        accounts = ids.enumerated().map { index, id in
            Account(id: id, currency: currency, owner: "bench-\(index)", kind: index % 2 == 0 ? .wallet : .merchant)
        }
        self.distribution = distribution
        self.currency = currency
        self.amountMax = amountMax
        hotAccountCount = max(1, accountCount / 100)
        self.transferIDHigh = UInt128(transferIDHigh) << 64
        random = SeededRandom(seed: seed)
    }

    /// The accounts split into batches of at most `size`.
    public func accountBatches(size: Int) -> [[Account]] {
        precondition(size > 0, "batch size must be positive")
        return stride(from: 0, to: accounts.count, by: size).map {
            Array(accounts[$0..<min($0 + size, accounts.count)])
        }
    }

    /// The next transfer.
    public mutating func nextTransfer() -> Transfer {
        let count = UInt64(accountIDs.count)
        let creditIndex: Int
        if distribution == .hot, random.next() % 10 < 8 {
            creditIndex = Int(random.next() % UInt64(hotAccountCount))
        } else {
            creditIndex = Int(random.next() % count)
        }
        // Draw the debit from the other count - 1 accounts, so it never equals the credit.
        var debitIndex = Int(random.next() % (count - 1))
        if debitIndex >= creditIndex { debitIndex += 1 }
        let amount = Int64(random.next() % UInt64(amountMax)) + 1
        transfersGenerated += 1
        return Transfer.single(
            id: TransferID(transferIDHigh | UInt128(transfersGenerated)),
            debit: accountIDs[debitIndex], credit: accountIDs[creditIndex],
            amount: Money(minorUnits: amount, currency: currency)
        )
    }

    /// The next `size` transfers.
    public mutating func nextBatch(size: Int) -> [Transfer] {
        var batch: [Transfer] = []
        batch.reserveCapacity(size)
        for _ in 0..<size { batch.append(nextTransfer()) }
        return batch
    }

    /// The next `count` batches of `size` transfers (generate before timing, so generation is not measured).
    public mutating func nextBatches(count: Int, size: Int) -> [[Transfer]] {
        (0..<count).map { _ in nextBatch(size: size) }
    }
}
