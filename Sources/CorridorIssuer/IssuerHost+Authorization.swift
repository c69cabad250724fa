import CorridorCore
import CorridorISO8583
import CorridorLedger
import Foundation

extension IssuerHost {
    /// How a request's merits came out, before the card's status (which may change at any moment) is read.
    private enum Evaluation {
        case decline(IssuerResponseCode)
        case balanceInquiry(account: AccountID)
        case posting(CardPosting, billing: Money, convertedHere: Bool)
    }

    /// 0100/0200: holds, debits or credits the card, or reports its balance (processing code 31).
    ///
    /// Declines come in a fixed order: format, test mode, unknown card, then the card's status, expiry, the request's
    /// own checks, the per-transaction limit, the daily limit, and last the ledger (insufficient funds). The status
    /// and the daily limit are read where the posting is admitted; a decline found earlier is answered only when the
    /// status does not decline first, so the order holds while a card is being blocked.
    func authorize(_ request: IsoMessage, key: CardTransactionKey, isHold: Bool) async -> Decision {
        let responseMTI = Self.responseMTI(request.mti)
        func decline(_ code: IssuerResponseCode, delivery: TestModeOutcome? = nil) -> Decision {
            Decision(response: answer(request, mti: responseMTI, code: code), code: code, delivery: delivery)
        }
        guard let panText = request[text: 2], let processingCode = request[text: 3], processingCode.count == 6,
            request[text: 7] != nil, request[text: 11] != nil
        else { return decline(.formatError) }
        let transactionType = String(processingCode.prefix(2))
        let isBalanceInquiry = transactionType == "31"
        guard let amountText = request[text: 4] ?? (isBalanceInquiry ? "0" : nil),
            let minorUnits = Int64(amountText), minorUnits >= 0,
            let currencyText = request[text: 49] ?? (isBalanceInquiry ? "" : nil)
        else { return decline(.formatError) }

        var delivery: TestModeOutcome?
        if let table = configuration.testMode {
            switch table.outcome(panDigits: panText, amountMinorUnits: isBalanceInquiry ? nil : minorUnits) {
            case .decline(let code)?:
                logger.debug("test mode: \(code.rawValue) for card …\(String(panText.suffix(4)))")
                return decline(code)
            case let other?: delivery = other
            case nil: break
            }
        }
        guard let pan = try? PrimaryAccountNumber(panText) else { return decline(.invalidCardNumber, delivery: delivery) }
        let token = tokenizer.token(for: pan)
        guard let card = portfolio.cards[token.token] else { return decline(.invalidCardNumber, delivery: delivery) }
        let now = clock.now()
        let evaluation = evaluate(
            request, card: card, token: token, key: key, isHold: isHold, transactionType: transactionType,
            minorUnits: minorUnits, currencyText: currencyText, now: now)

        switch evaluation {
        case .decline(let code):
            let status = state.withLock { $0.status(of: card) }
            return decline(status.declineCode ?? code, delivery: delivery)
        case .balanceInquiry(let account):
            if let code = state.withLock({ $0.status(of: card) }).declineCode { return decline(code, delivery: delivery) }
            return await balanceInquiry(request, card: card, account: account, delivery: delivery)
        case .posting(let posting, let billing, let convertedHere):
            let result = await admit(posting)
            let code = responseCode(for: result, transfer: posting.transfer, lastFour: token.lastFour)
            var dailyDebit = posting.dailyDebit
            let sequence = state.withLock { state -> UInt64? in
                if code.isApproval { return state.codes.nextSequence() }
                if case .declined = result {
                    // Refused at admission: nothing was counted.
                } else if let debit = dailyDebit {
                    state.dailyTotals[debit.key, default: 0] -= debit.amount
                }
                return nil
            }
            if !code.isApproval { dailyDebit = nil }
            var response = answer(request, mti: responseMTI, code: code)
            if let sequence {
                let issued = ApprovalCodeGenerator.codes(sequence: sequence, at: now)
                response[text: 38] = issued.approvalCode
                if request[text: 37] == nil { response[text: 37] = issued.rrn }
                if convertedHere {
                    response[text: 6] = Self.digits(billing.minorUnits, width: 12)
                    response[text: 51] = Self.digits(Int64(card.currency.numericCode), width: 3)
                }
            }
            logger.debug("\(request.mti) card …\(token.lastFour) \(billing): \(code.rawValue)")
            return Decision(response: response, code: code, delivery: delivery, dailyDebit: dailyDebit)
        }
    }

    /// Everything about a request that does not depend on the host's changing state, in the decline order.
    private func evaluate(
        _ request: IsoMessage, card: IssuedCard, token: CardToken, key: CardTransactionKey, isHold: Bool,
        transactionType: String, minorUnits: Int64, currencyText: String, now: Date
    ) -> Evaluation {
        let civil = CivilDate(unixMilliseconds: now.unixMilliseconds)
        if card.isExpired(year: civil.year, month: civil.month) { return .decline(.expiredCard) }
        if let expiry = request[text: 14], expiry != card.expiry { return .decline(.expiredCard) }

        let cardAccount = cachedAccountID("card/" + token.token) { IssuerLedgerAccounts.cardAccount(token: token.token) }
        if transactionType == "31" { return .balanceInquiry(account: cardAccount) }
        let isCredit = transactionType == "20"
        guard ["00", "01", "09", "20"].contains(transactionType) else { return .decline(.invalidTransaction) }
        guard minorUnits > 0 else { return .decline(.invalidAmount) }
        guard let currency = Currency(numericText: currencyText) else { return .decline(.formatError) }

        // The amount on the card: the scheme's billing amount (fields 6 and 51) when sent, else the issuer's rate.
        let billing: Money
        var convertedHere = false
        if let billingText = request[text: 6], let billingUnits = Int64(billingText),
            let billingCurrencyText = request[text: 51], let billingCurrency = Currency(numericText: billingCurrencyText)
        {
            guard billingCurrency == card.currency else { return .decline(.transactionNotPermitted) }
            billing = Money(minorUnits: billingUnits, currency: billingCurrency)
        } else if currency == card.currency {
            billing = Money(minorUnits: minorUnits, currency: currency)
        } else {
            guard let rate = portfolio.rate(from: currency, to: card.currency) else {
                return .decline(.transactionNotPermitted)
            }
            guard let converted = rate.convert(Money(minorUnits: minorUnits, currency: currency)) else {
                return .decline(.invalidAmount)
            }
            billing = converted
            convertedHere = true
        }
        guard billing.minorUnits > 0 else { return .decline(.invalidAmount) }

        var dailyDebit: (key: DailyTotalKey, amount: Int64)?
        if !isCredit {
            if let limit = card.limits.perTransaction, billing.minorUnits > limit.minorUnits {
                return .decline(.exceedsWithdrawalLimit)
            }
            dailyDebit = (DailyTotalKey(token: token.token, day: now.unixMilliseconds / 86_400_000), billing.minorUnits)
        }

        let settlement = cachedAccountID("settlement/\(card.issuerID)/\(card.currency.alphaCode)") {
            IssuerLedgerAccounts.settlementAccount(issuer: card.issuerID, currency: card.currency)
        }
        let userData = TransferUserData(
            paymentID: String(key.description.prefix(TransferUserData.fieldLengthMax)), rail: "card",
            reference: "\(request.mti) \(token.scheme.rawValue) …\(token.lastFour)")
        let leg = isCredit
            ? TransferLeg(debit: settlement, credit: cardAccount, amount: billing)
            : TransferLeg(debit: cardAccount, credit: settlement, amount: billing)
        let transfer = Transfer(
            id: IssuerLedgerAccounts.transferID("debit/\(key)"),
            kind: isHold && !isCredit ? .pending(timeoutSeconds: configuration.holdSeconds) : .single,
            legs: [leg], userData: userData)
        return .posting(
            CardPosting(transfer: transfer, card: card, dailyDebit: dailyDebit), billing: billing,
            convertedHere: convertedHere)
    }

    private func balanceInquiry(
        _ request: IsoMessage, card: IssuedCard, account: AccountID, delivery: TestModeOutcome?
    ) async -> Decision {
        let responseMTI = Self.responseMTI(request.mti)
        do {
            guard let balance = try await backend.balance(of: account) else {
                return Decision(
                    response: answer(request, mti: responseMTI, code: .invalidCardNumber), code: .invalidCardNumber)
            }
            let available = balance.creditsPosted - balance.debitsPosted - balance.debitsPending
            var response = answer(request, mti: responseMTI, code: .approved)
            // Field 54: account type 00, amount type 02 (available), currency, sign, twelve digits.
            response[text: 54] = "0002" + Self.digits(Int64(card.currency.numericCode), width: 3)
                + (available < 0 ? "D" : "C") + Self.digits(available.magnitude, width: 12)
            return Decision(response: response, code: .approved, delivery: delivery)
        } catch {
            logger.error("ledger unavailable for a balance inquiry: \(error)")
            return Decision(
                response: answer(request, mti: responseMTI, code: .issuerInoperative), code: .issuerInoperative)
        }
    }
}
