import CorridorCore
import CorridorLedger

extension DigitalRublePlatform {
    /// Pays from one wallet to another as one atomic transfer; never throws: every failure is a decline with its
    /// codes, and a decline moves nothing. The same id with the same request returns the first result.
    ///
    /// C2B payments cost the merchant `⌊amount × rate / 10 000⌋` kopecks (rounded down, so never above the cap), where
    /// rate = min(the merchant's servicing bank's rate, ``CBDCParameters/c2bFeeCapBps``); the payer pays the amount.
    /// - Parameters:
    ///   - request: the payment.
    public func pay(_ request: CBDCPaymentRequest) async -> CBDCPaymentResult {
        await perform(request.id, .payment(request))
    }

    /// A registered bank's fee income and correspondent accounts, derived once per bank (a C2B payment credits both;
    /// deriving an id hashes its name).
    func bankAccounts(_ bank: String) -> (feeIncome: AccountID, correspondent: AccountID) {
        if let known = bankAccountIDs[bank] { return known }
        let accounts = (feeIncome: CBDCAccounts.feeIncome(of: bank), correspondent: CBDCAccounts.correspondent(of: bank))
        if banks[bank] != nil { bankAccountIDs[bank] = accounts }
        return accounts
    }

    /// The C2B fee on `amount` at `rateBps` basis points: rounded down to the kopeck.
    static func c2bFee(_ amount: Money, rateBps: Int) -> Money {
        .rub(Int64(Int128(amount.minorUnits) * Int128(rateBps) / 10_000))
    }

    func executePayment(_ id: String, _ request: CBDCPaymentRequest, trail: inout CBDCPaymentTrail, at nowMs: Int64)
        async -> (CBDCPaymentResult, String?, Bool)
    {
        func decline(_ reason: CBDCDeclineReason, retryable: Bool = false) -> (CBDCPaymentResult, String?, Bool) {
            (declined(id: id, .payment(request), reason), nil, retryable)
        }
        guard request.amount.currency == .rub, request.amount.minorUnits > 0 else { return decline(.amountInvalid) }
        guard let payer = wallets[request.payer] else { return decline(.payerUnknown(request.payer)) }
        guard let payee = wallets[request.payee] else { return decline(.payeeUnknown(request.payee)) }
        guard payer.id != payee.id else { return decline(.kindNotPermitted("a wallet cannot pay itself")) }
        guard request.kind.permits(payer: payer.type, payee: payee.type) else {
            return decline(.kindNotPermitted("\(request.kind.rawValue) is not for a \(payer.type.rawValue) paying a \(payee.type.rawValue)"))
        }

        // Limits: checked and reserved before the ledger is asked, released if the payment fails.
        let limits = parameters.limits(for: payer.type)
        if let single = limits.singlePaymentMax, request.amount.minorUnits > single.minorUnits {
            trail.record("limits", at: nowMs, "single payment over \(single)")
            return decline(.singlePaymentLimitExceeded(limit: single))
        }
        let day = Self.periods(atMs: nowMs).day
        guard Self.reserve(&dailySpend, payer.id, period: day, amount: request.amount.minorUnits, limit: limits.dailySpendMax) else {
            trail.record("limits", at: nowMs, "daily spend over \(limits.dailySpendMax!)")
            return decline(.dailyLimitExceeded(limit: limits.dailySpendMax!))
        }
        trail.record("limits", at: nowMs, "within limits of a \(payer.type.rawValue) wallet (day \(day))")

        var legs = [TransferLeg(debit: payer.account, credit: payee.account, amount: request.amount)]
        var fee = Money.zero(.rub)
        let feeBank = request.kind == .c2b ? payee.servicingBank : nil
        if let feeBank {
            fee = Self.c2bFee(request.amount, rateBps: banks[feeBank] ?? parameters.c2bFeeCapBps)
            if fee.minorUnits > 0 {
                let bank = bankAccounts(feeBank)
                legs.append(TransferLeg(debit: payee.account, credit: bank.feeIncome, amount: fee))
                legs.append(TransferLeg(debit: CBDCAccounts.issuance, credit: bank.correspondent, amount: fee))
            }
            trail.record("fee", at: nowMs, "merchant fee \(fee) to \(feeBank)")
        }
        do {
            let (transferID, outcome) = try await post(id, kind: request.kind, legs: legs)
            trail.ledgerTransfers.append(transferID.description)
            switch outcome {
            case .committed:
                trail.record("post", at: nowMs, "transfer \(transferID) committed (\(legs.count) legs)")
                return (CBDCPaymentResult(id: id, kind: request.kind, amount: request.amount, fee: fee, payer: payer.id,
                                          payee: payee.id, transferID: transferID.description), feeBank, false)
            case .rejected(let rejection):
                Self.release(&dailySpend, payer.id, period: day, amount: request.amount.minorUnits)
                trail.record("post", at: nowMs, "transfer \(transferID) rejected: \(rejection)")
                if case .exceedsCredits(let account) = rejection, account == payer.account {
                    return decline(.insufficientFunds)
                }
                return decline(.systemError("ledger rejected the transfer: \(rejection.code)"))
            }
        } catch {
            Self.release(&dailySpend, payer.id, period: day, amount: request.amount.minorUnits)
            trail.record("post", at: nowMs, "ledger unavailable")
            return decline(.systemError("ledger unavailable"), retryable: true)
        }
    }
}
