import CorridorCore
import CorridorISO20022
import CorridorISO8583
import CorridorIssuer
import CorridorLedger
import Foundation

extension Gateway {
    /// Refunds a payment in full or in part (the merchant gives money back): the booking's legs run backwards,
    /// scaled to the refunded share, a card is credited through the issuer (0200, processing code 20) and a
    /// cross-border payment is returned with a pacs.004. Idempotent by `refundID`.
    public func refund(paymentID: String, amount: Money? = nil, refundID: String? = nil) async throws -> PaymentResult {
        try await undo(paymentID: paymentID, amount: amount, id: refundID, kind: .refund)
    }

    /// Reverses (cancels) a payment in full before its day is cleared: the booking runs backwards and a card
    /// authorization is reversed with a 0400. Idempotent by `reversalID`.
    public func reverse(paymentID: String, reversalID: String? = nil) async throws -> PaymentResult {
        try await undo(paymentID: paymentID, amount: nil, id: reversalID, kind: .reversal)
    }

    private func undo(paymentID: String, amount requested: Money?, id: String?, kind: ClearingItem.Kind) async throws -> PaymentResult {
        // One refund or reversal of a payment at a time: each must see the amount the previous one left.
        let lock = "undo/" + paymentID
        guard inFlight.withLock({ $0.insert(lock).inserted }) else {
            throw GatewayError.refundRefused(paymentID: paymentID, reason: "another refund or reversal of it is being decided; retry")
        }
        defer { inFlight.withLock { _ = $0.remove(lock) } }
        guard var original = try await store.record(paymentID) else { throw GatewayError.paymentUnknown(paymentID) }
        let defaultID = "\(paymentID)-\(kind == .refund ? "R" : "X")\(original.trail.events.filter { $0.step == kind.rawValue }.count + 1)"
        let operationID = id ?? (Self.isValidID(defaultID) ? defaultID : (kind == .refund ? "R-" : "X-") + uniqueSuffix(16))
        guard Self.isValidID(operationID) else {
            throw GatewayError.refundRefused(paymentID: paymentID, reason: "id \(operationID) must be 1–32 of A–Z a–z 0–9 . _ -")
        }
        if let existing = try await store.record(operationID) {
            guard existing.clearingItem?.originalPaymentID == paymentID else { throw GatewayError.idReused(operationID) }
            return existing.result
        }
        guard original.result.status == .approved || original.result.status == .refunded,
            let amounts = original.amounts, let parties = original.parties, let item = original.clearingItem
        else { throw GatewayError.refundRefused(paymentID: paymentID, reason: "it is \(original.result.status.rawValue)") }
        let remaining = amounts.payee.minorUnits - original.refundedMinorUnits
        let refundAmount = requested ?? Money(minorUnits: remaining, currency: amounts.payee.currency)
        guard refundAmount.currency == amounts.payee.currency, refundAmount.minorUnits > 0, refundAmount.minorUnits <= remaining else {
            throw GatewayError.refundRefused(paymentID: paymentID, reason: "\(refundAmount) is not within the \(Money(minorUnits: remaining, currency: amounts.payee.currency)) left")
        }
        if kind == .reversal, original.refundedMinorUnits > 0 {
            throw GatewayError.refundRefused(paymentID: paymentID, reason: "it is partly refunded; refund the rest instead")
        }
        let now = clock.now()
        let nowMs = now.unixMilliseconds
        let businessDate = self.businessDate(at: now)
        let scaled = amounts.refundShare(refundAmount, alreadyRefunded: original.refundedMinorUnits)
        var booking = PaymentBooking.legs(scaled, parties, reversed: true)
        if kind == .refund, original.trail.instrument == .card, let token = original.trail.card {
            // The issuer credits the card with the payer's share (a refund posts on the card, not as a reversal).
            booking.legs.append(TransferLeg(debit: parties.payerFunds, credit: IssuerLedgerAccounts.cardAccount(token: token.token),
                                            amount: scaled.payer))
        }
        let transferID = GatewayAccounts.transferID("\(kind.rawValue)/\(operationID)")
        var trail = PaymentTrail(paymentID: operationID, request: "\(kind.rawValue) of \(paymentID) for \(refundAmount)")
        let outcome = try await poster.post(Transfer(
            id: transferID, kind: .single, legs: booking.legs,
            userData: TransferUserData(paymentID: String(operationID.prefix(TransferUserData.fieldLengthMax)), rail: kind.rawValue,
                                       reference: String(paymentID.prefix(TransferUserData.fieldLengthMax)))))
        switch outcome {
        case .committed: break
        case .rejected(let reason):
            throw GatewayError.refundRefused(paymentID: paymentID, reason: "ledger: \(reason)")
        }
        trail.ledgerTransfers.append(transferID.description)
        trail.record("post", at: nowMs, "transfer \(transferID) with \(booking.legs.count) legs")

        // A card reversal goes to the issuer (0400 naming the original in field 90; no PAN needed), which returns the
        // debit itself; a card refund was credited to the card in the transfer above.
        if kind == .reversal, let issuer, var reversal = original.cardRequest {
            let originalData = Self.originalData(of: reversal)
            reversal.mti = "0400"
            reversal[text: 90] = originalData
            reversal[text: 11] = Self.stan(ids)
            let response = await issuer.host.respond(to: reversal)
            trail.iso8583.append(MessageSpec.ascii1987.describe(reversal))
            if let response { trail.iso8583.append(MessageSpec.ascii1987.describe(response)) }
            trail.record("authorize", at: nowMs, "0400 → \(response?[text: 39] ?? "no answer")")
        }

        var messages: [EmittedMessage] = []
        let directory = self.directory
        if kind == .refund, let payerBank = directory.participant(parties.payerBank), let acquirer = directory.participant(parties.acquirer),
            let pacs004 = try? returnMessage(original: original, refundID: operationID, amount: refundAmount, payerBank: payerBank,
                                             acquirer: acquirer, at: now, businessDate: businessDate, reason: "CUST")
        {
            trail.iso20022Messages.append(pacs004.messageID)
            messages.append(pacs004)
            trail.record("message", at: nowMs, "pacs.004 \(pacs004.messageID)")
        }
        let undoItem = ClearingItem(
            id: operationID, originalPaymentID: paymentID, kind: kind, businessDate: businessDate, bookedAt: now,
            obligations: booking.obligations, payeeAmount: scaled.payee, payerAmount: scaled.payer,
            payerParticipant: item.payerParticipant, payeeParticipant: item.payeeParticipant, merchantID: item.merchantID,
            transferID: transferID.description, endToEndID: operationID, messageID: messages.first?.messageID)
        let result = PaymentResult(
            paymentID: operationID, status: .approved, responseCode: "00", iso20022Status: "ACSP", declineReason: nil,
            merchantAmount: scaled.payee, payerAmount: scaled.payer, merchantID: item.merchantID, approvalCode: nil,
            route: original.result.route, transferID: transferID.description, pacs008MessageID: nil, businessDate: businessDate.text)
        original.refundedMinorUnits += refundAmount.minorUnits
        original.result.status = kind == .reversal ? .reversed : .refunded
        original.trail.record(kind.rawValue, at: nowMs, "\(operationID): \(refundAmount)")
        try await store.save([
            PaymentRecord(result: result, trail: trail, fingerprint: "\(kind.rawValue)|\(paymentID)|\(refundAmount)",
                          clearingItem: undoItem, amounts: scaled, messages: messages, parties: parties),
            original,
        ])
        return result
    }
}
