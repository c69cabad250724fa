import CorridorCore
import CorridorLedger

extension DigitalRublePlatform {
    /// Converts part of the holder's deposit at `bank` into digital rubles in their wallet: one atomic transfer of
    /// two legs, `deposit(holder, bank) → wallet` and `correspondent(bank) → issuance` (see the type's accounting
    /// model). Declined, moving nothing, when the deposit or the bank's reserves fall short or the wallet type's
    /// monthly top-up limit would be passed. Idempotent by `id`.
    /// - Parameters:
    ///   - id: the operation id.
    ///   - wallet: the wallet credited.
    ///   - bank: a bank that serves the wallet and holds the holder's deposit.
    ///   - amount: a positive RUB amount.
    public func convertToDigital(id: String, wallet: WalletID, bank: String, amount: Money) async -> CBDCPaymentResult {
        await perform(id, .toDigital(wallet: wallet, bank: bank, amount: amount))
    }

    /// Redeems digital rubles from a wallet into the holder's deposit at `bank`: the legs of
    /// ``convertToDigital(id:wallet:bank:amount:)`` reversed, as one atomic transfer. Idempotent by `id`.
    /// - Parameters:
    ///   - id: the operation id.
    ///   - wallet: the wallet debited.
    ///   - bank: a bank that serves the wallet.
    ///   - amount: a positive RUB amount.
    public func convertToDeposit(id: String, wallet: WalletID, bank: String, amount: Money) async -> CBDCPaymentResult {
        await perform(id, .toDeposit(wallet: wallet, bank: bank, amount: amount))
    }

    func executeConversion(_ id: String, _ request: OperationRequest, trail: inout CBDCPaymentTrail, at nowMs: Int64)
        async -> (CBDCPaymentResult, String?, Bool)
    {
        func decline(_ reason: CBDCDeclineReason, retryable: Bool = false) -> (CBDCPaymentResult, String?, Bool) {
            (declined(id: id, request, reason), nil, retryable)
        }
        let (walletID, bank, amount, inward): (WalletID, String, Money, Bool) = switch request {
        case .toDigital(let w, let b, let a): (w, b, a, true)
        case .toDeposit(let w, let b, let a): (w, b, a, false)
        case .payment, .refund: preconditionFailure("not a conversion")
        }
        guard amount.currency == .rub, amount.minorUnits > 0 else { return decline(.amountInvalid) }
        guard let wallet = wallets[walletID] else { return decline(inward ? .payeeUnknown(walletID) : .payerUnknown(walletID)) }
        guard banks[bank] != nil else { return decline(.bankUnknown(bank)) }
        guard wallet.banks.contains(bank) else { return decline(.bankDoesNotServeWallet(bank: bank)) }

        let month = Self.periods(atMs: nowMs).month
        if inward {
            let limit = parameters.limits(for: wallet.type).monthlyTopUpMax
            guard Self.reserve(&monthlyTopUp, wallet.id, period: month, amount: amount.minorUnits, limit: limit) else {
                trail.record("limits", at: nowMs, "monthly top-up over \(limit!)")
                return decline(.monthlyTopUpLimitExceeded(limit: limit!))
            }
            trail.record("limits", at: nowMs, "within the monthly top-up limit (month \(month))")
        } else {
            trail.record("limits", at: nowMs, "redemptions are not limited")
        }
        func releaseLimit() {
            if inward { Self.release(&monthlyTopUp, wallet.id, period: month, amount: amount.minorUnits) }
        }

        let deposit = CBDCAccounts.bankDeposit(of: wallet.holder, at: bank)
        let walletAccount = wallet.account
        let correspondent = CBDCAccounts.correspondent(of: bank)
        let legs = inward
            ? [TransferLeg(debit: deposit, credit: walletAccount, amount: amount),
               TransferLeg(debit: correspondent, credit: CBDCAccounts.issuance, amount: amount)]
            : [TransferLeg(debit: walletAccount, credit: deposit, amount: amount),
               TransferLeg(debit: CBDCAccounts.issuance, credit: correspondent, amount: amount)]
        let kind: CBDCPaymentKind = inward ? .toDigital : .toDeposit
        do {
            let (transferID, outcome) = try await post(id, kind: kind, legs: legs)
            trail.ledgerTransfers.append(transferID.description)
            switch outcome {
            case .committed:
                trail.record("post", at: nowMs, "transfer \(transferID) committed")
                return (CBDCPaymentResult(id: id, kind: kind, amount: amount, fee: .zero(.rub), payer: inward ? nil : wallet.id,
                                          payee: inward ? wallet.id : nil, transferID: transferID.description), nil, false)
            case .rejected(let rejection):
                releaseLimit()
                trail.record("post", at: nowMs, "transfer \(transferID) rejected: \(rejection)")
                switch rejection {
                case .exceedsCredits(correspondent): return decline(.bankReservesInsufficient(bank: bank))
                case .exceedsCredits(deposit), .exceedsCredits(walletAccount): return decline(.insufficientFunds)
                // The holder never had a deposit at this bank: nothing to convert.
                case .accountNotFound(deposit): return decline(.insufficientFunds)
                default: return decline(.systemError("ledger rejected the transfer: \(rejection.code)"))
                }
            }
        } catch {
            releaseLimit()
            trail.record("post", at: nowMs, "ledger unavailable")
            return decline(.systemError("ledger unavailable"), retryable: true)
        }
    }
}
