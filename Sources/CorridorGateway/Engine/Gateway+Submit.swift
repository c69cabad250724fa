import CorridorCore
import CorridorISO20022
import CorridorLedger
import Foundation

/// A payment after steps 1–2 (parse, resolve): who pays whom, how much, from which account.
struct ResolvedPayment: Sendable {
    var kind: PaymentInstrumentKind
    var merchant: Merchant
    var acquirer: Participant
    var payerBank: Participant
    var payerCurrency: Currency
    var payerName: String
    var payerCountry: Country
    /// The key limits are counted under: the card token or `bank/reference`.
    var payerKey: String
    var payerFunds: AccountID
    var payeeAmount: Money
    var cardSystem: PaymentSystem?
    var card: ResolvedCard?
}

/// The card of a card payment: its details (PAN kept in memory only for the ISO 8583 request) and token.
struct ResolvedCard: Sendable {
    let details: CardPaymentDetails
    let token: CardToken
}

extension Gateway {
    /// Submits a payment and returns its result; never throws: every failure is a decline with its codes.
    /// The same id with the same request returns the first result (nothing moves twice).
    public func submit(_ request: PaymentRequest) async -> PaymentResult {
        await submitRecorded(request).result
    }

    /// ``submit(_:)``, also returning the record it saved (or found, for a repeated id), so a caller that answers
    /// with the record's details (the HTTP API) does not read back what was just written.
    /// - Returns: the result, and the record as saved; nil when none was saved (an id refused before any decision,
    ///   a store that failed).
    public func submitRecorded(_ request: PaymentRequest) async -> (result: PaymentResult, record: PaymentRecord?) {
        let id = request.id ?? "PAY-" + uniqueSuffix(16)
        let now = clock.now()
        let nowMs = now.unixMilliseconds
        let businessDate = self.businessDate(at: now)
        var cardToken: CardToken?
        if case .card(let card) = request.instrument, let issuer {
            cardToken = issuer.tokenizer.token(for: card.pan)
        }
        let fingerprint = request.fingerprint(cardToken: cardToken?.token)
        guard Self.isValidID(id) else {
            return Self.rejected(id: String(id.prefix(32)), reason: .format("payment id must be 1–32 of A–Z a–z 0–9 . _ -"),
                                 amount: Self.requestAmount(request), businessDate: businessDate)
        }
        // One decision per id at a time: a concurrent duplicate must not reach the issuer a second time.
        guard inFlight.withLock({ $0.insert(id).inserted }) else {
            return Self.rejected(id: id, reason: DeclineReason(iso8583Code: "09", iso20022Code: "DUPL",
                                                               text: "payment \(id) is being decided; retry for its answer"),
                                 amount: Self.requestAmount(request), businessDate: businessDate)
        }
        defer { inFlight.withLock { _ = $0.remove(id) } }
        do {
            if let existing = try await store.record(id) {
                guard existing.fingerprint == fingerprint else {
                    return Self.rejected(id: id, reason: .format("payment id \(id) already names another payment"),
                                         amount: Self.requestAmount(request), businessDate: businessDate)
                }
                return (existing.result, existing)
            }
        } catch {
            return Self.rejected(id: id, reason: .systemError("payment store unavailable"), amount: Self.requestAmount(request),
                                 businessDate: businessDate)
        }

        var trail = PaymentTrail(paymentID: id, request: Self.describe(request, token: cardToken))
        if case .wallet(let wallet) = request.instrument {
            return await submitFromWallet(wallet, id: id, fingerprint: fingerprint, trail: trail, now: now, businessDate: businessDate)
        }
        // 1–2: parse and resolve.
        let resolved: ResolvedPayment
        switch resolve(request, token: cardToken, trail: &trail, at: nowMs) {
        case .success(let value): resolved = value
        case .failure(let reason):
            return await declined(id: id, fingerprint: fingerprint, trail: trail, reason: reason,
                                  amount: Self.requestAmount(request), merchant: nil, route: nil, businessDate: businessDate, at: nowMs)
        }
        trail.payerName = resolved.payerName
        trail.merchantName = resolved.merchant.name
        if let reason = offlineDecline(resolved.payerBank.id) {
            return await declined(id: id, fingerprint: fingerprint, trail: trail, reason: reason, amount: resolved.payeeAmount,
                                  merchant: resolved.merchant.id, route: nil, businessDate: businessDate, at: nowMs)
        }
        let route = routing.route(instrument: resolved.kind, cardSystem: resolved.cardSystem,
                                  payerBank: resolved.payerBank, acquirer: resolved.acquirer)
        trail.route = route.description
        trail.record("resolve", at: nowMs, "merchant \(resolved.merchant.id) at \(resolved.acquirer.id); payer bank \(resolved.payerBank.id)")

        // 3: screen, before any money moves.
        let subjects = [
            ScreeningSubject(name: resolved.payerName, role: .payer, country: resolved.payerCountry),
            ScreeningSubject(name: resolved.merchant.name, role: .payee, country: resolved.merchant.country),
            ScreeningSubject(name: resolved.payerBank.name, role: .payerBank, country: resolved.payerBank.country),
            ScreeningSubject(name: resolved.acquirer.name, role: .payeeBank, country: resolved.acquirer.country),
        ]
        let screening = screener.screen(subjects, payerKey: resolved.payerKey, corridor: route.corridor,
                                        amount: resolved.payeeAmount, at: now)
        trail.screening = screening.reason
        trail.record("screen", at: nowMs, screening.reason)
        guard case .clear = screening.decision else {
            let reason = DeclineReason(iso8583Code: screening.iso8583ResponseCode, iso20022Code: screening.iso20022Reason ?? "RR04",
                                       text: "declined by compliance screening")
            return await declined(id: id, fingerprint: fingerprint, trail: trail, reason: reason, amount: resolved.payeeAmount,
                                  merchant: resolved.merchant.id, route: route, businessDate: businessDate, at: nowMs)
        }
        let decided = await quoteAuthorizePost(
            id: id, request: request, resolved: resolved, route: route, fingerprint: fingerprint, trail: trail,
            now: now, businessDate: businessDate)
        if !decided.result.isApproved {
            screener.release(payerKey: resolved.payerKey, corridor: route.corridor, amount: resolved.payeeAmount, at: now)
        }
        return decided
    }

    /// Steps 4–7: quote, authorize, post, message.
    private func quoteAuthorizePost(
        id: String, request: PaymentRequest, resolved: ResolvedPayment, route: PaymentRoute, fingerprint: String,
        trail startTrail: PaymentTrail, now: Date, businessDate: ISODate
    ) async -> (result: PaymentResult, record: PaymentRecord?) {
        var trail = startTrail
        let nowMs = now.unixMilliseconds
        func decline(_ reason: DeclineReason) async -> (result: PaymentResult, record: PaymentRecord?) {
            await declined(id: id, fingerprint: fingerprint, trail: trail, reason: reason, amount: resolved.payeeAmount,
                           merchant: resolved.merchant.id, route: route, businessDate: businessDate, at: nowMs)
        }
        let directory = self.directory
        guard let profile = directory.paymentSystems[route.system] else {
            return await decline(.notPermitted("no payment system profile for \(route.system.rawValue)"))
        }
        // 4: quote.
        var fxMid = resolved.payeeAmount, fxMargin = Money.zero(resolved.payeeAmount.currency)
        var payerAmount = resolved.payeeAmount
        var marginEarner: ParticipantID?
        var dccHome: Money?
        if resolved.payerCurrency != resolved.payeeAmount.currency {
            if let card = resolved.card, card.details.dcc {
                do {
                    let offer = try quoter.dccOffer(localAmount: resolved.payeeAmount, homeCurrency: resolved.payerCurrency,
                                                    markupBps: configuration.dccMarkupBps, id: "DCC-" + id, at: now)
                    payerAmount = offer.homeAmount
                    fxMid = offer.midHomeAmount
                    fxMargin = offer.markup
                    marginEarner = resolved.acquirer.id
                    dccHome = offer.homeAmount
                    trail.quote = offer.disclosure
                } catch {
                    return await decline(.fxUnavailable("\(error)"))
                }
            } else {
                let quote: FXQuote
                if let quoteID = request.quoteID {
                    guard let stored = quotes.withLock({ $0[quoteID] }) else { return await decline(.quoteExpired(quoteID)) }
                    guard !stored.isExpired(at: now) else { return await decline(.quoteExpired(quoteID)) }
                    guard stored.payeeAmount == resolved.payeeAmount, stored.payerCurrency == resolved.payerCurrency else {
                        return await decline(.format("quote \(quoteID) is for \(stored.payeeAmount) from \(stored.payerCurrency.alphaCode)"))
                    }
                    quote = stored
                } else {
                    do {
                        quote = try quoter.quote(payeeAmount: resolved.payeeAmount, payerCurrency: resolved.payerCurrency,
                                                 participant: resolved.payerBank.id, id: "Q-" + id, at: now)
                    } catch {
                        return await decline(.fxUnavailable("\(error)"))
                    }
                }
                payerAmount = quote.payerAmount
                fxMid = quote.midPayerAmount
                fxMargin = quote.margin
                trail.quote = "\(quote.id): \(quote.payeeAmount) for \(quote.payerAmount) (mid \(quote.midPayerAmount), "
                    + "margin \(quote.margin), \(quote.spreadBps) bps, \(quote.route))"
            }
            guard directory.fxProvider != nil else { return await decline(.fxUnavailable("no FX provider in the directory")) }
            trail.record("quote", at: nowMs, trail.quote ?? "")
        }
        let (discount, interchange, schemeFee) = BookingAmounts.fees(
            payee: resolved.payeeAmount, discountBps: resolved.merchant.discountRateBps,
            interchangeBps: profile.interchangeBps, schemeFeeBps: profile.schemeFeeBps)
        let amounts = BookingAmounts(payer: payerAmount, fxMid: fxMid, fxMargin: fxMargin, payee: resolved.payeeAmount,
                                     merchantDiscount: discount, interchange: interchange, schemeFee: schemeFee)
        let parties = BookingParties(
            payerFunds: resolved.payerFunds, payerBank: resolved.payerBank.id,
            fxProvider: resolved.payerCurrency != resolved.payeeAmount.currency ? directory.fxProvider : nil,
            marginEarner: marginEarner, acquirer: resolved.acquirer.id, merchant: resolved.merchant.id,
            systemOperator: profile.operatorID)

        // 5: authorize (cards: the issuer host; bank apps: the ledger's no-overdraft rule on the customer's account).
        var approvalCode: String?
        var cardAuthorization: CardAuthorization?
        if let card = resolved.card {
            switch await authorizeCard(card, resolved: resolved, payerAmount: amounts.payer, dccHome: dccHome, paymentID: id,
                                       trail: &trail, at: now) {
            case .success(let authorization):
                cardAuthorization = authorization
                approvalCode = authorization.approvalCode
            case .failure(let reason): return await decline(reason)
            }
        }

        // 6: post one atomic multi-leg transfer.
        let transferID = GatewayAccounts.transferID("payment/" + id)
        let booking: (legs: [TransferLeg], obligations: [Obligation])
        do {
            let accountIDs = try await ensureAccounts(parties, payerCurrency: resolved.payerCurrency,
                                                      payeeCurrency: resolved.payeeAmount.currency)
            booking = PaymentBooking.legs(amounts, parties, accountIDs, reversed: false)
            let outcome = try await poster.post(Transfer(
                id: transferID, kind: .single, legs: booking.legs,
                userData: TransferUserData(paymentID: String(id.prefix(TransferUserData.fieldLengthMax)), rail: route.rail.rawValue,
                                           reference: String(resolved.merchant.id.prefix(TransferUserData.fieldLengthMax)))))
            switch outcome {
            case .committed: break
            case .rejected(.exceedsCredits):
                await reverseCard(cardAuthorization, trail: &trail, at: now)
                return await decline(.insufficientFunds())
            case .rejected(let reason):
                await reverseCard(cardAuthorization, trail: &trail, at: now)
                logger.error("ledger refused payment \(id): \(reason)")
                return await decline(.systemError("ledger refused the booking"))
            }
        } catch {
            await reverseCard(cardAuthorization, trail: &trail, at: now)
            logger.error("ledger unavailable for payment \(id): \(error)")
            return await decline(.systemError("ledger unavailable"))
        }
        let transferText = transferID.description
        trail.ledgerTransfers.append(transferText)
        trail.record("post", at: nowMs, "transfer \(transferText) with \(booking.legs.count) legs")
        await completeCard(cardAuthorization, trail: &trail, at: now)

        // 7: ISO 20022 for the cross-border leg.
        var messages: [EmittedMessage] = []
        var pacs008ID: String?
        if route.isCrossBorder {
            do {
                let built = try paymentMessages(id: id, resolved: resolved, amounts: amounts, at: now, businessDate: businessDate)
                pacs008ID = built.pacs008.messageID
                trail.iso20022Messages.append(contentsOf: [built.pacs008.messageID, built.pacs002.messageID])
                if configuration.keepsMessages { messages = [built.pacs008, built.pacs002] }
                trail.record("message", at: nowMs, "pacs.008 \(built.pacs008.messageID), pacs.002 ACSP \(built.pacs002.messageID)")
            } catch {
                logger.error("payment \(id): ISO 20022 message refused: \(error)")
            }
        }
        let item = ClearingItem(
            id: id, kind: .payment, businessDate: businessDate, bookedAt: now, obligations: booking.obligations,
            payeeAmount: amounts.payee, payerAmount: amounts.payer, payerParticipant: resolved.payerBank.id,
            payeeParticipant: resolved.acquirer.id, merchantID: resolved.merchant.id, transferID: transferText,
            endToEndID: id, messageID: pacs008ID)
        var result = PaymentResult(
            paymentID: id, status: .approved, responseCode: "00", iso20022Status: "ACSP", declineReason: nil,
            merchantAmount: amounts.payee, payerAmount: amounts.payer, merchantID: resolved.merchant.id,
            approvalCode: approvalCode, route: trail.route, transferID: transferText,
            pacs008MessageID: pacs008ID, businessDate: businessDate.text)
        result.fxDisclosure = trail.quote
        let record = PaymentRecord(result: result, trail: trail, fingerprint: fingerprint, clearingItem: item, amounts: amounts,
                                   messages: messages, parties: parties, cardRequest: cardAuthorization?.request)
        do {
            try await store.save([record])
        } catch {
            // The money moved and is on the ledger under the payment id; the answer could not be kept. Say so.
            logger.error("payment \(id) booked as \(transferID) but its record was not saved: \(error)")
            return Self.rejected(id: id, reason: .systemError("booked but not recorded; retry with the same id"),
                                 amount: amounts.payee, businessDate: businessDate)
        }
        return (result, record)
    }

    /// Records and returns a decline, with its record when it was saved.
    func declined(
        id: String, fingerprint: String, trail startTrail: PaymentTrail, reason: DeclineReason, amount: Money,
        merchant: MerchantID?, route: PaymentRoute?, businessDate: ISODate, at ms: Int64
    ) async -> (result: PaymentResult, record: PaymentRecord?) {
        var trail = startTrail
        trail.record("decline", at: ms, reason.description)
        let result = PaymentResult(
            paymentID: id, status: .declined, responseCode: reason.iso8583Code, iso20022Status: "RJCT", declineReason: reason,
            merchantAmount: amount, payerAmount: nil, merchantID: merchant, approvalCode: nil, route: route?.description,
            transferID: nil, pacs008MessageID: nil, businessDate: businessDate.text)
        let record = PaymentRecord(result: result, trail: trail, fingerprint: fingerprint, clearingItem: nil,
                                   amounts: nil, messages: [], parties: nil)
        do {
            try await store.save([record])
        } catch {
            logger.error("decline of \(id) not recorded: \(error)")
            return (result, nil)
        }
        return (result, record)
    }

    /// ``rejectResult(id:reason:amount:businessDate:)`` with no record (nothing is saved for it).
    static func rejected(id: String, reason: DeclineReason, amount: Money, businessDate: ISODate)
        -> (result: PaymentResult, record: PaymentRecord?)
    {
        (rejectResult(id: id, reason: reason, amount: amount, businessDate: businessDate), nil)
    }

    static func rejectResult(id: String, reason: DeclineReason, amount: Money, businessDate: ISODate) -> PaymentResult {
        PaymentResult(paymentID: id, status: .declined, responseCode: reason.iso8583Code, iso20022Status: "RJCT",
                      declineReason: reason, merchantAmount: amount, payerAmount: nil, merchantID: nil, approvalCode: nil,
                      route: nil, transferID: nil, pacs008MessageID: nil, businessDate: businessDate.text)
    }

    /// A payment, refund or reversal id: 1–32 ASCII letters, digits, `.`, `_` or `-` (it becomes an ISO 20022
    /// end-to-end id, at most 35 characters, with room for a refund suffix).
    static func isValidID(_ id: String) -> Bool {
        (1...32).contains(id.utf8.count) && id.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2E || byte == 0x5F || byte == 0x2D
        }
    }

    static func requestAmount(_ request: PaymentRequest) -> Money {
        switch request.instrument {
        case .card(let card): card.amount
        case .qr(let qr): qr.amount ?? Money.zero(Currency(alphaCode: "XXX") ?? Currency(alphaCode: "USD")!)
        case .wallet(let wallet): wallet.amount ?? Money.zero(Currency(alphaCode: "RUB")!)
        }
    }

    static func describe(_ request: PaymentRequest, token: CardToken?) -> String {
        switch request.instrument {
        case .card(let card):
            "card \(card.pan.masked) (\(card.pan.scheme.rawValue)\(token.map { ", token \($0.token)" } ?? "")) "
                + "\(card.present ? "present" : "not present") at \(card.merchant) for \(card.amount)\(card.dcc ? ", DCC" : "")"
        case .qr(let qr):
            "QR by \(qr.payer.bank)/\(qr.payer.reference)\(qr.amount.map { " for \($0)" } ?? "")"
        case .wallet(let wallet):
            "QR by digital-ruble wallet \(wallet.wallet)\(wallet.amount.map { " for \($0)" } ?? "")"
        }
    }
}
