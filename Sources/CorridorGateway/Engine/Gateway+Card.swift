import CorridorCore
import CorridorISO20022
import CorridorISO8583
import CorridorIssuer
import Foundation

/// What the issuer answered for a card payment, kept to complete or reverse it.
struct CardAuthorization: Sendable {
    let request: IsoMessage
    let approvalCode: String?
    /// True for a card-not-present hold (0100) that a 0220 completes once the payment is booked.
    let isHold: Bool
}

extension Gateway {
    /// Step 5 for cards: an ISO 8583 request to the issuer host — 0200 (financial, card present) or 0100 (a hold,
    /// card not present; completed by 0220 after the booking) — with the scheme's billing amount in fields 6/51.
    func authorizeCard(
        _ card: ResolvedCard, resolved: ResolvedPayment, payerAmount: Money, dccHome: Money?, paymentID: String,
        trail: inout PaymentTrail, at now: Date
    ) async -> Result<CardAuthorization, DeclineReason> {
        guard let issuer else { return .failure(.notPermitted("no issuer host for cards")) }
        let details = card.details
        let civil = CivilDate(unixMilliseconds: now.unixMilliseconds)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let transmission = pad(civil.month, 2) + pad(civil.day, 2) + pad(civil.hour, 2) + pad(civil.minute, 2) + pad(civil.second, 2)
        var request = IsoMessage(mti: details.present ? "0200" : "0100")
        request[text: 2] = details.pan.unmaskedDigits
        request[text: 3] = "000000"
        // The transaction amount: the merchant's price, or the home-currency price the tourist chose (DCC).
        let transaction = dccHome ?? resolved.payeeAmount
        request[text: 4] = pad(Int(transaction.minorUnits), 12)
        if transaction.currency != resolved.payerCurrency {
            request[text: 6] = pad(Int(payerAmount.minorUnits), 12)
            request[text: 51] = pad(resolved.payerCurrency.numericCode, 3)
        }
        request[text: 7] = transmission
        request[text: 11] = Self.stan(ids)
        request[text: 12] = pad(civil.hour, 2) + pad(civil.minute, 2) + pad(civil.second, 2)
        request[text: 13] = pad(civil.month, 2) + pad(civil.day, 2)
        request[text: 14] = details.expiry
        request[text: 18] = resolved.merchant.mcc.text
        request[text: 22] = details.present ? "071" : "812"
        request[text: 32] = Self.acquirerCode(resolved.acquirer)
        request[text: 41] = resolved.merchant.terminalID
        request[text: 42] = resolved.merchant.cardAcceptorID.padding(toLength: 15, withPad: " ", startingAt: 0)
        request[text: 43] = Self.nameLocation(resolved.merchant)
        request[text: 49] = pad(transaction.currency.numericCode, 3)
        let spec = MessageSpec.ascii1987
        trail.iso8583.append(spec.describe(request))
        guard let response = await issuer.host.respond(to: request) else {
            // No answer (a dropped response): reverse whatever the issuer may have done, then decline.
            var reversal = request
            reversal.mti = "0400"
            reversal[text: 90] = Self.originalData(of: request)
            reversal[text: 11] = Self.stan(ids)
            _ = await issuer.host.respond(to: reversal)
            trail.iso8583.append(spec.describe(reversal))
            trail.record("authorize", at: now.unixMilliseconds, "no answer from the issuer; reversal sent")
            return .failure(DeclineReason(iso8583Code: "91", iso20022Code: "AB07", text: "issuer did not answer; reversed"))
        }
        trail.iso8583.append(spec.describe(response))
        let code = response[text: 39] ?? "96"
        trail.record("authorize", at: now.unixMilliseconds, "\(request.mti) → \(response.mti) \(code)")
        guard code == "00" else {
            let known = IssuerResponseCode(rawValue: code)
            return .failure(DeclineReason(iso8583Code: code, iso20022Code: known?.iso20022Reason ?? "MS03",
                                          text: "issuer: \(known?.meaning ?? "declined")"))
        }
        return .success(CardAuthorization(request: request, approvalCode: response[text: 38], isHold: !details.present))
    }

    /// Completes a card-not-present hold once the payment is booked (0220, full amount).
    func completeCard(_ authorization: CardAuthorization?, trail: inout PaymentTrail, at now: Date) async {
        guard let authorization, authorization.isHold, let issuer else { return }
        var completion = authorization.request
        completion.mti = "0220"
        completion[text: 90] = Self.originalData(of: authorization.request)
        completion[text: 11] = Self.stan(ids)
        let response = await issuer.host.respond(to: completion)
        trail.iso8583.append(MessageSpec.ascii1987.describe(completion))
        if let response { trail.iso8583.append(MessageSpec.ascii1987.describe(response)) }
        trail.record("complete", at: now.unixMilliseconds, "0220 → \(response?[text: 39] ?? "no answer")")
    }

    /// Reverses a card authorization whose booking failed (0400), so the card gets its money back.
    func reverseCard(_ authorization: CardAuthorization?, trail: inout PaymentTrail, at now: Date) async {
        guard let authorization, let issuer else { return }
        var reversal = authorization.request
        reversal.mti = "0400"
        reversal[text: 90] = Self.originalData(of: authorization.request)
        reversal[text: 11] = Self.stan(ids)
        let response = await issuer.host.respond(to: reversal)
        trail.iso8583.append(MessageSpec.ascii1987.describe(reversal))
        if let response { trail.iso8583.append(MessageSpec.ascii1987.describe(response)) }
        trail.record("reverse", at: now.unixMilliseconds, "0400 → \(response?[text: 39] ?? "no answer")")
    }

    /// A systems trace audit number (field 11): six digits.
    static func stan(_ ids: IdentifierGenerator) -> String {
        // From a fresh UUID rather than a counter: two CLI processes on one ledger must not reuse a trace number.
        let uuid = ids.uuid().uuid
        let value = (UInt32(uuid.12) << 24 | UInt32(uuid.13) << 16 | UInt32(uuid.14) << 8 | UInt32(uuid.15)) % 1_000_000
        let text = String(value)
        return String(repeating: "0", count: 6 - text.count) + text
    }

    /// Field 90: original MTI, STAN, transmission time, acquirer (11, zero-padded), forwarding institution (11 zeros).
    static func originalData(of request: IsoMessage) -> String {
        let acquirer = request[text: 32] ?? ""
        return request.mti + (request[text: 11] ?? "000000") + (request[text: 7] ?? "0000000000")
            + String(repeating: "0", count: max(0, 11 - acquirer.count)) + acquirer + String(repeating: "0", count: 11)
    }

    /// Field 32: the acquirer's numeric institution code (its BIK, CNAPS or a number derived from its BIC).
    static func acquirerCode(_ participant: Participant) -> String {
        if let digits = participant.bik ?? participant.cnaps { return String(digits.prefix(11)) }
        var value: UInt64 = 1469598103934665603
        for byte in participant.bic.text.utf8 { value = (value ^ UInt64(byte)) &* 1099511628211 }
        return String(value % 100_000_000_000)
    }

    /// Field 43: 40 characters of name and city in Latin letters.
    static func nameLocation(_ merchant: Merchant) -> String {
        let text = "\(merchant.name) \(merchant.city) \(merchant.country.alpha2)"
        let latin = String(Transliterator().latin(text).unicodeScalars.map { $0.isASCII && $0.value >= 0x20 ? Character($0) : "?" })
        return latin.padding(toLength: 40, withPad: " ", startingAt: 0)
    }
}
