import CorridorCore

/// A wallet-to-wallet payment request. Its id is the idempotency key: the same id with the same request returns the
/// first result; with another request it is declined (``CBDCDeclineReason/idReused(_:)``).
public struct CBDCPaymentRequest: Sendable, Hashable, Codable {
    /// The payment id: 1–64 characters of `A–Z a–z 0–9 . _ -`.
    public let id: String
    /// P2P, C2B, B2B or G2P.
    public let kind: CBDCPaymentKind
    /// The paying wallet.
    public let payer: WalletID
    /// The wallet paid.
    public let payee: WalletID
    /// The amount, in RUB.
    public let amount: Money
    /// A reference for people (an order number); at most 64 characters.
    public let reference: String

    /// Creates a request.
    /// - Parameters:
    ///   - id: the payment id.
    ///   - kind: the payment kind.
    ///   - payer: the paying wallet.
    ///   - payee: the wallet paid.
    ///   - amount: the amount in RUB.
    ///   - reference: free text for people.
    public init(id: String, kind: CBDCPaymentKind, payer: WalletID, payee: WalletID, amount: Money, reference: String = "") {
        self.id = id
        self.kind = kind
        self.payer = payer
        self.payee = payee
        self.amount = amount
        self.reference = reference
    }
}
