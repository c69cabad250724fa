import CorridorCore
import CorridorLedger
import Foundation

/// Programmable money (issue 6 §4, DESIGN.md §5): earmarks, escrow and scheduled payments.
///
/// ## The accounting
/// Each contract has one conditional account (``CBDCAccounts/conditional(_:)``, a ``CBDCHolding/conditional``
/// holding), and each step is ONE atomic transfer whose id is derived from the contract id and the step
/// (`contract/<id>/open`, `…/spend/<spend-id>`, `…/release`, `…/payment-<n>`, `…/expiry`, `…/cancel`):
/// - open: `wallet(payer) → conditional(c)` the funded amount (an earmark's or escrow's amount, a schedule's
///   amount × count). It counts as one outgoing payment of the payer: the wallet type's single-payment and daily
///   limits apply to it. Later steps are paid from the contract, not the wallet, and are not limited again.
/// - spend from an earmark, escrow release, scheduled payment: `conditional(c) → wallet(payee)` A; when the step
///   is a person paying a business (C2B) the merchant pays the C2B fee exactly as for a wallet payment:
///   `wallet(merchant) → feeIncome(b)` F and `issuance → correspondent(b)` F.
/// - expiry, cancel: `conditional(c) → wallet(payer)` what is left.
///
/// Only holding accounts move, except the fee legs that also move `issuance`, so
/// `issuance = Σ wallets + Σ offline reserves + Σ conditional` after every step (``verifyIssuance()``).
///
/// ## Who may take part
/// The payer and the payee (for an earmark: funder → beneficiary, then beneficiary → merchant) must be wallets
/// on the platform between which some payment kind is permitted (P2P, C2B, B2B, G2P; see ``CBDCPaymentKind``).
///
/// ## Answers
/// Every call returns a ``ProgrammableResult``, never throws. A rule's refusal is a ``ProgrammableRefusal`` naming
/// the rule and the clause; anything else the platform declines carries a ``CBDCDeclineReason``. Opening, spending
/// and confirming are idempotent by id (the contract id; the spend id within the contract; the condition name):
/// a replay returns the first answer, the same id with another request is declined (94/AM05). Answers that a retry
/// could change without any change of request (the ledger was unreachable, another step of the contract was in
/// flight) are not kept. One movement of a contract's money runs at a time.
extension DigitalRublePlatform {
    // MARK: Opening

    /// Opens a contract: moves its funded amount from the payer's wallet into the contract's conditional account.
    /// Idempotent by `id`.
    /// - Parameters:
    ///   - id: the contract id (1–64 of `A–Z a–z 0–9 . _ -`).
    ///   - terms: what the contract does.
    public func open(contract id: String, _ terms: ProgrammableContractTerms) async -> ProgrammableResult {
        let nowMs = clock.now().unixMilliseconds
        let funded = terms.fundedAmount ?? .zero(.rub)
        func result(_ reason: CBDCDeclineReason, keep: Bool = true) -> ProgrammableResult {
            let declined = ProgrammableResult(contract: id, step: .open, id: id, amount: funded, payer: terms.payer,
                                              payee: nil, transferID: nil, declineReason: reason)
            if keep { contracts.openings[id] = (terms, declined) }
            return declined
        }
        guard Self.isValidIdentifier(id) else {
            return result(.idInvalid, keep: false)
        }
        if let opening = contracts.openings[id] {
            return opening.terms == terms ? opening.result : result(.idReused(id), keep: false)
        }
        guard !contracts.busy.contains(id) else {
            return result(.systemError("contract \(id) is being opened"), keep: false)
        }
        if let failure = terms.validationFailure() {
            let reason = "\(failure.key): \(failure.reason)"
            return result(failure.key == "amount" ? .amountInvalid : .kindNotPermitted(reason))
        }
        guard let payer = wallets[terms.payer] else { return result(.payerUnknown(terms.payer)) }
        guard let payee = wallets[terms.payee] else { return result(.payeeUnknown(terms.payee)) }
        guard let kind = Self.contractPaymentKind(payer: payer, payee: payee) else {
            return result(Self.noPaymentKind(payer, payee))
        }
        switch terms {
        case .earmark(let earmark) where earmark.rule.expires.unixMilliseconds <= nowMs:
            return result(.kindNotPermitted("rule.expires \(ProgrammableTime.format(earmark.rule.expires)) has passed"))
        case .escrow(let escrow) where escrow.expires.unixMilliseconds <= nowMs:
            return result(.kindNotPermitted("expires \(ProgrammableTime.format(escrow.expires)) has passed"))
        default: break
        }

        var trail = CBDCPaymentTrail(operationID: id, request: Self.describe(contract: id, terms))
        trail.record("request", at: nowMs, trail.request)
        let limits = parameters.limits(for: payer.type)
        if let single = limits.singlePaymentMax, funded.minorUnits > single.minorUnits {
            return result(.singlePaymentLimitExceeded(limit: single))
        }
        let day = Self.periods(atMs: nowMs).day
        guard Self.reserve(&dailySpend, payer.id, period: day, amount: funded.minorUnits, limit: limits.dailySpendMax)
        else {
            return result(.dailyLimitExceeded(limit: limits.dailySpendMax!))
        }
        trail.record("limits", at: nowMs, "within limits of a \(payer.type.rawValue) wallet (day \(day)); "
            + kind.rawValue)

        contracts.busy.insert(id)
        defer { contracts.busy.remove(id) }
        let account = CBDCAccounts.conditional(id)
        do throws(CBDCPlatformError) {
            // The terms go on the ledger with the account, so another process can rebuild the contract.
            try await createAccounts([CBDCHolding.conditional.account(id: account, owner: id)]
                + ProgrammableContractRecord.termsAccounts(contract: id, terms))
        } catch {
            Self.release(&dailySpend, payer.id, period: day, amount: funded.minorUnits)
            return result(.systemError("conditional account: \(error)"), keep: false)
        }
        let legs = [TransferLeg(debit: CBDCAccounts.wallet(payer.id), credit: account, amount: funded)]
        do {
            let (transferID, outcome) = try await postContract(id, step: .open, key: "open", legs: legs)
            trail.ledgerTransfers.append(transferID.description)
            switch outcome {
            case .committed:
                trail.record("post", at: nowMs, "transfer \(transferID) committed: \(funded) into the contract")
                contracts.contracts[id] = ProgrammableContract(id: id, terms: terms, state: .active, remaining: funded,
                                                               trail: trail)
                let opened = ProgrammableResult(contract: id, step: .open, id: id, amount: funded, payer: payer.id,
                                                payee: nil, transferID: transferID.description)
                contracts.openings[id] = (terms, opened)
                return opened
            case .rejected(let rejection):
                Self.release(&dailySpend, payer.id, period: day, amount: funded.minorUnits)
                if case .exceedsCredits(CBDCAccounts.wallet(payer.id)) = rejection { return result(.insufficientFunds) }
                return result(.systemError("ledger rejected the transfer: \(rejection.code)"))
            }
        } catch {
            Self.release(&dailySpend, payer.id, period: day, amount: funded.minorUnits)
            return result(.systemError("ledger unavailable"), keep: false)
        }
    }

    /// Earmarks `amount` of the funder's wallet for the beneficiary to spend under `rule`
    /// (``payFromEarmark(id:contract:by:merchant:amount:)``); what is left at `rule.expires` returns to the funder
    /// (``runDue(now:)``).
    /// - Parameters:
    ///   - id: the contract id.
    ///   - funder: the funder's wallet.
    ///   - beneficiary: the beneficiary's wallet.
    ///   - amount: the amount set aside, RUB.
    ///   - rule: where, how much at a time and until when it may be spent.
    public func earmark(id: String, from funder: WalletID, to beneficiary: WalletID, amount: Money,
                        rule: ProgrammableRule) async -> ProgrammableResult
    {
        await open(contract: id, .earmark(.init(funder: funder, beneficiary: beneficiary, amount: amount, rule: rule)))
    }

    /// Holds `amount` of the payer's wallet in escrow for the payee: released when every condition is confirmed
    /// (``confirm(contract:condition:by:)``) before `expires`, returned to the payer at `expires`.
    /// - Parameters:
    ///   - id: the contract id.
    ///   - payer: the payer's wallet.
    ///   - payee: the payee's wallet.
    ///   - amount: the amount held, RUB.
    ///   - conditions: the conditions of the release (1...8, distinct names).
    ///   - expires: the expiry.
    public func escrow(id: String, payer: WalletID, payee: WalletID, amount: Money,
                       conditions: [ProgrammableContractTerms.Condition], expires: Date) async -> ProgrammableResult
    {
        await open(contract: id, .escrow(.init(payer: payer, payee: payee, amount: amount, conditions: conditions,
                                               expires: expires)))
    }

    /// Schedules `count` payments of `amount` from the payer to the payee, the first at `first`, then every
    /// `interval`; the whole `amount × count` leaves the payer's wallet now, and each payment is made by
    /// ``runDue(now:)`` once it falls due.
    /// - Parameters:
    ///   - id: the contract id.
    ///   - payer: the payer's wallet.
    ///   - payee: the payee's wallet.
    ///   - amount: each payment, RUB.
    ///   - first: when the first falls due.
    ///   - interval: the time between payments, nil for one payment.
    ///   - count: how many payments (1...1000).
    public func schedule(id: String, payer: WalletID, payee: WalletID, amount: Money, first: Date,
                         every interval: ProgrammableContractTerms.Interval? = nil, count: Int = 1) async
        -> ProgrammableResult
    {
        await open(contract: id, .schedule(.init(payer: payer, payee: payee, amount: amount, first: first,
                                                 interval: interval, count: count)))
    }

    /// Opens every contract of a document, in order, with its holder ids resolved to wallet ids.
    /// - Parameters:
    ///   - document: the contracts, as decoded by ``ProgrammableDocument/init(yaml:)``.
    public func open(_ document: ProgrammableDocument) async -> [ProgrammableResult] {
        var results: [ProgrammableResult] = []
        for entry in document.contracts { results.append(await open(contract: entry.id, entry.terms)) }
        return results
    }

    // MARK: Spending from an earmark

    /// Spends from an earmark at a merchant: allowed only to the beneficiary and only where the earmark's rule
    /// allows (clauses `expires`, `allow`, `spendMax`, in that order); moves `conditional → wallet(merchant)`, with
    /// the C2B fee when a person pays a business. Idempotent by `id` within the contract.
    /// - Parameters:
    ///   - id: the spend id (1–64 of `A–Z a–z 0–9 . _ -`), unique within the contract.
    ///   - contractID: the earmark.
    ///   - spender: the wallet spending (must be the beneficiary).
    ///   - merchant: the wallet paid.
    ///   - amount: a positive RUB amount, at most what is left of the earmark.
    public func payFromEarmark(id: String, contract contractID: String, by spender: WalletID, merchant: WalletID,
                               amount: Money) async -> ProgrammableResult
    {
        let nowMs = clock.now().unixMilliseconds
        let key = contractID + "/" + id
        let request = ProgrammableContracts.SpendRequest(spender: spender, merchant: merchant, amount: amount)
        func answer(refusal: ProgrammableRefusal? = nil, _ reason: CBDCDeclineReason? = nil, keep: Bool = true)
            -> ProgrammableResult
        {
            let result = ProgrammableResult(contract: contractID, step: .spend, id: id, amount: amount, payer: spender,
                                            payee: merchant, transferID: nil, refusal: refusal, declineReason: reason)
            if keep { contracts.spends[key] = (request, result) }
            if var contract = contracts.contracts[contractID] {
                contract.trail.record("spend", at: nowMs, "spend \(id) of \(amount) at \(merchant): "
                    + (refusal.map { "refused: \($0)" } ?? reason.map { "declined \($0)" } ?? ""))
                contracts.contracts[contractID] = contract
            }
            return result
        }
        guard Self.isValidIdentifier(id), Self.isValidIdentifier(contractID) else {
            return answer(.idInvalid, keep: false)
        }
        if let stored = contracts.spends[key] {
            return stored.request == request ? stored.result : answer(.idReused(id), keep: false)
        }
        guard let opened = contracts.contracts[contractID], case .earmark(let earmark) = opened.terms else {
            return answer(.kindNotPermitted("no earmark \(contractID)"), keep: false)
        }
        guard amount.currency == .rub, amount.minorUnits > 0 else { return answer(.amountInvalid) }
        if contracts.restored.contains(contractID) {
            // A spend made before a restart is answered from the ledger (the same request) or its id refused, moving
            // nothing, whatever the contract's state and rule say now.
            let transferID = CBDCAccounts.transferID("contract/\(contractID)/spend/\(id)")
            let records: [TransferRecord]
            do { records = try await backend.lookup(transfers: [transferID]) } catch {
                return answer(.systemError("ledger unavailable"), keep: false)
            }
            if let record = records.first {
                let legs = record.transfer.legs
                guard spender == earmark.beneficiary, legs.first?.credit == CBDCAccounts.wallet(merchant),
                    legs.first?.amount == amount
                else { return answer(.idReused(id), keep: false) }
                let result = ProgrammableResult(contract: contractID, step: .spend, id: id, amount: amount,
                                                fee: legs.count > 1 ? legs[1].amount : .zero(.rub), payer: spender,
                                                payee: merchant, transferID: transferID.description)
                contracts.spends[key] = (request, result)
                return result
            }
            if let stored = contracts.spends[key] {  // answered while the ledger was asked
                return stored.request == request ? stored.result : answer(.idReused(id), keep: false)
            }
        }
        // Re-read: the ledger look-up above may have let another step of the contract run.
        guard let contract = contracts.contracts[contractID] else {
            return answer(.systemError("contract \(contractID) vanished"), keep: false)
        }
        func refuse(_ clause: ProgrammableRefusal.Clause) -> ProgrammableResult {
            answer(refusal: ProgrammableRefusal(contract: contractID, rule: earmark.rule.name, clause: clause))
        }
        guard contract.state == .active else { return refuse(.notActive(contract.state)) }
        guard spender == earmark.beneficiary else { return refuse(.notBeneficiary(spender)) }
        guard let beneficiary = wallets[spender] else { return answer(.payerUnknown(spender)) }
        guard let payee = wallets[merchant] else { return answer(.payeeUnknown(merchant)) }
        if let clause = earmark.rule.evaluate(merchant: payee.holder, category: payee.merchantCategoryCode,
                                              amount: amount, at: Date(unixMilliseconds: nowMs)) {
            return refuse(clause)
        }
        guard amount.minorUnits <= contract.remaining.minorUnits else { return answer(.insufficientFunds) }
        guard !contracts.busy.contains(contractID) else {
            return answer(.systemError("another step of contract \(contractID) is in progress"), keep: false)
        }
        guard let (legs, fee) = contractPaymentLegs(from: contract.account, payer: beneficiary, payee: payee,
                                                    amount: amount)
        else {
            return answer(Self.noPaymentKind(beneficiary, payee))
        }

        contracts.busy.insert(contractID)
        defer { contracts.busy.remove(contractID) }
        do {
            let (transferID, outcome) = try await postContract(contractID, step: .spend, key: "spend/" + id, legs: legs)
            switch outcome {
            case .committed:
                let result = ProgrammableResult(contract: contractID, step: .spend, id: id, amount: amount, fee: fee,
                                                payer: spender, payee: merchant, transferID: transferID.description)
                contracts.spends[key] = (request, result)
                update(contractID) { contract in
                    contract.remaining = .rub(contract.remaining.minorUnits - amount.minorUnits)
                    contract.trail.ledgerTransfers.append(transferID.description)
                    contract.trail.record("spend", at: nowMs, "spend \(id) of \(amount) at \(merchant) (fee \(fee)): "
                        + "transfer \(transferID) committed")
                }
                return result
            case .rejected(let rejection):
                if case .exceedsCredits(contract.account) = rejection { return answer(.insufficientFunds) }
                return answer(.systemError("ledger rejected the transfer: \(rejection.code)"))
            }
        } catch {
            return answer(.systemError("ledger unavailable"), keep: false)
        }
    }

    // MARK: Escrow

    /// Confirms one condition of an escrow. Only the party the condition names may confirm it, and only before the
    /// escrow expires; the confirmation of the last condition releases the escrow to the payee in the same call
    /// (step ``ProgrammableResult/Step/release``). Confirming again returns the first answer.
    /// - Parameters:
    ///   - contractID: the escrow.
    ///   - condition: the condition's name.
    ///   - confirmer: the wallet confirming.
    public func confirm(contract contractID: String, condition: String, by confirmer: WalletID) async
        -> ProgrammableResult
    {
        let nowMs = clock.now().unixMilliseconds
        let key = contractID + "/" + condition
        if let stored = contracts.confirmations[key] { return stored }
        func answer(refusal: ProgrammableRefusal? = nil, _ reason: CBDCDeclineReason? = nil) -> ProgrammableResult {
            let result = ProgrammableResult(contract: contractID, step: .confirm, id: condition, amount: .zero(.rub),
                                            payer: confirmer, payee: nil, transferID: nil, refusal: refusal,
                                            declineReason: reason)
            update(contractID) { contract in
                contract.trail.record("confirm", at: nowMs, "\(condition) by \(confirmer): "
                    + (refusal.map { "refused: \($0)" } ?? reason.map { "declined \($0)" } ?? ""))
            }
            return result
        }
        guard let contract = contracts.contracts[contractID], case .escrow(let escrow) = contract.terms else {
            return answer(.kindNotPermitted("no escrow \(contractID)"))
        }
        func refuse(_ clause: ProgrammableRefusal.Clause) -> ProgrammableResult {
            answer(refusal: ProgrammableRefusal(contract: contractID, rule: condition, clause: clause))
        }
        guard contract.state == .active else { return refuse(.notActive(contract.state)) }
        guard nowMs < escrow.expires.unixMilliseconds else { return refuse(.expired(expires: escrow.expires)) }
        guard let term = escrow.conditions.first(where: { $0.name == condition }) else {
            return refuse(.conditionUnknown(condition))
        }
        let allowed = switch term.confirmer {
        case .payer: escrow.payer
        case .payee: escrow.payee
        case .wallet(let wallet): wallet
        }
        guard confirmer == allowed else {
            return refuse(.confirmerNotAllowed(condition: condition, confirmer: confirmer))
        }
        guard !contracts.busy.contains(contractID) else {
            return answer(.systemError("another step of contract \(contractID) is in progress"))
        }
        let outstanding = escrow.conditions.map(\.name).filter { $0 != condition && !contract.confirmed.contains($0) }
        guard outstanding.isEmpty else {
            do throws(CBDCPlatformError) {
                try await createAccounts([
                    ProgrammableContractRecord.confirmationAccount(contract: contractID, condition: condition),
                ])
            } catch {
                return answer(.systemError("recording the confirmation: \(error)"))
            }
            if let stored = contracts.confirmations[key] { return stored }  // confirmed meanwhile
            if let state = contracts.contracts[contractID]?.state, state != .active { return refuse(.notActive(state)) }
            let result = ProgrammableResult(contract: contractID, step: .confirm, id: condition, amount: .zero(.rub),
                                            payer: confirmer, payee: nil, transferID: nil)
            contracts.confirmations[key] = result
            update(contractID) { contract in
                contract.confirmed.append(condition)
                contract.trail.record("confirm", at: nowMs, "\(condition) by \(confirmer); waiting for \(outstanding)")
            }
            return result
        }

        guard let payer = wallets[escrow.payer], let payee = wallets[escrow.payee],
            let (legs, fee) = contractPaymentLegs(from: contract.account, payer: payer, payee: payee,
                                                  amount: contract.remaining)
        else { return answer(.systemError("the escrow's wallets can no longer pay each other")) }
        contracts.busy.insert(contractID)
        defer { contracts.busy.remove(contractID) }
        do {
            let (transferID, outcome) = try await postContract(contractID, step: .release, key: "release", legs: legs)
            switch outcome {
            case .committed:
                let result = ProgrammableResult(contract: contractID, step: .release, id: condition,
                                                amount: contract.remaining, fee: fee, payer: escrow.payer,
                                                payee: escrow.payee, transferID: transferID.description)
                contracts.confirmations[key] = result
                update(contractID) { contract in
                    contract.confirmed.append(condition)
                    contract.state = .released
                    contract.trail.ledgerTransfers.append(transferID.description)
                    contract.trail.record("release", at: nowMs, "\(condition) by \(confirmer): \(contract.remaining) "
                        + "(fee \(fee)) to \(escrow.payee), transfer \(transferID) committed")
                    contract.remaining = .zero(.rub)
                }
                return result
            case .rejected(let rejection):
                return answer(.systemError("ledger rejected the transfer: \(rejection.code)"))
            }
        } catch {
            return answer(.systemError("ledger unavailable"))
        }
    }

    // MARK: Queries

    /// A contract as it stands.
    /// - Parameters:
    ///   - id: the contract id.
    public func contract(_ id: String) -> ProgrammableContract? { contracts.contracts[id] }

    /// Every contract, ordered by id.
    public func allContracts() -> [ProgrammableContract] { contracts.contracts.values.sorted { $0.id < $1.id } }

    /// What a contract's conditional account holds on the ledger.
    /// - Parameters:
    ///   - id: the contract id.
    /// - Throws: ``LedgerError`` when the store fails.
    public func conditionalBalance(of id: String) async throws -> Money {
        try await netCredit(CBDCAccounts.conditional(id))
    }

    // MARK: Shared steps

    /// The decline when no payment kind is permitted from `payer` to `payee`.
    static func noPaymentKind(_ payer: CBDCWallet, _ payee: CBDCWallet) -> CBDCDeclineReason {
        .kindNotPermitted("no payment kind is for a \(payer.type.rawValue) paying a \(payee.type.rawValue)")
    }

    /// The payment kind a payer of this wallet uses to pay that one, nil when none is permitted.
    static func contractPaymentKind(payer: CBDCWallet, payee: CBDCWallet) -> CBDCPaymentKind? {
        [CBDCPaymentKind.p2p, .c2b, .b2b, .g2p].first { $0.permits(payer: payer.type, payee: payee.type) }
    }

    /// The legs that pay `amount` out of a contract's account to `payee` on behalf of `payer`, with the C2B fee legs
    /// when the payment is C2B; nil when no payment kind is permitted between the two wallets.
    func contractPaymentLegs(from account: AccountID, payer: CBDCWallet, payee: CBDCWallet, amount: Money)
        -> (legs: [TransferLeg], fee: Money)?
    {
        guard let kind = Self.contractPaymentKind(payer: payer, payee: payee) else { return nil }
        var legs = [TransferLeg(debit: account, credit: CBDCAccounts.wallet(payee.id), amount: amount)]
        guard kind == .c2b else { return (legs, .zero(.rub)) }
        let bank = payee.servicingBank
        let fee = Self.c2bFee(amount, rateBps: banks[bank] ?? parameters.c2bFeeCapBps)
        if fee.minorUnits > 0 {
            legs.append(TransferLeg(debit: CBDCAccounts.wallet(payee.id), credit: CBDCAccounts.feeIncome(of: bank),
                                    amount: fee))
            legs.append(TransferLeg(debit: CBDCAccounts.issuance, credit: CBDCAccounts.correspondent(of: bank),
                                    amount: fee))
        }
        return (legs, fee)
    }

    /// Posts one step of a contract through the group-commit poster, as transfer `contract/<id>/<key>`.
    func postContract(_ id: String, step: ProgrammableResult.Step, key: String, legs: [TransferLeg]) async throws
        -> (TransferID, TransferOutcome)
    {
        let transferID = CBDCAccounts.transferID("contract/\(id)/\(key)")
        let outcome = try await poster.post(Transfer(
            id: transferID, kind: .single, legs: legs,
            userData: TransferUserData(paymentID: id, rail: "cbdc", reference: "contract-" + step.rawValue)))
        return (transferID, outcome)
    }

    /// Changes a stored contract in place (nothing when there is none).
    func update(_ id: String, _ change: (inout ProgrammableContract) -> Void) {
        guard var contract = contracts.contracts[id] else { return }
        change(&contract)
        contracts.contracts[id] = contract
    }

    static func describe(contract id: String, _ terms: ProgrammableContractTerms) -> String {
        switch terms {
        case .earmark(let e):
            "earmark \(id): \(e.amount) from \(e.funder) for \(e.beneficiary) under rule \(e.rule.name) until "
                + ProgrammableTime.format(e.rule.expires)
        case .escrow(let e):
            "escrow \(id): \(e.amount) from \(e.payer) to \(e.payee) on \(e.conditions.map(\.name)) before "
                + ProgrammableTime.format(e.expires)
        case .schedule(let s):
            "schedule \(id): \(s.count) × \(s.amount) from \(s.payer) to \(s.payee) from "
                + ProgrammableTime.format(s.first) + (s.interval.map { " every \($0)" } ?? "")
        }
    }
}
