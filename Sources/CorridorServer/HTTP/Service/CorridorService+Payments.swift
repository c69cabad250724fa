import CorridorCBDC
import CorridorCore
import CorridorGateway

extension CorridorService {
    /// Makes a card, bank-app QR or wallet QR payment through the gateway. A decline is a result (201 with status
    /// `declined`), not an error.
    ///
    /// Who may pay: a card payment is sent by the merchant's acquirer; a bank-app QR payment by the payer's bank;
    /// a wallet payment by a bank serving the wallet; the operator sends any.
    /// - Throws: 400/422 naming the field, 404 when the caller may not act for the merchant, bank or wallet.
    public func pay(_ body: APIPaymentRequest, for caller: HTTPCaller) async throws -> (PaymentResult, PaymentRecord?) {
        let given = [body.card != nil, body.qr != nil, body.wallet != nil].filter { $0 }.count
        guard given == 1 else { throw HTTPProblem.unprocessable("give exactly one of card, qr, wallet", field: "card") }
        if let id = body.id, !Self.isValidPaymentID(id) {
            throw HTTPProblem.unprocessable("1–32 of A–Z a–z 0–9 . _ -", field: "id")
        }
        let request: PaymentRequest
        if let card = body.card {
            let pan: PrimaryAccountNumber
            do { pan = try PrimaryAccountNumber(card.pan) } catch {
                logger.info(
                    "card number refused", metadata: ["caller": .string(caller.description), "field": "card.pan"])
                throw HTTPProblem.unprocessable("not a valid card number", field: "card.pan")
            }
            guard card.expiry.utf8.count == 4, card.expiry.allSatisfy(\.isASCII), card.expiry.allSatisfy(\.isNumber)
            else {
                throw HTTPProblem.unprocessable("YYMM", field: "card.expiry")
            }
            if let cvv = card.cvv, !(3...4).contains(cvv.count) || !cvv.allSatisfy({ $0.isASCII && $0.isNumber }) {
                throw HTTPProblem.unprocessable("3 or 4 digits", field: "card.cvv")
            }
            let merchant = try merchant(card.merchant, for: caller)
            request = .card(
                CardPaymentDetails(
                    pan: pan, expiry: card.expiry, cvv: card.cvv, present: card.present ?? true, merchant: merchant.id,
                    amount: try card.amount.positiveMoney(field: "card.amount"), dcc: card.dcc ?? false),
                id: body.id, quoteID: body.quoteId)
        } else if let qr = body.qr {
            guard caller.mayAccess(qr.payer.bank), gateway.directory.participant(qr.payer.bank) != nil else {
                throw HTTPProblem.notFound("no bank \(qr.payer.bank)")
            }
            try Self.checkPayload(qr.payload, field: "qr.payload")
            request = .qr(
                QRPaymentDetails(
                    payload: qr.payload, payer: BankPayer(bank: qr.payer.bank, reference: qr.payer.reference),
                    amount: try qr.amount?.positiveMoney(field: "qr.amount")), id: body.id, quoteID: body.quoteId)
        } else if let wallet = body.wallet {
            let walletID = try await walletID(wallet.wallet, for: caller, field: "wallet.wallet")
            try Self.checkPayload(wallet.payload, field: "wallet.payload")
            request = .wallet(
                WalletPaymentDetails(
                    payload: wallet.payload, wallet: walletID,
                    amount: try wallet.amount?.positiveMoney(field: "wallet.amount")),
                id: body.id)
        } else {
            throw HTTPProblem.unprocessable("give exactly one of card, qr, wallet", field: "card")
        }
        // The record as the gateway saved it: reading it back would cost a query and a decode per payment.
        let (result, saved) = await gateway.submitRecorded(request)
        var record = saved
        if record == nil { record = try await gateway.record(result.paymentID) }
        // The card is described by its token and last four digits only (CardToken's description).
        logger.info(
            "payment decided",
            metadata: [
                "payment": .string(result.paymentID), "status": .string(result.status.rawValue),
                "code": .string(result.responseCode), "caller": .string(caller.description),
                "card": .string(record?.trail.card?.description ?? "-"),
            ])
        return (result, record)
    }

    /// An FX quote for paying `amount` (the merchant's currency) from `payerCurrency`, priced for the caller.
    /// - Throws: 422 naming the field when a currency is unknown or no rate connects the two.
    public func quote(_ body: APIQuoteRequest, for caller: HTTPCaller) throws -> FXQuote {
        let amount = try body.amount.positiveMoney(field: "amount")
        guard let payerCurrency = Currency(alphaCode: body.payerCurrency.uppercased()) else {
            throw HTTPProblem.unprocessable("unknown ISO 4217 currency", field: "payerCurrency")
        }
        let participant: String? = if case .participant(let id) = caller { id } else { nil }
        do {
            return try gateway.quote(amount: amount, payerCurrency: payerCurrency, participant: participant)
        } catch {
            throw HTTPProblem.unprocessable("\(error)", field: "payerCurrency")
        }
    }

    /// A payment, refund or reversal the caller is a party to.
    /// - Throws: 404 when there is none or the caller is not a party.
    public func payment(_ id: String, for caller: HTTPCaller) async throws -> PaymentRecord {
        guard Self.isValidPaymentID(id), let record = try await gateway.record(id),
            caller.mayAccessAny(parties(of: record))
        else {
            throw HTTPProblem.notFound("no payment \(id)")
        }
        return record
    }

    /// Refunds a payment (in part or in full); the merchant's acquirer or the operator asks.
    /// - Throws: 404 when the caller may not see it, 409 when it cannot be refunded, 422 for a refused amount.
    public func refund(_ id: String, _ body: APIRefundRequest, for caller: HTTPCaller) async throws -> (
        PaymentResult, PaymentRecord?
    ) {
        let record = try await payment(id, for: caller)
        try requireAcquirer(of: record, caller: caller)
        if let refundID = body.id, !Self.isValidPaymentID(refundID) {
            throw HTTPProblem.unprocessable("1–32 of A–Z a–z 0–9 . _ -", field: "id")
        }
        let amount = try body.amount?.positiveMoney(field: "amount")
        if let amount, amount.currency != record.result.merchantAmount.currency {
            throw HTTPProblem.unprocessable("refunds are in the merchant's currency", field: "amount.currency")
        }
        let result = try await gateway.refund(paymentID: id, amount: amount, refundID: body.id)
        return (result, try await gateway.record(result.paymentID))
    }

    /// Reverses (cancels) a payment before its day is cleared; the merchant's acquirer or the operator asks.
    /// - Throws: as ``refund(_:_:for:)``.
    public func reverse(_ id: String, _ body: APIReversalRequest, for caller: HTTPCaller) async throws -> (
        PaymentResult, PaymentRecord?
    ) {
        let record = try await payment(id, for: caller)
        try requireAcquirer(of: record, caller: caller)
        if let reversalID = body.id, !Self.isValidPaymentID(reversalID) {
            throw HTTPProblem.unprocessable("1–32 of A–Z a–z 0–9 . _ -", field: "id")
        }
        let result = try await gateway.reverse(paymentID: id, reversalID: body.id)
        return (result, try await gateway.record(result.paymentID))
    }

    /// The participants a payment record belongs to: its booking parties, else the merchant's acquirer.
    func parties(of record: PaymentRecord) -> [String] {
        var owners: [String] = []
        if let parties = record.parties {
            owners += [parties.payerBank, parties.acquirer]
        }
        if let merchant = record.result.merchantID.flatMap({ gateway.directory.merchant($0) }) {
            owners.append(merchant.acquirer)
        }
        return owners
    }

    private func requireAcquirer(of record: PaymentRecord, caller: HTTPCaller) throws(HTTPProblem) {
        let acquirer =
            record.parties?.acquirer ?? record.result.merchantID.flatMap { gateway.directory.merchant($0)?.acquirer }
        guard caller == .admin || acquirer.map(caller.mayAccess) == true else {
            throw .forbidden("only the merchant's acquirer refunds or reverses a payment")
        }
    }

    /// Gateway payment ids: 1–32 of `A–Z a–z 0–9 . _ -`.
    static func isValidPaymentID(_ id: String) -> Bool {
        (1...32).contains(id.utf8.count)
            && id.utf8.allSatisfy {
                (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || (0x30...0x39).contains($0)
                    || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D
            }
    }

    /// A scanned payload: 1–1024 characters.
    static func checkPayload(_ payload: String, field: String) throws(HTTPProblem) {
        guard (1...1024).contains(payload.utf8.count) else { throw .unprocessable("1–1024 characters", field: field) }
    }
}
