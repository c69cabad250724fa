import CorridorCore
import CorridorLedger

extension DigitalRublePlatform {
    /// Refunds all or part of an approved wallet payment: the payer gets `amount` back exactly; for a C2B payment
    /// the merchant's bank returns the matching share of the fee. Idempotent by `id`.
    ///
    /// Fee share rounding: after refunds totalling `r` of a payment of `A` with fee `F`, the fee returned in total is
    /// `⌊F × r / A⌋`; each refund returns the difference of that figure before and after it. So a full refund (in
    /// one go or in parts) returns exactly `F`, and no partial refund returns more than its proportion.
    /// One refund of a payment runs at a time; a second that arrives meanwhile is declined (96/MS03) without being
    /// recorded, so its retry is evaluated afresh.
    /// - Parameters:
    ///   - id: the refund's operation id.
    ///   - paymentID: the payment refunded.
    ///   - amount: what the payer gets back, at most what is left of the payment.
    public func refund(id: String, paymentID: String, amount: Money) async -> CBDCPaymentResult {
        await perform(id, .refund(paymentID: paymentID, amount: amount))
    }

    func executeRefund(_ id: String, paymentID: String, amount: Money, trail: inout CBDCPaymentTrail, at nowMs: Int64)
        async -> (CBDCPaymentResult, String?, Bool)
    {
        let request = OperationRequest.refund(paymentID: paymentID, amount: amount)
        func decline(_ reason: CBDCDeclineReason, retryable: Bool = false) -> (CBDCPaymentResult, String?, Bool) {
            (declined(id: id, request, reason), nil, retryable)
        }
        guard amount.currency == .rub, amount.minorUnits > 0 else { return decline(.amountInvalid) }
        guard let original = operations[paymentID], case .payment = original.request, original.result.isApproved,
            let payer = original.result.payer, let payee = original.result.payee
        else { return decline(.notRefundable("no approved payment \(paymentID)")) }
        guard !refundsInFlight.contains(paymentID) else {
            return decline(.systemError("another refund of \(paymentID) is in progress"), retryable: true)
        }
        let prior = refundReserved[paymentID] ?? 0
        let total = original.result.amount.minorUnits
        guard amount.minorUnits <= total - prior else { return decline(.refundExceedsPayment(remaining: .rub(total - prior))) }

        let fee = Int128(original.result.fee.minorUnits)
        let feeShare = Int64(fee * Int128(prior + amount.minorUnits) / Int128(total) - fee * Int128(prior) / Int128(total))
        var legs: [TransferLeg] = []
        if let bank = original.feeBank, feeShare > 0 {
            legs.append(TransferLeg(debit: CBDCAccounts.feeIncome(of: bank), credit: CBDCAccounts.wallet(payee), amount: .rub(feeShare)))
            legs.append(TransferLeg(debit: CBDCAccounts.correspondent(of: bank), credit: CBDCAccounts.issuance, amount: .rub(feeShare)))
        }
        legs.append(TransferLeg(debit: CBDCAccounts.wallet(payee), credit: CBDCAccounts.wallet(payer), amount: amount))
        trail.record("limits", at: nowMs, "refund \(amount) of \(original.result.amount), \(Money.rub(prior)) refunded before; fee share \(Money.rub(feeShare))")

        refundsInFlight.insert(paymentID)
        defer { refundsInFlight.remove(paymentID) }
        do {
            let (transferID, outcome) = try await post(id, kind: .refund, legs: legs)
            trail.ledgerTransfers.append(transferID.description)
            switch outcome {
            case .committed:
                trail.record("post", at: nowMs, "transfer \(transferID) committed")
                refundReserved[paymentID] = prior + amount.minorUnits
                if var stored = operations[paymentID] {
                    stored.result.refunded = .rub(prior + amount.minorUnits)
                    stored.result.status = prior + amount.minorUnits == total ? .refunded : .partiallyRefunded
                    stored.trail.record("refund", at: nowMs, "refund \(id): \(amount) (fee share \(Money.rub(feeShare)))")
                    operations[paymentID] = stored
                }
                return (CBDCPaymentResult(id: id, kind: .refund, amount: amount, fee: .rub(feeShare), payer: payee, payee: payer,
                                          transferID: transferID.description), nil, false)
            case .rejected(let rejection):
                trail.record("post", at: nowMs, "transfer \(transferID) rejected: \(rejection)")
                if case .exceedsCredits(let account) = rejection, account == CBDCAccounts.wallet(payee) {
                    return decline(.insufficientFunds)
                }
                return decline(.systemError("ledger rejected the transfer: \(rejection.code)"))
            }
        } catch {
            trail.record("post", at: nowMs, "ledger unavailable")
            return decline(.systemError("ledger unavailable"), retryable: true)
        }
    }
}
