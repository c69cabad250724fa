import CorridorCore
import CorridorLedger
import Foundation
import Synchronization

/// What a conformance case works with: a fresh, empty backend, the simulated clock it was made with, and helpers
/// that create accounts and ids and check balances.
///
/// Guarantees: ids are handed out from counters, so a case is deterministic; account ids have the top bit set and
/// transfer ids use the upper 64 bits, so a backend that stores fewer than 128 bits (or compares them signed) is
/// caught; helpers check every outcome they cause, so a case fails where the backend first misbehaved.
public final class LedgerFixture: Sendable {
    /// The role an account plays; decides its kind, its owner and its default flags.
    public enum Role: String, Sendable, CaseIterable {
        /// A tourist's wallet: `debitsMustNotExceedCredits` by default (it cannot go overdrawn).
        case tourist
        /// A merchant's account: no limit by default.
        case merchant
        /// A bank's settlement account: no limit by default (the source of funding).
        case bank

        /// The account kind the role uses.
        public var kind: AccountKind {
            switch self {
            case .tourist: .wallet
            case .merchant: .merchant
            case .bank: .settlement
            }
        }

        /// The flags an account of this role gets unless a case says otherwise.
        public var defaultFlags: AccountFlags {
            self == .tourist ? .debitsMustNotExceedCredits : []
        }
    }

    /// The backend under test.
    public let backend: any SettlementBackend
    /// The clock the backend was made with; ``SimulatedWallClock/advance(by:)`` moves the backend's time.
    public let clock: SimulatedWallClock

    private struct Counters {
        var account: UInt64 = 0
        var transfer: UInt64 = 0
    }
    private let counters = Mutex(Counters())

    /// The high 64 bits of every account id the fixture hands out (top bit set on purpose).
    public static let accountIDHigh: UInt64 = 0xACC0_0000_0000_0000
    /// The high 64 bits of every transfer id the fixture hands out.
    public static let transferIDHigh: UInt64 = 0x7F00_0000_0000_0001

    /// The clock a backend under test should be made with: the default simulated start, moving only when told.
    public static func makeClock() -> SimulatedWallClock {
        SimulatedWallClock(start: SimulatedWallClock.defaultStart)
    }

    /// Wraps a backend that was made with `clock` and holds nothing yet.
    public init(backend: any SettlementBackend, clock: SimulatedWallClock) {
        self.backend = backend
        self.clock = clock
    }

    // MARK: Ids and values

    /// A new account id: ``accountIDHigh`` in the upper half, a counter in the lower.
    public func nextAccountID() -> AccountID {
        let low = counters.withLock { counters in
            counters.account += 1
            return counters.account
        }
        return AccountID(UInt128(Self.accountIDHigh) << 64 | UInt128(low))
    }

    /// A new transfer id: ``transferIDHigh`` in the upper half, a counter in the lower.
    public func nextTransferID() -> TransferID {
        let low = counters.withLock { counters in
            counters.transfer += 1
            return counters.transfer
        }
        return TransferID(UInt128(Self.transferIDHigh) << 64 | UInt128(low))
    }

    /// The time the backend reads now, in milliseconds since 1970 (the clock moves only through `advance`).
    public var nowMs: Int64 { clock.now().unixMilliseconds }

    /// An amount in minor units.
    public func money(_ minorUnits: Int64, _ currency: Currency = .rub) -> Money {
        Money(minorUnits: minorUnits, currency: currency)
    }

    /// The description of a new account with a fresh id (not created yet).
    /// - Parameters:
    ///   - role: tourist, merchant or bank.
    ///   - currency: the account's currency.
    ///   - flags: its limits; nil for the role's ``Role/defaultFlags``.
    ///   - userData: free-form data.
    public func accountDescription(
        _ role: Role = .tourist, currency: Currency = .rub, flags: AccountFlags? = nil, userData: String = ""
    ) -> Account {
        let id = nextAccountID()
        let owner: String = switch role {
        case .tourist: "tourist-\(id.rawValue & 0xFFFF_FFFF)"
        case .merchant: "merchant-\(id.rawValue & 0xFFFF_FFFF)"
        case .bank: "BANK\(currency.alphaCode)MM"
        }
        return Account(
            id: id, currency: currency, owner: owner, kind: role.kind, flags: flags ?? role.defaultFlags,
            userData: userData
        )
    }

    /// Creates one account and checks it was created.
    /// - Returns: its id.
    /// - Throws: ``ConformanceFailure`` when the backend does not answer `.created`.
    @discardableResult
    public func createAccount(
        _ role: Role = .tourist, currency: Currency = .rub, flags: AccountFlags? = nil,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) async throws -> AccountID {
        let account = accountDescription(role, currency: currency, flags: flags)
        let outcomes = try await backend.createAccounts([account])
        try ConformanceCheck.expectEqual(
            outcomes, [.created], "creating \(role) account \(account.id)",
            fileID: fileID, filePath: filePath, line: line, column: column
        )
        return account.id
    }

    /// The bank settlement account that ``fund(_:_:currency:fileID:filePath:line:column:)`` draws on: one per
    /// currency, created on first use (creating it again is idempotent).
    public func fundingAccount(_ currency: Currency) -> Account {
        Account(
            id: AccountID(UInt128(0xF0D0) << 112 | UInt128(currency.numericCode)), currency: currency,
            owner: "FUNDING-\(currency.alphaCode)", kind: .settlement
        )
    }

    /// Moves `minorUnits` from the currency's funding account to `account` in a single-phase transfer, checking it
    /// committed.
    /// - Returns: the funding account's id.
    @discardableResult
    public func fund(
        _ account: AccountID, _ minorUnits: Int64, currency: Currency = .rub,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) async throws -> AccountID {
        let source = fundingAccount(currency)
        let created = try await backend.createAccounts([source])
        try ConformanceCheck.expectEqual(
            created, [.created], "creating the \(currency) funding account",
            fileID: fileID, filePath: filePath, line: line, column: column
        )
        let outcomes = try await backend.post([
            .single(id: nextTransferID(), debit: source.id, credit: account, amount: money(minorUnits, currency)),
        ])
        try ConformanceCheck.expectEqual(
            outcomes, [.committed], "funding \(account) with \(minorUnits)",
            fileID: fileID, filePath: filePath, line: line, column: column
        )
        return source.id
    }

    // MARK: Transfers

    /// A single-phase one-leg transfer with a fresh id.
    public func single(from debit: AccountID, to credit: AccountID, _ minorUnits: Int64, _ currency: Currency = .rub)
        -> Transfer
    {
        .single(id: nextTransferID(), debit: debit, credit: credit, amount: money(minorUnits, currency))
    }

    /// A pending one-leg transfer with a fresh id.
    public func pending(
        from debit: AccountID, to credit: AccountID, _ minorUnits: Int64, _ currency: Currency = .rub,
        timeoutSeconds: Int64? = nil
    ) -> Transfer {
        Transfer(
            id: nextTransferID(), kind: .pending(timeoutSeconds: timeoutSeconds),
            legs: [TransferLeg(debit: debit, credit: credit, amount: money(minorUnits, currency))]
        )
    }

    /// A post of a pending transfer with a fresh id: in full when `amounts` is nil.
    public func post(_ pendingID: TransferID, amounts: [Int64]? = nil) -> Transfer {
        Transfer(id: nextTransferID(), kind: .postPending(pendingID, amounts: amounts), legs: [])
    }

    /// A void of a pending transfer with a fresh id.
    public func void(_ pendingID: TransferID) -> Transfer {
        Transfer(id: nextTransferID(), kind: .voidPending(pendingID), legs: [])
    }

    /// Posts one batch and checks every outcome is `.committed`.
    /// - Throws: ``ConformanceFailure`` naming the first transfer that was not committed.
    public func expectCommitted(
        _ transfers: [Transfer],
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) async throws {
        let outcomes = try await backend.post(transfers)
        try ConformanceCheck.expectEqual(
            outcomes.count, transfers.count, "number of outcomes",
            fileID: fileID, filePath: filePath, line: line, column: column
        )
        for (index, outcome) in outcomes.enumerated() where outcome != .committed {
            try ConformanceCheck.fail(
                "transfer \(index) of the batch (\(transfers[index].id)): expected committed, got \(outcome)",
                fileID: fileID, filePath: filePath, line: line, column: column
            )
        }
    }

    /// Posts one transfer alone, checks it is rejected with exactly `rejection`, that nothing in the ledger
    /// changed, and (unless `recordedBefore`) that no record of it exists.
    /// - Parameter recordedBefore: true when a record with this id existed before (an id reused with another body).
    public func expectRejected(
        _ transfer: Transfer, _ rejection: TransferRejection, recordedBefore: Bool = false,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) async throws {
        let before = try await snapshot()
        let outcomes = try await backend.post([transfer])
        try ConformanceCheck.expectEqual(
            outcomes, [.rejected(rejection)], "outcome of transfer \(transfer.id)",
            fileID: fileID, filePath: filePath, line: line, column: column
        )
        try await expectUnchanged(since: before, fileID: fileID, filePath: filePath, line: line, column: column)
        if !recordedBefore {
            let found = try await backend.lookup(transfers: [transfer.id])
            try ConformanceCheck.expect(
                found.isEmpty, "a rejected transfer is never recorded, but lookup found \(found)",
                fileID: fileID, filePath: filePath, line: line, column: column
            )
        }
    }

    // MARK: Balances and state

    /// The balance of an account that must exist.
    /// - Throws: ``ConformanceFailure`` when the backend does not know the account.
    public func balance(
        _ id: AccountID,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) async throws -> AccountBalance {
        let found = try await backend.balances(of: [id])
        try ConformanceCheck.expectEqual(
            found.count, 1, "balances found for account \(id)",
            fileID: fileID, filePath: filePath, line: line, column: column
        )
        return found[0]
    }

    /// Checks an account's four counters (each defaults to zero).
    /// - Throws: ``ConformanceFailure`` showing all four expected and actual counters.
    public func expectBalance(
        _ id: AccountID, debitsPosted: Int64 = 0, creditsPosted: Int64 = 0, debitsPending: Int64 = 0,
        creditsPending: Int64 = 0, _ label: String = "",
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) async throws {
        let actual = try await balance(id, fileID: fileID, filePath: filePath, line: line, column: column)
        let expected = [debitsPosted, creditsPosted, debitsPending, creditsPending]
        let got = [actual.debitsPosted, actual.creditsPosted, actual.debitsPending, actual.creditsPending]
        try ConformanceCheck.expect(
            got == expected,
            "balance of \(label.isEmpty ? "account" : label) \(id) (debits posted/credits posted/debits pending/"
                + "credits pending): expected \(Self.counters(expected)), got \(Self.counters(got))",
            fileID: fileID, filePath: filePath, line: line, column: column
        )
    }

    /// The one record of a transfer that must exist.
    /// - Throws: ``ConformanceFailure`` when lookup does not find exactly one record.
    public func record(
        _ id: TransferID,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) async throws -> TransferRecord {
        let found = try await backend.lookup(transfers: [id])
        try ConformanceCheck.expectEqual(
            found.map(\.transfer.id), [id], "records found for transfer \(id)",
            fileID: fileID, filePath: filePath, line: line, column: column
        )
        return found[0]
    }

    /// Checks the pending state of a pending transfer's record.
    public func expectPendingState(
        _ id: TransferID, _ state: PendingState,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) async throws {
        let found = try await record(id, fileID: fileID, filePath: filePath, line: line, column: column)
        try ConformanceCheck.expectEqual(
            found.pendingState, state, "pending state of \(id)",
            fileID: fileID, filePath: filePath, line: line, column: column
        )
    }

    /// Runs `verify()` and checks it found no problem.
    /// - Returns: the verification, for its totals.
    @discardableResult
    public func expectVerified(
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) async throws -> LedgerVerification {
        let verification = try await backend.verify()
        try ConformanceCheck.expect(
            verification.isBalanced,
            "verify() found problems: \(verification.problems.map(\.description).joined(separator: "; "))",
            fileID: fileID, filePath: filePath, line: line, column: column
        )
        return verification
    }

    /// Everything the backend shows: all accounts, their balances and all records, read through paging.
    public func snapshot() async throws -> LedgerSnapshot {
        var accounts: [Account] = []
        var cursor: AccountID?
        while true {
            let page = try await backend.allAccounts(after: cursor, limit: Self.pageSize)
            accounts += page
            guard page.count == Self.pageSize, let last = page.last else { break }
            cursor = last.id
        }
        var balances: [AccountBalance] = []
        for start in stride(from: 0, to: accounts.count, by: Self.pageSize) {
            let ids = accounts[start..<min(start + Self.pageSize, accounts.count)].map(\.id)
            balances += try await backend.balances(of: ids)
        }
        var records: [TransferRecord] = []
        var sequence: UInt64?
        while true {
            let page = try await backend.allTransfers(after: sequence, limit: Self.pageSize)
            records += page
            guard page.count == Self.pageSize, let last = page.last else { break }
            sequence = last.sequence
        }
        return LedgerSnapshot(accounts: accounts, balances: balances, records: records)
    }

    /// Checks that the ledger shows exactly what it showed in `before`.
    /// - Throws: ``ConformanceFailure`` naming the first difference.
    public func expectUnchanged(
        since before: LedgerSnapshot,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) async throws {
        let after = try await snapshot()
        if let difference = before.firstDifference(to: after) {
            try ConformanceCheck.fail(
                "the ledger changed: \(difference)", fileID: fileID, filePath: filePath, line: line, column: column
            )
        }
    }

    /// The page size the fixture reads with (small, so paging is exercised).
    public static let pageSize = 100

    private static func counters(_ values: [Int64]) -> String {
        values.map(String.init).joined(separator: "/")
    }
}
