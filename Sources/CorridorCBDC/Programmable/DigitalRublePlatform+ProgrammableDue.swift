import CorridorCore
import CorridorLedger
import Foundation

extension DigitalRublePlatform {
    /// The most due steps one ``runDue(now:)`` performs; the rest wait for the next run.
    public static let dueStepsPerRunMax = 4096

    /// Performs every contract step due at `now`, in a deterministic order (due instant, then contract id, then
    /// payment number): scheduled payments that have fallen due, and the expiry of earmarks and escrows (what is
    /// left returns to the payer). Each step moves money once: running again, at the same or a later instant,
    /// performs only steps that were not performed yet (a step the ledger could not take is tried again next run).
    /// - Parameters:
    ///   - now: the instant to run at; the platform's clock when nil.
    /// - Returns: the result of every step attempted, in order.
    public func runDue(now: Date? = nil) async -> [ProgrammableResult] {
        let nowMs = (now ?? clock.now()).unixMilliseconds
        // (due, contract, payment index; -1 for expiry)
        var steps: [(dueMs: Int64, contract: String, index: Int)] = []
        for contract in contracts.contracts.values where contract.state == .active {
            switch contract.terms {
            case .earmark(let earmark):
                if earmark.rule.expires.unixMilliseconds <= nowMs {
                    steps.append((earmark.rule.expires.unixMilliseconds, contract.id, -1))
                }
            case .escrow(let escrow):
                if escrow.expires.unixMilliseconds <= nowMs {
                    steps.append((escrow.expires.unixMilliseconds, contract.id, -1))
                }
            case .schedule(let schedule):
                var index = contract.occurrencesPaid
                while index < schedule.count, steps.count < Self.dueStepsPerRunMax * 2 {
                    let dueMs = schedule.due(index).unixMilliseconds
                    guard dueMs <= nowMs else { break }
                    steps.append((dueMs, contract.id, index))
                    index += 1
                }
            }
        }
        steps.sort { ($0.dueMs, $0.contract, $0.index) < ($1.dueMs, $1.contract, $1.index) }
        var results: [ProgrammableResult] = []
        for step in steps.prefix(Self.dueStepsPerRunMax) {
            // Re-read: an earlier step of this run (or a call while this one awaited) may have moved the contract on.
            guard let contract = contracts.contracts[step.contract], contract.state == .active,
                !contracts.busy.contains(contract.id)
            else { continue }
            if step.index < 0 {
                results.append(await expire(contract, atMs: nowMs))
            } else if step.index == contract.occurrencesPaid {
                results.append(await payOccurrence(contract, index: step.index, atMs: nowMs))
            }
        }
        return results
    }

    /// Cancels a contract, returning what is left to its payer. Only the party the contract would otherwise pay
    /// may give it up, so cancelling never takes from anyone money they were promised: a schedule's **payer** (a
    /// standing order, cancelled by whoever set it up, for the payments not yet made), an escrow's **payee** (the
    /// seller backs out), an earmark's **beneficiary** (renounces the subsidy). Anyone else is refused (clause
    /// `cancel`). Cancelling again returns the first answer.
    /// - Parameters:
    ///   - contractID: the contract.
    ///   - wallet: the wallet cancelling.
    public func cancel(contract contractID: String, by wallet: WalletID) async -> ProgrammableResult {
        let nowMs = clock.now().unixMilliseconds
        if let stored = contracts.cancellations[contractID] { return stored }
        guard let contract = contracts.contracts[contractID] else {
            return ProgrammableResult(contract: contractID, step: .cancel, id: contractID, amount: .zero(.rub),
                                      payer: nil, payee: nil, transferID: nil,
                                      declineReason: .kindNotPermitted("no contract \(contractID)"))
        }
        func refuse(_ clause: ProgrammableRefusal.Clause) -> ProgrammableResult {
            update(contractID) { $0.trail.record("cancel", at: nowMs, "by \(wallet): refused (\(clause.key))") }
            let refusal = ProgrammableRefusal(contract: contractID, rule: contract.ruleName, clause: clause)
            return ProgrammableResult(contract: contractID, step: .cancel, id: contractID, amount: contract.remaining,
                                      payer: nil, payee: contract.terms.payer, transferID: nil, refusal: refusal)
        }
        let allowed = switch contract.terms {
        case .schedule(let schedule): schedule.payer
        case .escrow(let escrow): escrow.payee
        case .earmark(let earmark): earmark.beneficiary
        }
        guard wallet == allowed else { return refuse(.cancelNotAllowed(wallet)) }
        guard contract.state == .active else { return refuse(.notActive(contract.state)) }
        guard !contracts.busy.contains(contractID) else {
            let reason = CBDCDeclineReason.systemError("another step of contract \(contractID) is in progress")
            return ProgrammableResult(contract: contractID, step: .cancel, id: contractID, amount: contract.remaining,
                                      payer: nil, payee: contract.terms.payer, transferID: nil, declineReason: reason)
        }
        let result = await returnRemaining(contract, step: .cancel, state: .cancelled, atMs: nowMs)
        if result.isApproved { contracts.cancellations[contractID] = result }
        return result
    }

    /// Returns what is left of an earmark or escrow to its payer and marks it expired.
    private func expire(_ contract: ProgrammableContract, atMs nowMs: Int64) async -> ProgrammableResult {
        await returnRemaining(contract, step: .expiry, state: .expired, atMs: nowMs)
    }

    /// Returns what is left of a contract to its payer (transfer `contract/<id>/<step>`) and closes it in `state`.
    private func returnRemaining(_ contract: ProgrammableContract, step: ProgrammableResult.Step,
                                 state: ProgrammableContract.State, atMs nowMs: Int64) async -> ProgrammableResult
    {
        let payer = contract.terms.payer
        let amount = contract.remaining
        guard amount.minorUnits > 0 else {
            update(contract.id) { contract in
                contract.state = state
                contract.trail.record(step.rawValue, at: nowMs, "\(state.rawValue) with nothing left")
            }
            return ProgrammableResult(contract: contract.id, step: step, id: contract.id, amount: amount, payer: nil,
                                      payee: payer, transferID: nil)
        }
        let legs = [TransferLeg(debit: contract.account, credit: CBDCAccounts.wallet(payer), amount: amount)]
        return await postDue(contract, step: step, id: contract.id, key: step.rawValue, legs: legs, amount: amount,
                             fee: .zero(.rub), payer: nil, payee: payer, atMs: nowMs) { contract in
            contract.remaining = .zero(.rub)
            contract.state = state
        }
    }

    /// Makes payment `index` (0-based) of a schedule.
    private func payOccurrence(_ contract: ProgrammableContract, index: Int, atMs nowMs: Int64) async
        -> ProgrammableResult
    {
        guard case .schedule(let schedule) = contract.terms else { preconditionFailure("not a schedule") }
        let id = "payment-\(index + 1)"
        guard let payer = wallets[schedule.payer], let payee = wallets[schedule.payee],
            let (legs, fee) = contractPaymentLegs(from: contract.account, payer: payer, payee: payee,
                                                  amount: schedule.amount)
        else {
            return ProgrammableResult(contract: contract.id, step: .payment, id: id, amount: schedule.amount,
                                      payer: schedule.payer, payee: schedule.payee, transferID: nil,
                                      declineReason: .kindNotPermitted("the wallets can no longer pay each other"))
        }
        return await postDue(contract, step: .payment, id: id, key: id, legs: legs, amount: schedule.amount, fee: fee,
                             payer: schedule.payer, payee: schedule.payee, atMs: nowMs) { contract in
            contract.remaining = .rub(contract.remaining.minorUnits - schedule.amount.minorUnits)
            contract.occurrencesPaid += 1
            if contract.occurrencesPaid == schedule.count { contract.state = .completed }
        }
    }

    /// Posts one step paid out of a contract; on commit applies `change` to the contract, otherwise changes nothing
    /// (a due step is tried again next run).
    private func postDue(_ contract: ProgrammableContract, step: ProgrammableResult.Step, id: String, key: String,
                         legs: [TransferLeg], amount: Money, fee: Money, payer: WalletID?, payee: WalletID,
                         atMs nowMs: Int64, change: (inout ProgrammableContract) -> Void) async -> ProgrammableResult
    {
        contracts.busy.insert(contract.id)
        defer { contracts.busy.remove(contract.id) }
        let reason: CBDCDeclineReason
        do {
            let (transferID, outcome) = try await postContract(contract.id, step: step, key: key, legs: legs)
            switch outcome {
            case .committed:
                update(contract.id) { contract in
                    change(&contract)
                    contract.trail.ledgerTransfers.append(transferID.description)
                    contract.trail.record(step.rawValue, at: nowMs, "\(id): \(amount) (fee \(fee)) to \(payee), "
                        + "transfer \(transferID) committed")
                }
                return ProgrammableResult(contract: contract.id, step: step, id: id, amount: amount, fee: fee,
                                          payer: payer, payee: payee, transferID: transferID.description)
            case .rejected(let rejection):
                reason = .systemError("ledger rejected the transfer: \(rejection.code)")
            }
        } catch {
            reason = .systemError("ledger unavailable")
        }
        update(contract.id) { $0.trail.record(step.rawValue, at: nowMs, "\(id): declined \(reason)") }
        return ProgrammableResult(contract: contract.id, step: step, id: id, amount: amount, payer: payer, payee: payee,
                                  transferID: nil, declineReason: reason)
    }
}
