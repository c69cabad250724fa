import CorridorCore
import CorridorIssuer
import CorridorLedger
import CorridorMerchantQR

extension Gateway {
    /// Steps 1–2: parses the QR payload or the card, finds the merchant, its acquirer and the payer's bank.
    func resolve(_ request: PaymentRequest, token: CardToken?, trail: inout PaymentTrail, at ms: Int64)
        -> Result<ResolvedPayment, DeclineReason>
    {
        let directory = self.directory
        switch request.instrument {
        case .card(let card):
            trail.instrument = .card
            trail.card = token
            guard let issuer, let token else { return .failure(.notPermitted("no issuer host for cards")) }
            guard let merchant = directory.merchant(card.merchant) else {
                return .failure(.merchantUnknown("unknown merchant \(card.merchant)"))
            }
            guard merchant.instruments.contains(.card) else {
                return .failure(.notPermitted("merchant \(merchant.id) does not take cards"))
            }
            guard card.amount.currency == merchant.currency, card.amount.minorUnits > 0 else {
                return .failure(.format("amount \(card.amount) must be positive and in \(merchant.currency.alphaCode)"))
            }
            if let cvv = card.cvv, !(3...4).contains(cvv.count) || !cvv.allSatisfy(\.isASCII) || Int(cvv) == nil {
                return .failure(.format("CVV must be 3 or 4 digits"))
            }
            guard let issued = issuer.portfolio.cards[token.token] else {
                return .failure(DeclineReason(iso8583Code: "14", iso20022Code: "AC01", text: "card …\(token.lastFour) is not issued by a known issuer"))
            }
            guard let system = PaymentSystem(scheme: token.scheme), let issuerBank = directory.participant(issued.issuerID),
                let acquirer = directory.participant(merchant.acquirer)
            else { return .failure(.notPermitted("card scheme or issuer not served")) }
            trail.record("parse", at: ms, "card …\(token.lastFour) \(token.scheme.rawValue), issuer \(issued.issuerID)")
            return .success(ResolvedPayment(
                kind: .card, merchant: merchant, acquirer: acquirer, payerBank: issuerBank, payerCurrency: issued.currency,
                payerName: "Cardholder …\(token.lastFour)", payerCountry: issuerBank.country, payerKey: token.token,
                payerFunds: IssuerLedgerAccounts.settlementAccount(issuer: issued.issuerID, currency: issued.currency),
                payeeAmount: card.amount, cardSystem: system, card: ResolvedCard(details: card, token: token)))

        case .qr(let qr):
            trail.qrPayload = qr.payload
            let scanned: ScannedMerchant
            switch scan(qr.payload, typedAmount: qr.amount, directory: directory, trail: &trail, at: ms) {
            case .success(let value): scanned = value
            case .failure(let reason): return .failure(reason)
            }
            let (merchant, kind, amount) = (scanned.merchant, scanned.kind, scanned.amount)
            guard merchant.instruments.contains(kind) else {
                return .failure(.notPermitted("merchant \(merchant.id) does not take \(kind.rawValue)"))
            }
            guard let customer = directory.customer(bank: qr.payer.bank, reference: qr.payer.reference),
                let bank = directory.participant(qr.payer.bank), let acquirer = directory.participant(merchant.acquirer)
            else { return .failure(.payerUnknown("unknown payer \(qr.payer.bank)/\(qr.payer.reference)")) }
            return .success(ResolvedPayment(
                kind: kind, merchant: merchant, acquirer: acquirer, payerBank: bank, payerCurrency: customer.currency,
                payerName: customer.name, payerCountry: customer.country, payerKey: customer.key,
                payerFunds: GatewayAccounts.customer(customer.reference, at: customer.bank, currency: customer.currency),
                payeeAmount: amount, cardSystem: nil, card: nil))
        case .wallet:
            return .failure(.notPermitted("wallet payments go to the digital-ruble platform"))
        }
    }

    /// A scanned code's merchant, how it is paid, and the amount (the code's, or the typed one for a static code).
    struct ScannedMerchant {
        let merchant: Merchant
        let kind: PaymentInstrumentKind
        let amount: Money
    }

    /// Decodes a scanned payload and finds its merchant and amount.
    func scan(_ payload: String, typedAmount: Money?, directory: GatewayDirectory, trail: inout PaymentTrail, at ms: Int64)
        -> Result<ScannedMerchant, DeclineReason>
    {
        let decoded: DecodedMerchantQR
        do {
            decoded = try MerchantQRDecoder.decode(payload)
        } catch {
            return .failure(.badQR("QR payload refused: \(error)"))
        }
        let kind: PaymentInstrumentKind
        var identifiers: [String] = []
        switch decoded.format {
        case .emv:
            kind = .emvQR
            for account in decoded.emv?.merchantAccounts ?? [] {
                if account.id < 26 {
                    identifiers.append(account.object.value)
                } else {
                    for sub in account.object.children ?? [] where sub.id != 0 { identifiers.append(sub.value) }
                }
            }
        case .sbp:
            kind = .sbpQR
            if let link = decoded.sbp { identifiers.append(link.identifier) }
        case .gost:
            kind = .gostTransfer
            if let order = decoded.gost { identifiers.append(order.personalAccount) }
        }
        trail.instrument = kind
        trail.record("parse", at: ms, "\(decoded.format) payload, \(payload.count) characters")
        guard let merchant = identifiers.lazy.compactMap({ directory.merchant(qrIdentifier: $0) }).first else {
            return .failure(.merchantUnknown("no merchant is known by this QR code"))
        }
        let amount: Money
        switch (decoded.amount, typedAmount) {
        case (let coded?, let typed?):
            guard coded == typed else { return .failure(.format("amount \(typed) differs from the code's \(coded)")) }
            amount = coded
        case (let coded?, nil): amount = coded
        case (nil, let typed?): amount = typed
        case (nil, nil): return .failure(.format("a static code needs an amount"))
        }
        guard amount.currency == merchant.currency, amount.minorUnits > 0 else {
            return .failure(.format("amount \(amount) must be positive and in \(merchant.currency.alphaCode)"))
        }
        return .success(ScannedMerchant(merchant: merchant, kind: kind, amount: amount))
    }
}
