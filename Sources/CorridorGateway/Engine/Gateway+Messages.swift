import CorridorCore
import CorridorISO20022
import Foundation

extension Gateway {
    /// A message id (Max35Text): kind, business date and ten characters of a fresh (seeded or random) UUID, e.g.
    /// `P008-20260101-3F2A9C01BE`, unique across processes that share a ledger.
    func messageID(_ kind: String, _ date: ISODate) -> String {
        "\(kind)-\(date.year)\(date.month < 10 ? "0" : "")\(date.month)\(date.day < 10 ? "0" : "")\(date.day)-" + uniqueSuffix(10)
    }

    /// Upper-case hex characters from a fresh UUID (at most 32).
    func uniqueSuffix(_ count: Int) -> String {
        let uuid = ids.uuid().uuid
        let hex = Array("0123456789ABCDEF".utf8)
        return withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: min(count, 32)) { buffer in
                for index in 0..<min(count, 32) {
                    let byte = bytes[index / 2]
                    buffer[index] = hex[Int(index % 2 == 0 ? byte >> 4 : byte & 0x0F)]
                }
                return min(count, 32)
            }
        }
    }

    /// Step 7: the pacs.008 for a cross-border payment (payer's bank → acquirer, settled in the merchant's currency,
    /// instructed in the payer's) and the acquirer's pacs.002 ACSP answer.
    func paymentMessages(id: String, resolved: ResolvedPayment, amounts: BookingAmounts, at now: Date, businessDate: ISODate)
        throws(ISO20022Error) -> (pacs008: EmittedMessage, pacs002: EmittedMessage)
    {
        let created = ISODateTime(now)
        let uetr = try UETR(ids.uuid())
        let payerAgent = FinancialInstitution(bic: resolved.payerBank.bic)
        let payeeAgent = FinancialInstitution(bic: resolved.acquirer.bic)
        let converted = amounts.payer.currency != amounts.payee.currency
        let transaction = CreditTransferTransaction(
            instructionId: id, endToEndId: id, transactionId: id, uetr: uetr,
            interbankSettlementAmount: amounts.payee, interbankSettlementDate: businessDate,
            instructedAmount: converted ? amounts.payer : nil,
            exchangeRate: converted ? Self.rateText(amounts.payee, per: amounts.payer) : nil,
            chargeBearer: .shared, instructingAgent: payerAgent, instructedAgent: payeeAgent,
            debtor: Party(name: resolved.payerName, countryOfResidence: resolved.payerCountry),
            debtorAccount: nil, debtorAgent: payerAgent, creditorAgent: payeeAgent,
            creditor: Party(name: resolved.merchant.name, countryOfResidence: resolved.merchant.country),
            creditorAccount: CashAccount(identification: .other(id: resolved.merchant.id, schemeCode: nil)),
            remittanceInformation: ["Corridor \(resolved.kind.rawValue) payment \(id), \(resolved.merchant.name), \(resolved.merchant.city)"])
        let pacs008 = CustomerCreditTransfer(
            groupHeader: GroupHeader(messageId: messageID("P008", businessDate), creationDateTime: created,
                                     settlementInstruction: SettlementInstruction(method: .instructedAgent)),
            transactions: [transaction])
        let status = PaymentStatusReport(
            messageId: messageID("P002", businessDate), creationDateTime: created,
            transactionStatuses: [PaymentTransactionStatus(
                originalGroup: OriginalGroupReference(messageId: pacs008.messageIdentifier,
                                                      messageNameId: CustomerCreditTransfer.messageDefinition.identifier,
                                                      creationDateTime: created),
                originalInstructionId: id, originalEndToEndId: id, originalTransactionId: id, originalUETR: uetr,
                status: .acceptedSettlementInProcess, acceptanceDateTime: created,
                instructingAgent: payeeAgent, instructedAgent: payerAgent)])
        return (.pacs008(BusinessMessage(from: resolved.payerBank.bic, to: resolved.acquirer.bic, creationDate: created, document: pacs008)),
                .pacs002(BusinessMessage(from: resolved.acquirer.bic, to: resolved.payerBank.bic, creationDate: created, document: status)))
    }

    /// The pacs.004 returning (part of) a cross-border payment: acquirer → payer's bank.
    func returnMessage(
        original: PaymentRecord, refundID: String, amount: Money, payerBank: Participant, acquirer: Participant,
        at now: Date, businessDate: ISODate, reason: String
    ) throws(ISO20022Error) -> EmittedMessage? {
        guard case .pacs008(let sent)? = original.messages.first(where: { if case .pacs008 = $0 { true } else { false } }),
            let transaction = sent.document.transactions.first
        else { return nil }
        let created = ISODateTime(now)
        let payerAgent = FinancialInstitution(bic: payerBank.bic)
        let payeeAgent = FinancialInstitution(bic: acquirer.bic)
        let document = PaymentReturn(
            groupHeader: GroupHeader(messageId: messageID("P004", businessDate), creationDateTime: created,
                                     settlementInstruction: SettlementInstruction(method: .instructedAgent)),
            transactions: [PaymentReturnTransaction(
                returnId: refundID,
                originalGroup: OriginalGroupReference(messageId: sent.document.messageIdentifier,
                                                      messageNameId: CustomerCreditTransfer.messageDefinition.identifier,
                                                      creationDateTime: sent.document.groupHeader.creationDateTime),
                originalInstructionId: transaction.instructionId, originalEndToEndId: transaction.endToEndId,
                originalTransactionId: transaction.transactionId, originalUETR: transaction.uetr,
                originalInterbankSettlementAmount: transaction.interbankSettlementAmount,
                originalInterbankSettlementDate: transaction.interbankSettlementDate,
                returnedInterbankSettlementAmount: amount, interbankSettlementDate: businessDate, chargeBearer: .shared,
                instructingAgent: payeeAgent, instructedAgent: payerAgent,
                reasons: [ReasonInformation(.code(reason))])])
        return .pacs004(BusinessMessage(from: acquirer.bic, to: payerBank.bic, creationDate: created, document: document))
    }

    /// Units of `settled` per one unit of `instructed`, as major-unit decimal text (XchgRate, a BaseOneRate: at most
    /// 11 digits, 10 of them after the point), rounded half up.
    static func rateText(_ settled: Money, per instructed: Money) -> String {
        // (settled / 10^es) / (instructed / 10^ei) = settled * 10^ei / (instructed * 10^es)
        var numerator = Int128(settled.minorUnits), denominator = Int128(instructed.minorUnits)
        for _ in 0..<instructed.currency.exponent { numerator *= 10 }
        for _ in 0..<settled.currency.exponent { denominator *= 10 }
        guard denominator > 0, numerator > 0 else { return "0" }
        let wholeDigits = String(numerator / denominator).count
        let decimals = max(0, min(10, 11 - wholeDigits))
        var scale: Int128 = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (numerator * scale + denominator / 2) / denominator
        let whole = scaled / scale, fraction = String(scaled % scale)
        guard decimals > 0 else { return "\(whole)" }
        var text = "\(whole)." + String(repeating: "0", count: decimals - fraction.count) + fraction
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
