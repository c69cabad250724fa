/// What happened to one transfer of a batch.
public enum TransferOutcome: Sendable, Hashable, Codable {
    /// Applied and durable (or applied earlier with the same body: a replay returns this too).
    case committed
    /// Not applied; nothing changed. Rejections are not recorded, so a later retry is evaluated afresh.
    case rejected(TransferRejection)

    /// True for ``committed``.
    public var isCommitted: Bool { self == .committed }
}

/// Why a transfer was rejected. Each case names the leg (0-based) or account where that helps.
public enum TransferRejection: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The id was used before with a different body.
    case idReusedWithDifferentBody
    /// A single or pending transfer with no legs, or a post/void that carries legs.
    case legsInvalid
    /// More legs than ``Transfer/legsMax``.
    case tooManyLegs(Int)
    /// A leg amount is zero or negative.
    case amountNotPositive(leg: Int)
    /// A leg names an account the ledger does not have.
    case accountNotFound(AccountID)
    /// A leg debits and credits the same account.
    case sameDebitAndCreditAccount(leg: Int)
    /// A leg's currency differs from one of its accounts' currency.
    case currencyMismatch(leg: Int, account: AccountID)
    /// The debit would take a `debitsMustNotExceedCredits` account past its credits.
    case exceedsCredits(AccountID)
    /// The credit would take a `creditsMustNotExceedDebits` account past its debits.
    case exceedsDebits(AccountID)
    /// A balance counter would overflow Int64.
    case balanceOverflow(AccountID)
    /// A pending timeout that is zero or negative.
    case timeoutNotPositive
    /// A post or void names a transfer the ledger does not have.
    case pendingNotFound(TransferID)
    /// A post or void names a transfer that is not pending.
    case notPending(TransferID)
    /// The pending transfer was posted already.
    case pendingAlreadyPosted(TransferID)
    /// The pending transfer was voided already.
    case pendingAlreadyVoided(TransferID)
    /// The pending transfer's timeout passed; its holds were released.
    case pendingExpired(TransferID)
    /// A partial post names more (or fewer) amounts than the pending transfer has legs.
    case postAmountsMismatch
    /// A partial post amount is negative or exceeds the pending leg's amount.
    case postAmountExceedsPending(leg: Int)
    /// A user-data or owner field is longer than its limit.
    case fieldTooLong(String)

    /// A stable snake_case code for scripts and JSON.
    public var code: String {
        switch self {
        case .idReusedWithDifferentBody: "id_reused_with_different_body"
        case .legsInvalid: "legs_invalid"
        case .tooManyLegs: "too_many_legs"
        case .amountNotPositive: "amount_not_positive"
        case .accountNotFound: "account_not_found"
        case .sameDebitAndCreditAccount: "same_debit_and_credit_account"
        case .currencyMismatch: "currency_mismatch"
        case .exceedsCredits: "exceeds_credits"
        case .exceedsDebits: "exceeds_debits"
        case .balanceOverflow: "balance_overflow"
        case .timeoutNotPositive: "timeout_not_positive"
        case .pendingNotFound: "pending_not_found"
        case .notPending: "not_pending"
        case .pendingAlreadyPosted: "pending_already_posted"
        case .pendingAlreadyVoided: "pending_already_voided"
        case .pendingExpired: "pending_expired"
        case .postAmountsMismatch: "post_amounts_mismatch"
        case .postAmountExceedsPending: "post_amount_exceeds_pending"
        case .fieldTooLong: "field_too_long"
        }
    }

    public var description: String {
        switch self {
        case .idReusedWithDifferentBody: "transfer id reused with a different body"
        case .legsInvalid: "legs missing, or given on a post/void"
        case .tooManyLegs(let count): "\(count) legs; at most \(Transfer.legsMax)"
        case .amountNotPositive(let leg): "leg \(leg): amount must be positive"
        case .accountNotFound(let id): "account \(id) not found"
        case .sameDebitAndCreditAccount(let leg): "leg \(leg): debit and credit account are the same"
        case .currencyMismatch(let leg, let account): "leg \(leg): currency differs from account \(account)"
        case .exceedsCredits(let id): "account \(id): debits would exceed credits"
        case .exceedsDebits(let id): "account \(id): credits would exceed debits"
        case .balanceOverflow(let id): "account \(id): balance would overflow"
        case .timeoutNotPositive: "pending timeout must be positive"
        case .pendingNotFound(let id): "pending transfer \(id) not found"
        case .notPending(let id): "transfer \(id) is not pending"
        case .pendingAlreadyPosted(let id): "pending transfer \(id) already posted"
        case .pendingAlreadyVoided(let id): "pending transfer \(id) already voided"
        case .pendingExpired(let id): "pending transfer \(id) expired"
        case .postAmountsMismatch: "post amounts do not match the pending transfer's legs"
        case .postAmountExceedsPending(let leg): "leg \(leg): post amount exceeds the pending amount"
        case .fieldTooLong(let field): "\(field) is too long"
        }
    }
}

/// What happened to one account of a `createAccounts` batch.
public enum AccountOutcome: Sendable, Hashable, Codable {
    /// Created, or existed already with exactly this description.
    case created
    /// Not created; nothing changed.
    case rejected(AccountRejection)
}

/// Why an account was not created.
public enum AccountRejection: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The id exists with a different description.
    case idReusedWithDifferentBody
    /// Both balance-limit flags set: such an account could never move.
    case flagsAreMutuallyExclusive
    /// The owner is empty.
    case ownerMissing
    /// The owner or user data exceeds its limit.
    case fieldTooLong(String)

    /// A stable snake_case code.
    public var code: String {
        switch self {
        case .idReusedWithDifferentBody: "id_reused_with_different_body"
        case .flagsAreMutuallyExclusive: "flags_are_mutually_exclusive"
        case .ownerMissing: "owner_missing"
        case .fieldTooLong: "field_too_long"
        }
    }

    public var description: String {
        switch self {
        case .idReusedWithDifferentBody: "account id reused with a different description"
        case .flagsAreMutuallyExclusive: "debitsMustNotExceedCredits and creditsMustNotExceedDebits are exclusive"
        case .ownerMissing: "owner is empty"
        case .fieldTooLong(let field): "\(field) is too long"
        }
    }
}
