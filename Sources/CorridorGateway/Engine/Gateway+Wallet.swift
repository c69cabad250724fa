import CorridorCBDC
import CorridorCore
import CorridorISO20022
import Foundation

extension Gateway {
    /// A merchant code scanned by a digital-ruble wallet: resolved and screened like any payment, then paid on the
    /// digital-ruble platform (C2B, the merchant's capped fee to its bank). It settles at once in central-bank
    /// money, so it creates no interbank obligation and no clearing item.
    func submitFromWallet(
        _ details: WalletPaymentDetails, id: String, fingerprint: String, trail startTrail: PaymentTrail, now: Date,
        businessDate: ISODate
    ) async -> (result: PaymentResult, record: PaymentRecord?) {
        var trail = startTrail
        trail.qrPayload = details.payload
        let nowMs = now.unixMilliseconds
        let requested = details.amount ?? Money.zero(Currency(alphaCode: "RUB")!)
        func decline(_ reason: DeclineReason, amount: Money, merchant: MerchantID?, route: PaymentRoute?) async
            -> (result: PaymentResult, record: PaymentRecord?)
        {
            await declined(id: id, fingerprint: fingerprint, trail: trail, reason: reason, amount: amount, merchant: merchant,
                           route: route, businessDate: businessDate, at: nowMs)
        }
        guard let cbdc else {
            return await decline(.notPermitted("no digital-ruble platform is connected"), amount: requested, merchant: nil, route: nil)
        }
        let directory = self.directory
        let scanned: ScannedMerchant
        switch scan(details.payload, typedAmount: details.amount, directory: directory, trail: &trail, at: nowMs) {
        case .success(let value): scanned = value
        case .failure(let reason): return await decline(reason, amount: requested, merchant: nil, route: nil)
        }
        trail.instrument = .cbdcWallet
        let merchant = scanned.merchant
        guard merchant.instruments.contains(.cbdcWallet), let merchantWallet = merchant.cbdcWallet else {
            return await decline(.notPermitted("merchant \(merchant.id) does not take digital rubles"), amount: scanned.amount,
                                 merchant: merchant.id, route: nil)
        }
        guard let payer = await cbdc.wallet(details.wallet), let acquirer = directory.participant(merchant.acquirer) else {
            return await decline(.payerUnknown("unknown wallet \(details.wallet)"), amount: scanned.amount, merchant: merchant.id,
                                 route: nil)
        }
        let home = Country(code: "RU")!
        let route = PaymentRoute(corridor: PaymentCorridor(payerCountry: home, payeeCountry: merchant.country),
                                 rail: .digitalRuble, system: .digitalRuble, networks: [])
        trail.route = route.description
        trail.payerName = payer.name
        trail.merchantName = merchant.name
        trail.record("resolve", at: nowMs, "merchant \(merchant.id) wallet \(merchantWallet); payer wallet \(payer.id) at \(payer.servicingBank)")

        let screening = screener.screen(
            [ScreeningSubject(name: payer.name, role: .payer, country: home),
             ScreeningSubject(name: merchant.name, role: .payee, country: merchant.country),
             ScreeningSubject(name: acquirer.name, role: .payeeBank, country: acquirer.country)],
            payerKey: "wallet/" + payer.id, corridor: route.corridor, amount: scanned.amount, at: now)
        trail.screening = screening.reason
        trail.record("screen", at: nowMs, screening.reason)
        guard case .clear = screening.decision else {
            return await decline(DeclineReason(iso8583Code: screening.iso8583ResponseCode, iso20022Code: screening.iso20022Reason ?? "RR04",
                                               text: "declined by compliance screening"),
                                 amount: scanned.amount, merchant: merchant.id, route: route)
        }
        let paid = await cbdc.pay(CBDCPaymentRequest(id: id, kind: .c2b, payer: payer.id, payee: merchantWallet,
                                                     amount: scanned.amount, reference: merchant.id))
        trail.record("post", at: nowMs, "digital-ruble platform: \(paid.responseCode) \(paid.transferID ?? "")")
        guard paid.isApproved, let transfer = paid.transferID else {
            screener.release(payerKey: "wallet/" + payer.id, corridor: route.corridor, amount: scanned.amount, at: now)
            let reason = paid.declineReason.map {
                DeclineReason(iso8583Code: $0.iso8583Code, iso20022Code: $0.iso20022Code, text: "digital-ruble platform: \($0)")
            } ?? .systemError("digital-ruble platform declined")
            return await decline(reason, amount: scanned.amount, merchant: merchant.id, route: route)
        }
        trail.ledgerTransfers.append(transfer)
        let result = PaymentResult(
            paymentID: id, status: .approved, responseCode: "00", iso20022Status: "ACSC", declineReason: nil,
            merchantAmount: scanned.amount, payerAmount: scanned.amount, merchantID: merchant.id, approvalCode: nil,
            route: trail.route, transferID: transfer, pacs008MessageID: nil, businessDate: businessDate.text)
        let record = PaymentRecord(result: result, trail: trail, fingerprint: fingerprint, clearingItem: nil,
                                   amounts: nil, messages: [], parties: nil)
        do {
            try await store.save([record])
        } catch {
            logger.error("wallet payment \(id) paid as \(transfer) but its record was not saved: \(error)")
            return Self.rejected(id: id, reason: .systemError("paid but not recorded; retry with the same id"),
                                 amount: scanned.amount, businessDate: businessDate)
        }
        return (result, record)
    }
}
