import CorridorCore

/// One participant's net position in one currency after multilateral netting: what it pays in to, or is paid by,
/// the currency's settlement agent at the end of the day.
///
/// Guarantees: `owes == grossCredits - grossDebits`; both gross figures are ≥ 0. The names follow the ledger's
/// position account (``GatewayAccounts/position(of:currency:)``): an obligation credits its debtor's position and
/// debits its creditor's, so the gross figures are what the day's items moved on that account.
public struct NetPosition: Sendable, Hashable {
    /// The participant.
    public let participant: ParticipantID
    /// The currency.
    public let currency: Currency
    /// Net amount in minor units: positive = the participant pays in, negative = it is paid, zero = nothing moves.
    public let owes: Int64
    /// Sum of the obligations in which the participant is the creditor (it is owed), in minor units.
    public let grossDebits: Int64
    /// Sum of the obligations in which the participant is the debtor (it owes), in minor units.
    public let grossCredits: Int64

    /// Creates a position.
    /// - Parameters:
    ///   - participant: the participant.
    ///   - currency: the currency.
    ///   - owes: net minor units, positive when the participant pays in.
    ///   - grossDebits: the participant's gross claims.
    ///   - grossCredits: the participant's gross debts.
    public init(participant: ParticipantID, currency: Currency, owes: Int64, grossDebits: Int64, grossCredits: Int64) {
        self.participant = participant
        self.currency = currency
        self.owes = owes
        self.grossDebits = grossDebits
        self.grossCredits = grossCredits
    }

    /// `owes` as money.
    public var owesAmount: Money { Money(minorUnits: owes, currency: currency) }
}
