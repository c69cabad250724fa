import CorridorCore

/// The ledger's rules as a plain value: a set of accounts, balances and transfer records that transfers are applied
/// to, one at a time, exactly as DESIGN.md §4 says. No I/O.
///
/// The in-memory backend keeps its whole state in one book. The SQL backends load into a book just the rows a batch
/// touches (see ``LedgerBook/accountIDs(touchedBy:records:)``), apply the batch, and write back ``changes``. So all
/// three backends share one implementation of every rule, and the conformance suite checks the storage around it.
///
/// Guarantees: ``apply(_:nowMs:)`` either changes nothing and returns a rejection, or applies every leg and returns
/// ``TransferOutcome/committed``; every counter stays ≥ 0 and is computed with overflow checks.
public struct LedgerBook: Sendable {
    /// Accounts known to the book.
    public private(set) var accounts = LedgerIdentifierMap<Account>()
    /// Their balances. Always inserted together with the account, into a map of the same seed and growth, so an
    /// account's slot in ``accounts`` is its balance's slot here: one probe finds both (checked on every use).
    public private(set) var balances = LedgerIdentifierMap<AccountBalance>()
    /// Transfer records known to the book (all of them in memory, in commit order; the loaded ones in a SQL batch).
    public private(set) var records = TransferRecordLog()
    /// The sequence number the next committed record gets.
    public private(set) var nextSequence: UInt64
    /// What changed since the book was created or ``clearChanges()`` was called.
    public private(set) var changes = LedgerChanges()

    /// When false, ``changes`` stays empty: the in-memory backend writes nothing back, so it skips a set insertion per
    /// posted account and an append per record.
    public let tracksChanges: Bool
    /// Balance changes of the transfer being applied, reused from one transfer to the next to avoid an allocation.
    private var scratch = Scratch()

    /// Open pending transfers with a timeout, and when they expire (ms since 1970).
    private var expiring: [TransferID: Int64] = [:]
    /// The earliest value in `expiring`, so sweeps are free while nothing is due.
    private var earliestExpiryMs = Int64.max

    /// An empty book whose first record gets `nextSequence`.
    /// - Parameters:
    ///   - nextSequence: the sequence number of the first record committed.
    ///   - tracksChanges: false for a book nothing is written back from (the in-memory backend's): ``changes`` then
    ///     stays empty.
    public init(nextSequence: UInt64 = 1, tracksChanges: Bool = true) {
        self.nextSequence = nextSequence
        self.tracksChanges = tracksChanges
    }

    // MARK: Loading (SQL backends)

    /// Adds an existing account and its balance, as read from storage. Not a change.
    public mutating func load(_ account: Account, balance: AccountBalance) {
        precondition(balance.id == account.id, "a balance is loaded with its own account")
        accounts[account.id] = account
        balances[account.id] = balance
    }

    /// Makes room for `count` accounts in all, so that loading up to that many neither rehashes nor allocates.
    public mutating func reserveAccountCapacity(_ count: Int) {
        // Both maps grow alike (same seed, same capacity, entries moved in the same order), so an account's slot stays
        // its balance's slot.
        accounts.reserveCapacity(count)
        balances.reserveCapacity(count)
        // A SQL batch's book starts empty and notes every account it moves; reserving once spares ~8 rehashes of the
        // change index per batch. The in-memory book notes no changes and skips this.
        if tracksChanges { changes.touchedIndex.reserveCapacity(count) }
    }

    /// Adds an existing transfer record, as read from storage. Not a change.
    public mutating func load(_ record: TransferRecord) {
        records.put(record)
        if record.pendingState == .open, let expiry = record.expiresAtMs { track(record.transfer.id, expiresAtMs: expiry) }
    }

    /// Forgets the change log (after the backend has written it).
    public mutating func clearChanges() {
        changes.createdAccounts.removeAll(keepingCapacity: true)
        changes.touchedAccounts.removeAll(keepingCapacity: true)
        changes.touchedIndex = LedgerIdentifierMap()
        changes.newRecordIDs.removeAll(keepingCapacity: true)
        changes.changedPendingIDs.removeAll(keepingCapacity: true)
    }

    /// The account ids a batch touches, given the records of the pending transfers it posts or voids.
    public static func accountIDs(touchedBy transfers: [Transfer], records: [TransferID: TransferRecord]) -> Set<AccountID> {
        accountIDs(touchedBy: transfers) { records[$0] }
    }

    /// The account ids a batch touches, given the records of the pending transfers it posts or voids.
    public static func accountIDs(touchedBy transfers: [Transfer], records: TransferRecordLog) -> Set<AccountID> {
        accountIDs(touchedBy: transfers) { records[$0] }
    }

    private static func accountIDs(
        touchedBy transfers: [Transfer], record: (TransferID) -> TransferRecord?
    ) -> Set<AccountID> {
        var ids = Set<AccountID>()
        for transfer in transfers {
            for leg in transfer.legs {
                ids.insert(leg.debit)
                ids.insert(leg.credit)
            }
            if let pendingID = transfer.kind.pendingID, let pending = record(pendingID) {
                for leg in pending.transfer.legs {
                    ids.insert(leg.debit)
                    ids.insert(leg.credit)
                }
            }
        }
        return ids
    }

    // MARK: Accounts

    /// Creates an account, or confirms one that exists with the same description.
    public mutating func create(_ account: Account) -> AccountOutcome {
        if let existing = accounts[account.id] {
            return existing == account ? .created : .rejected(.idReusedWithDifferentBody)
        }
        if account.flags.contains(.debitsMustNotExceedCredits) && account.flags.contains(.creditsMustNotExceedDebits) {
            return .rejected(.flagsAreMutuallyExclusive)
        }
        if account.owner.isEmpty { return .rejected(.ownerMissing) }
        if account.owner.utf8.count > Account.ownerLengthMax { return .rejected(.fieldTooLong("owner")) }
        if account.userData.utf8.count > Account.userDataLengthMax { return .rejected(.fieldTooLong("userData")) }
        accounts[account.id] = account
        balances[account.id] = AccountBalance(id: account.id, currency: account.currency)
        if tracksChanges { changes.createdAccounts.append(account) }
        return .created
    }

    // MARK: Transfers

    /// Applies one transfer at `nowMs` (milliseconds since 1970): all legs or nothing.
    public mutating func apply(_ transfer: consuming Transfer, nowMs: Int64) -> TransferOutcome {
        // One probe of the record index serves both the replay check and, for a new transfer, the insertion: nothing
        // is inserted into the index between here and the record's append.
        let probed = records.probe(transfer.id)
        if probed.found {
            let existing = records[position: records.position(probed: probed)]
            return existing.transfer == transfer ? .committed : .rejected(.idReusedWithDifferentBody)
        }
        if let rejection = Self.checkUserData(transfer.userData) { return .rejected(rejection) }
        switch transfer.kind {
        case .single:
            return applyNew(transfer, probed: probed, nowMs: nowMs, pending: false, expiresAtMs: nil)
        case .pending(let timeoutSeconds):
            var expiresAtMs: Int64?
            if let timeoutSeconds {
                guard timeoutSeconds > 0 else { return .rejected(.timeoutNotPositive) }
                let (ms, overflow1) = timeoutSeconds.multipliedReportingOverflow(by: 1000)
                let (at, overflow2) = nowMs.addingReportingOverflow(ms)
                expiresAtMs = overflow1 || overflow2 ? Int64.max : at
            }
            return applyNew(transfer, probed: probed, nowMs: nowMs, pending: true, expiresAtMs: expiresAtMs)
        case .postPending(let pendingID, let amounts):
            return resolve(transfer, probed: probed, pendingID: pendingID, nowMs: nowMs, postAmounts: .some(amounts))
        case .voidPending(let pendingID):
            return resolve(transfer, probed: probed, pendingID: pendingID, nowMs: nowMs, postAmounts: .none)
        }
    }

    /// Expires what is due at `nowMs`, then applies a batch in order: what a backend's `post` does to its book.
    /// One call per batch, so an actor holding the book pays one exclusive access, not one per transfer.
    public mutating func applyBatch(_ transfers: [Transfer], nowMs: Int64) -> [TransferOutcome] {
        expireDue(nowMs: nowMs)
        // Every new record's room at once: the table grows (rehashes) at most once per batch, never mid-batch.
        records.reserveCapacity(records.count + transfers.count)
        var outcomes: [TransferOutcome] = []
        outcomes.reserveCapacity(transfers.count)
        // `apply` consumes its transfer: this copy (a retain of the legs and of each user-data string) is the one
        // that moves into the record, so a transfer is copied once.
        for index in transfers.indices { outcomes.append(apply(transfers[index], nowMs: nowMs)) }
        return outcomes
    }

    /// Expires every open pending transfer whose timeout is at or before `nowMs`.
    /// - Returns: the ids expired.
    @discardableResult
    public mutating func expireDue(nowMs: Int64) -> [TransferID] {
        guard earliestExpiryMs <= nowMs else { return [] }
        let due = expiring.filter { $0.value <= nowMs }.keys.sorted()
        for id in due { _ = expire(id) }
        earliestExpiryMs = expiring.values.min() ?? Int64.max
        return due
    }

    /// Releases an open pending transfer's holds and marks it expired.
    /// - Returns: false when the transfer is not an open pending transfer known to the book.
    public mutating func expire(_ id: TransferID) -> Bool {
        guard let position = records.position(of: id), records[position: position].pendingState == .open else {
            return false
        }
        scratch.reset()
        for leg in records[position: position].transfer.legs {
            // Releasing a hold only lowers pending counters that include it, so it cannot fail.
            let released = scratch.release(
                leg, amount: leg.amount.minorUnits, postAmount: 0, accounts: accounts, balances: balances
            )
            precondition(released == nil, "releasing an open hold cannot fail")
        }
        commitScratch()
        records[position: position].pendingState = .expired
        expiring[id] = nil
        if tracksChanges { changes.changedPendingIDs.insert(id) }
        return true
    }

    // MARK: Private

    /// `probed`: the record index's probe of `transfer.id`, which found nothing.
    private mutating func applyNew(
        _ transfer: consuming Transfer, probed: (slot: Int, found: Bool), nowMs: Int64, pending: Bool, expiresAtMs: Int64?
    ) -> TransferOutcome {
        let id = transfer.id
        let legs = transfer.legs
        guard !legs.isEmpty else { return .rejected(.legsInvalid) }
        guard legs.count <= Transfer.legsMax else { return .rejected(.tooManyLegs(legs.count)) }
        if legs.count == 1 {
            if let rejection = applySingleLeg(legs[0], pending: pending) { return .rejected(rejection) }
        } else {
            if let rejection = applyLegs(legs, pending: pending) { return .rejected(rejection) }
        }
        // The request moves into its record: one copy per transfer, made by the caller.
        records.append(TransferRecord(
            transfer: transfer, sequence: takeSequence(), timestampMs: nowMs, appliedLegs: legs,
            pendingState: pending ? .open : nil, expiresAtMs: expiresAtMs
        ), probed: probed)
        if tracksChanges { changes.newRecordIDs.append(id) }
        if pending, let expiresAtMs { track(id, expiresAtMs: expiresAtMs) }
        return .committed
    }

    /// Applies the one leg of a transfer (the common case) straight to the balances, with the same checks in the same
    /// order as ``applyLegs(_:pending:)``: no scratch copies, no account copied out of the map (only its currency and
    /// flags are read, in place), one probe per account.
    /// - Returns: the rejection, when the leg was not applied (then nothing changed).
    private mutating func applySingleLeg(_ leg: TransferLeg, pending: Bool) -> TransferRejection? {
        guard leg.amount.minorUnits > 0 else { return .amountNotPositive(leg: 0) }
        guard leg.debit != leg.credit else { return .sameDebitAndCreditAccount(leg: 0) }
        guard let debitSlot = accounts.slot(forKey: leg.debit) else { return .accountNotFound(leg.debit) }
        guard let creditSlot = accounts.slot(forKey: leg.credit) else { return .accountNotFound(leg.credit) }
        let debitAccount = accounts.valuePointer(slot: debitSlot)
        let creditAccount = accounts.valuePointer(slot: creditSlot)
        guard debitAccount.pointee.currency == leg.amount.currency else {
            return .currencyMismatch(leg: 0, account: leg.debit)
        }
        guard creditAccount.pointee.currency == leg.amount.currency else {
            return .currencyMismatch(leg: 0, account: leg.credit)
        }
        var debit = balances.valuePointer(slot: debitSlot).pointee
        var credit = balances.valuePointer(slot: creditSlot).pointee
        precondition(debit.id == leg.debit && credit.id == leg.credit, "an account's balance shares its slot")
        if let rejection = Scratch.post(
            leg, pending: pending, debit: &debit, debitFlags: debitAccount.pointee.flags,
            credit: &credit, creditFlags: creditAccount.pointee.flags
        ) {
            return rejection
        }
        balances.mutableValuePointer(slot: debitSlot).pointee = debit
        balances.mutableValuePointer(slot: creditSlot).pointee = credit
        if tracksChanges {
            changes.touch(leg.debit)
            changes.touch(leg.credit)
        }
        return nil
    }

    /// Applies several legs through the scratch (a later leg sees an earlier one's changes), committing them only when
    /// every leg passed.
    /// - Returns: the rejection, when the legs were not applied (then nothing changed).
    private mutating func applyLegs(_ legs: [TransferLeg], pending: Bool) -> TransferRejection? {
        scratch.reset()
        for (index, leg) in legs.enumerated() {
            guard leg.amount.minorUnits > 0 else { return .amountNotPositive(leg: index) }
            guard leg.debit != leg.credit else { return .sameDebitAndCreditAccount(leg: index) }
            // Slots, not copies: only the currency and the flags of each account are read, in place.
            guard let debit = accounts.slot(forKey: leg.debit) else { return .accountNotFound(leg.debit) }
            guard let credit = accounts.slot(forKey: leg.credit) else { return .accountNotFound(leg.credit) }
            let debitAccount = accounts.valuePointer(slot: debit)
            let creditAccount = accounts.valuePointer(slot: credit)
            guard debitAccount.pointee.currency == leg.amount.currency else {
                return .currencyMismatch(leg: index, account: leg.debit)
            }
            guard creditAccount.pointee.currency == leg.amount.currency else {
                return .currencyMismatch(leg: index, account: leg.credit)
            }
            if let rejection = scratch.add(
                leg, pending: pending, debit: (debit, debitAccount.pointee.flags),
                credit: (credit, creditAccount.pointee.flags), balances: balances
            ) {
                return rejection
            }
        }
        commitScratch()
        return nil
    }

    /// Posts (`postAmounts` non-nil: nil inside means in full) or voids (`postAmounts` nil) a pending transfer.
    /// `probed`: the record index's probe of `transfer.id`, which found nothing.
    private mutating func resolve(
        _ transfer: consuming Transfer, probed: (slot: Int, found: Bool), pendingID: TransferID, nowMs: Int64,
        postAmounts: [Int64]??
    ) -> TransferOutcome {
        guard transfer.legs.isEmpty else { return .rejected(.legsInvalid) }
        guard let pending = records[pendingID] else { return .rejected(.pendingNotFound(pendingID)) }
        guard case .pending = pending.transfer.kind, let state = pending.pendingState else {
            return .rejected(.notPending(pendingID))
        }
        switch state {
        case .posted: return .rejected(.pendingAlreadyPosted(pendingID))
        case .voided: return .rejected(.pendingAlreadyVoided(pendingID))
        case .expired: return .rejected(.pendingExpired(pendingID))
        case .open: break
        }
        if let expiry = pending.expiresAtMs, expiry <= nowMs {
            _ = expire(pendingID)
            return .rejected(.pendingExpired(pendingID))
        }
        let pendingLegs = pending.transfer.legs
        var amounts = [Int64](repeating: 0, count: pendingLegs.count)
        if case .some(let requested) = postAmounts {
            if let requested {
                guard requested.count == pendingLegs.count else { return .rejected(.postAmountsMismatch) }
                for (index, amount) in requested.enumerated() {
                    guard amount >= 0, amount <= pendingLegs[index].amount.minorUnits else {
                        return .rejected(.postAmountExceedsPending(leg: index))
                    }
                }
                amounts = requested
            } else {
                amounts = pendingLegs.map(\.amount.minorUnits)
            }
        }
        scratch.reset()
        for (index, leg) in pendingLegs.enumerated() {
            if let rejection = scratch.release(
                leg, amount: leg.amount.minorUnits, postAmount: amounts[index], accounts: accounts, balances: balances
            ) {
                return .rejected(rejection)
            }
        }
        commitScratch()
        let isPost = postAmounts != nil
        let applied: [TransferLeg] = isPost
            ? zip(pendingLegs, amounts).compactMap { leg, amount in
                amount > 0 ? TransferLeg(debit: leg.debit, credit: leg.credit,
                                         amount: Money(minorUnits: amount, currency: leg.amount.currency)) : nil
            }
            : pendingLegs
        let id = transfer.id
        records.append(TransferRecord(
            transfer: transfer, sequence: takeSequence(), timestampMs: nowMs, appliedLegs: applied,
            pendingState: nil, expiresAtMs: nil
        ), probed: probed)
        if tracksChanges { changes.newRecordIDs.append(id) }
        guard let pendingPosition = records.position(of: pendingID) else {
            preconditionFailure("the pending record was read")
        }
        records[position: pendingPosition].pendingState = isPost ? .posted : .voided
        expiring[pendingID] = nil
        if tracksChanges { changes.changedPendingIDs.insert(pendingID) }
        return .committed
    }

    /// Writes the scratch balances back through the slots found when they were read: no hashing, and the slots are
    /// valid because no account was added since.
    private mutating func commitScratch() {
        for entry in scratch.touched {
            balances[slot: entry.slot] = entry.balance
            if tracksChanges { changes.touch(entry.balance.id) }
        }
    }

    private mutating func takeSequence() -> UInt64 {
        defer { nextSequence += 1 }
        return nextSequence
    }

    private mutating func track(_ id: TransferID, expiresAtMs: Int64) {
        expiring[id] = expiresAtMs
        earliestExpiryMs = min(earliestExpiryMs, expiresAtMs)
    }

    private static func checkUserData(_ userData: TransferUserData) -> TransferRejection? {
        let limit = TransferUserData.fieldLengthMax
        if userData.paymentID.utf8.count > limit { return .fieldTooLong("paymentID") }
        if userData.rail.utf8.count > limit { return .fieldTooLong("rail") }
        if userData.reference.utf8.count > limit { return .fieldTooLong("reference") }
        return nil
    }
}

/// Balances changed by one transfer before it commits: applied to the book only when every leg succeeded.
private struct Scratch {
    /// A changed balance and the slot where it lives in the book's balance map.
    struct Entry {
        var slot: Int
        var balance: AccountBalance
    }

    /// At most 2 × ``Transfer/legsMax`` entries, so a linear search beats hashing.
    var touched: [Entry] = []

    /// Forgets the previous transfer's changes, keeping the storage.
    mutating func reset() { touched.removeAll(keepingCapacity: true) }

    private func index(of id: AccountID) -> Int? { touched.firstIndex { $0.balance.id == id } }

    /// The scratch copy of account `id`'s balance, which lives in `slot` of `balances` (the account's slot).
    private mutating func balance(
        _ id: AccountID, slot: Int, from balances: LedgerIdentifierMap<AccountBalance>
    ) -> (Int, AccountBalance) {
        if let index = index(of: id) { return (index, touched[index].balance) }
        let stored = balances[slot: slot]
        precondition(stored.id == id, "an account's balance shares its slot")
        touched.append(Entry(slot: slot, balance: stored))
        return (touched.count - 1, stored)
    }

    /// Adds a new leg (single-phase: posted; pending: held), checking limits and overflow.
    mutating func add(
        _ leg: TransferLeg, pending: Bool, debit: (slot: Int, flags: AccountFlags),
        credit: (slot: Int, flags: AccountFlags), balances: LedgerIdentifierMap<AccountBalance>
    ) -> TransferRejection? {
        let (debitIndex, storedDebit) = balance(leg.debit, slot: debit.slot, from: balances)
        let (creditIndex, storedCredit) = balance(leg.credit, slot: credit.slot, from: balances)
        var debitBalance = storedDebit
        var creditBalance = storedCredit
        if let rejection = Self.post(
            leg, pending: pending, debit: &debitBalance, debitFlags: debit.flags, credit: &creditBalance,
            creditFlags: credit.flags
        ) {
            return rejection
        }
        // Indices stay valid: `touched` only grows, and debit ≠ credit was checked before.
        touched[debitIndex].balance = debitBalance
        touched[creditIndex].balance = creditBalance
        return nil
    }

    /// Adds a leg to its two balances (single-phase: posted; pending: held), checking overflow and the accounts'
    /// limits. On a rejection the balances are partly changed: callers apply them only when this returns nil.
    static func post(
        _ leg: TransferLeg, pending: Bool, debit debitBalance: inout AccountBalance, debitFlags: AccountFlags,
        credit creditBalance: inout AccountBalance, creditFlags: AccountFlags
    ) -> TransferRejection? {
        let amount = leg.amount.minorUnits
        if pending {
            guard let next = checkedAdd(debitBalance.debitsPending, amount) else { return .balanceOverflow(leg.debit) }
            debitBalance.debitsPending = next
            guard let next = checkedAdd(creditBalance.creditsPending, amount) else { return .balanceOverflow(leg.credit) }
            creditBalance.creditsPending = next
        } else {
            guard let next = checkedAdd(debitBalance.debitsPosted, amount) else { return .balanceOverflow(leg.debit) }
            debitBalance.debitsPosted = next
            guard let next = checkedAdd(creditBalance.creditsPosted, amount) else { return .balanceOverflow(leg.credit) }
            creditBalance.creditsPosted = next
        }
        if debitFlags.contains(.debitsMustNotExceedCredits) {
            guard let debits = checkedAdd(debitBalance.debitsPosted, debitBalance.debitsPending) else {
                return .balanceOverflow(leg.debit)
            }
            guard debits <= debitBalance.creditsPosted else { return .exceedsCredits(leg.debit) }
        }
        if creditFlags.contains(.creditsMustNotExceedDebits) {
            guard let credits = checkedAdd(creditBalance.creditsPosted, creditBalance.creditsPending) else {
                return .balanceOverflow(leg.credit)
            }
            guard credits <= creditBalance.debitsPosted else { return .exceedsDebits(leg.credit) }
        }
        return nil
    }

    /// Releases a held leg, posting `postAmount` (≤ `amount`) of it.
    mutating func release(
        _ leg: TransferLeg, amount: Int64, postAmount: Int64, accounts: LedgerIdentifierMap<Account>,
        balances: LedgerIdentifierMap<AccountBalance>
    ) -> TransferRejection? {
        guard let debitSlot = accounts.slot(forKey: leg.debit), let creditSlot = accounts.slot(forKey: leg.credit) else {
            preconditionFailure("a pending transfer's accounts are in the book")
        }
        let (debitIndex, debitBalance) = balance(leg.debit, slot: debitSlot, from: balances)
        var debit = debitBalance
        debit.debitsPending -= amount
        guard let debitsPosted = Self.checkedAdd(debit.debitsPosted, postAmount) else { return .balanceOverflow(leg.debit) }
        debit.debitsPosted = debitsPosted
        touched[debitIndex].balance = debit
        let (creditIndex, creditBalance) = balance(leg.credit, slot: creditSlot, from: balances)
        var credit = creditBalance
        credit.creditsPending -= amount
        guard let creditsPosted = Self.checkedAdd(credit.creditsPosted, postAmount) else { return .balanceOverflow(leg.credit) }
        credit.creditsPosted = creditsPosted
        touched[creditIndex].balance = credit
        precondition(debit.debitsPending >= 0 && credit.creditsPending >= 0, "a hold released more than it held")
        return nil
    }

    private static func checkedAdd(_ a: Int64, _ b: Int64) -> Int64? {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? nil : sum
    }
}

/// What a ``LedgerBook`` changed, for a backend to write back in one commit.
public struct LedgerChanges: Sendable {
    /// Accounts created.
    public var createdAccounts: [Account] = []
    /// Accounts whose balance changed, each once, in the order they first changed.
    public internal(set) var touchedAccounts: [AccountID] = []
    /// The members of ``touchedAccounts`` (a set hashed as cheaply as the book's maps).
    var touchedIndex = LedgerIdentifierMap<Bool>()
    /// Records created, in commit order.
    public var newRecordIDs: [TransferID] = []
    /// Pending transfers whose state changed (posted, voided, expired); may include new ones.
    public var changedPendingIDs: Set<TransferID> = []

    /// Accounts whose balance changed, as a set.
    public var touchedAccountIDs: Set<AccountID> { Set(touchedAccounts) }

    /// True when nothing changed.
    public var isEmpty: Bool {
        createdAccounts.isEmpty && touchedAccounts.isEmpty && newRecordIDs.isEmpty && changedPendingIDs.isEmpty
    }

    /// Notes that an account's balance changed.
    mutating func touch(_ id: AccountID) {
        if touchedIndex.updateValue(true, forKey: id) == nil { touchedAccounts.append(id) }
    }
}
