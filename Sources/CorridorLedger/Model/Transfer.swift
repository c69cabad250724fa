import CorridorCore

/// A request to move money between accounts: one or more legs applied atomically (after TigerBeetle's `Transfer`,
/// with several legs where TigerBeetle links single transfers).
///
/// Guarantees (enforced by the backend, reported as ``TransferRejection`` values): all legs apply or none;
/// the id is the idempotency key — the same id with the same body returns the original outcome, with another
/// body it is rejected with ``TransferRejection/idReusedWithDifferentBody``.
public struct Transfer: Sendable, Hashable, Codable {
    /// The idempotency key (never zero).
    public let id: TransferID
    /// Single-phase, pending, post pending or void pending.
    public let kind: TransferKind
    /// The legs. For ``TransferKind/postPending(_:amounts:)`` and ``TransferKind/voidPending(_:)`` this is empty:
    /// the legs are those of the pending transfer.
    public let legs: [TransferLeg]
    /// What the transfer belongs to (payment id, rail, reference).
    public let userData: TransferUserData

    /// The most legs one transfer may have.
    public static let legsMax = 16

    /// Creates a transfer request.
    public init(id: TransferID, kind: TransferKind = .single, legs: [TransferLeg], userData: TransferUserData = .init()) {
        self.id = id
        self.kind = kind
        self.legs = legs
        self.userData = userData
    }

    /// A single-phase transfer with one leg.
    public static func single(
        id: TransferID, debit: AccountID, credit: AccountID, amount: Money, userData: TransferUserData = .init()
    ) -> Transfer {
        Transfer(id: id, kind: .single, legs: [TransferLeg(debit: debit, credit: credit, amount: amount)], userData: userData)
    }
}

/// One leg: `amount` leaves `debit` and arrives on `credit`. Both accounts must be in the amount's currency.
public struct TransferLeg: Sendable, Hashable, Codable {
    /// The account debited.
    public let debit: AccountID
    /// The account credited.
    public let credit: AccountID
    /// The amount, strictly positive, in both accounts' currency.
    public let amount: Money

    /// Creates a leg.
    public init(debit: AccountID, credit: AccountID, amount: Money) {
        self.debit = debit
        self.credit = credit
        self.amount = amount
    }
}

/// The phase a transfer request asks for (TigerBeetle's two-phase transfers).
public enum TransferKind: Sendable, Hashable, Codable {
    /// Posted at once.
    case single
    /// A hold: reserves the amounts as pending. With a timeout (seconds), the hold voids itself when it passes.
    case pending(timeoutSeconds: Int64?)
    /// Posts a pending transfer: in full when `amounts` is nil, else each leg's amount (≤ the pending leg's; the rest
    /// is released).
    case postPending(TransferID, amounts: [Int64]?)
    /// Releases a pending transfer's holds.
    case voidPending(TransferID)

    /// The pending transfer a post or void refers to.
    public var pendingID: TransferID? {
        switch self {
        case .postPending(let id, _), .voidPending(let id): id
        case .single, .pending: nil
        }
    }
}

/// What a transfer belongs to. Each field at most 128 UTF-8 bytes.
public struct TransferUserData: Sendable, Hashable, Codable {
    /// The payment this transfer settles.
    public var paymentID: String
    /// The rail: "card", "sbp", "emv-qr", "cbdc", "clearing", …
    public var rail: String
    /// Any other reference (RRN, end-to-end id).
    public var reference: String

    /// The longest field accepted, in UTF-8 bytes.
    public static let fieldLengthMax = 128

    /// Creates user data; empty strings mean "none".
    public init(paymentID: String = "", rail: String = "", reference: String = "") {
        self.paymentID = paymentID
        self.rail = rail
        self.reference = reference
    }
}
