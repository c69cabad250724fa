import CorridorCore

/// One interbank debt a payment creates: `debtor` pays `creditor` `amount` at the day's settlement.
public struct Obligation: Sendable, Hashable, Codable {
    /// The participant that pays.
    public let debtor: ParticipantID
    /// The participant that is paid.
    public let creditor: ParticipantID
    /// How much, in the currency it settles in; always positive.
    public let amount: Money

    /// Creates an obligation.
    public init(debtor: ParticipantID, creditor: ParticipantID, amount: Money) {
        self.debtor = debtor
        self.creditor = creditor
        self.amount = amount
    }
}
