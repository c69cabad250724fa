import CorridorCore
import CorridorLedger
import Foundation

/// What ``DigitalRublePlatform/restoreContracts()`` rebuilt from the ledger.
public struct ProgrammableRestoreSummary: Sendable, Hashable, Codable {
    /// Contracts rebuilt (opened on the ledger).
    public var contracts = 0
    /// Of those, still active.
    public var active = 0
    /// Contracts whose terms were recorded but never funded (their opening was declined): not rebuilt.
    public var neverOpened = 0
    /// Contracts whose recorded terms do not decode: not rebuilt, their money left where it is.
    public var unreadable: [String] = []
}

extension DigitalRublePlatform {
    /// Rebuilds the programmable-money contracts from the ledger (see ``ProgrammableContractRecord``), so that a new
    /// process carries on: each contract's terms, what is left (its conditional account's balance), the escrow
    /// conditions confirmed, the scheduled payments made, and whether it was released, expired, completed or
    /// cancelled. Call it after ``restore()`` (wallets first). Contracts already in memory are left as they are.
    ///
    /// Not rebuilt: trails and stored answers. A spend replayed after a restart is looked up on the ledger by its
    /// derived transfer id before it is posted, so it is answered from the ledger and moves nothing twice.
    /// - Throws: ``LedgerError`` when the store fails.
    @discardableResult
    public func restoreContracts() async throws -> ProgrammableRestoreSummary {
        var summary = ProgrammableRestoreSummary()
        var chunks: [String: [(index: Int, count: Int, text: Substring)]] = [:]
        var confirmed: [String: [String]] = [:]
        var cursor: AccountID?
        let page = backend.batchSizeMax
        while true {
            let accounts = try await backend.allAccounts(after: cursor, limit: page)
            for account in accounts {
                if let chunk = ProgrammableContractRecord.termsChunk(account) {
                    chunks[account.owner, default: []].append(chunk)
                } else if let condition = ProgrammableContractRecord.confirmedCondition(account) {
                    confirmed[account.owner, default: []].append(condition)
                }
            }
            guard accounts.count == page, let last = accounts.last else { break }
            cursor = last.id
        }
        for (id, found) in chunks.sorted(by: { $0.key < $1.key }) where contracts.contracts[id] == nil {
            guard let terms = ProgrammableContractRecord.terms(from: found) else {
                summary.unreadable.append(id)
                continue
            }
            func step(_ key: String) -> TransferID { CBDCAccounts.transferID("contract/\(id)/\(key)") }
            var keys = ["open", "release", "expiry", "cancel"]
            if case .schedule(let schedule) = terms { keys += (1...schedule.count).map { "payment-\($0)" } }
            let found = Set(try await backend.lookup(transfers: keys.map(step)).map(\.transfer.id))
            guard found.contains(step("open")) else {
                summary.neverOpened += 1
                continue
            }
            var contract = ProgrammableContract(
                id: id, terms: terms, state: .active, remaining: try await netCredit(CBDCAccounts.conditional(id)),
                trail: CBDCPaymentTrail(operationID: id, request: Self.describe(contract: id, terms)))
            contract.trail.record("restore", at: clock.now().unixMilliseconds, "rebuilt from the ledger")
            if case .schedule(let schedule) = terms {
                contract.occurrencesPaid = (1...schedule.count).prefix { found.contains(step("payment-\($0)")) }.count
                if contract.occurrencesPaid == schedule.count { contract.state = .completed }
            }
            if found.contains(step("release")) { contract.state = .released }
            if found.contains(step("expiry")) { contract.state = .expired }
            if found.contains(step("cancel")) { contract.state = .cancelled }
            if case .escrow(let escrow) = terms {
                let names = Set(confirmed[id] ?? [])
                contract.confirmed = escrow.conditions.map(\.name).filter { names.contains($0) }
            }
            contracts.contracts[id] = contract
            contracts.restored.insert(id)
            summary.contracts += 1
            if contract.state == .active { summary.active += 1 }
        }
        return summary
    }
}
