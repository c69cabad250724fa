import CorridorCore
import CorridorISO20022
import CorridorLedger

/// Why an end-of-day clearing run stopped. Differences between ledger, messages and netting are not errors: they
/// are listed in the ``ClearingReconciliation``.
///
/// Descriptions hold ids, codes and amounts only; no names.
public enum ClearingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A sum of minor units left Int64 while netting or reconciling a participant's position in a currency.
    case amountOverflow(participant: ParticipantID?, currency: Currency)
    /// An item carries an obligation whose amount is zero or negative (obligations are always positive).
    case obligationAmountNotPositive(itemID: String, amount: Money)
    /// A currency to be settled has no settlement agent in the directory.
    case settlementAgentMissing(Currency)
    /// A participant (or settlement agent) named by the items is not in the directory.
    case participantUnknown(ParticipantID)
    /// The id prefix makes message ids that CBPR+ refuses (characters, length).
    case idPrefixInvalid(String, reason: String)
    /// A message could not be written or read back.
    case message(ISO20022Error)
    /// The ledger refused to create an account clearing needs.
    case accountRejected(AccountID, AccountRejection)
    /// The ledger refused a settlement transfer (for example a second run of a date whose items changed:
    /// ``TransferRejection/idReusedWithDifferentBody``).
    case settlementRejected(participant: ParticipantID, currency: Currency, TransferRejection)
    /// The ledger kept changing while a statement's closing balance was read.
    case ledgerUnsettled(AccountID, attempts: Int)

    /// What went wrong, with the ids and codes involved.
    public var description: String {
        switch self {
        case .amountOverflow(let participant, let currency):
            "amount overflow in \(currency)" + (participant.map { " for participant \($0)" } ?? "")
        case .obligationAmountNotPositive(let itemID, let amount):
            "item \(itemID): obligation amount \(amount) is not positive"
        case .settlementAgentMissing(let currency): "no settlement agent for \(currency) in the directory"
        case .participantUnknown(let participant): "participant \(participant) is not in the directory"
        case .idPrefixInvalid(let prefix, let reason): "id prefix \"\(prefix)\": \(reason)"
        case .message(let error): "message: \(error)"
        case .accountRejected(let id, let rejection): "account \(id): \(rejection)"
        case .settlementRejected(let participant, let currency, let rejection):
            "settlement of \(participant) in \(currency) rejected: \(rejection)"
        case .ledgerUnsettled(let id, let attempts):
            "account \(id) changed during each of \(attempts) attempts to read its closing balance"
        }
    }
}
