import CorridorCore

/// The platform's programmable-money records: the contracts, and what each opening, spend and confirmation id was
/// answered, so that a replay gets the same answer (held by ``DigitalRublePlatform``; the ledger holds the money).
///
/// Like the platform's payment records these live in the process; the conditional accounts and every transfer that
/// moved them are on the ledger, with ids derived from the contract id and the step, so a step replayed after a
/// restart cannot move money twice.
struct ProgrammableContracts: Sendable {
    /// A spend request, as compared on replay.
    struct SpendRequest: Sendable, Hashable {
        let spender: WalletID
        let merchant: WalletID
        let amount: Money
    }

    /// Every contract opened, by id.
    var contracts: [String: ProgrammableContract] = [:]
    /// The answer to every opening (approved or declined for good), with the terms it was for.
    var openings: [String: (terms: ProgrammableContractTerms, result: ProgrammableResult)] = [:]
    /// The answer to every spend, by `contract/spend-id`.
    var spends: [String: (request: SpendRequest, result: ProgrammableResult)] = [:]
    /// Approved confirmations, by `contract/condition`.
    var confirmations: [String: ProgrammableResult] = [:]
    /// Approved cancellations, by contract id.
    var cancellations: [String: ProgrammableResult] = [:]
    /// Contracts rebuilt from the ledger by ``DigitalRublePlatform/restoreContracts()``: their spends are looked up
    /// on the ledger before they are posted, since the answers given before the restart are not in memory.
    var restored: Set<String> = []
    /// Contracts with a posting in flight: one movement of a contract's money at a time, so what is left is always
    /// known exactly when the next one is decided.
    var busy: Set<String> = []
}
