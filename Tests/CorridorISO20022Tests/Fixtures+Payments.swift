import CorridorCore
import CorridorISO20022

extension Fixtures {
    static let original = OriginalGroupReference(messageId: "CORRIDOR-20260101-0001", messageNameId: "pacs.008.001.08",
                                                 creationDateTime: created)

    static func statusReport(_ status: TransactionStatus, script: Script = .latin) -> PaymentStatusReport {
        let reasons = status == .rejected
            ? [ReasonInformation(.code("AM04"), additionalInformation: [script.remittance])] : []
        return PaymentStatusReport(
            messageId: "CORRIDOR-STS-0001", creationDateTime: created,
            transactionStatuses: [
                PaymentTransactionStatus(
                    originalGroup: original, originalInstructionId: "INSTR-1", originalEndToEndId: "E2E-1",
                    originalTransactionId: "TX-1", originalUETR: uetr, status: status, reasons: reasons,
                    acceptanceDateTime: status == .rejected ? nil : created,
                    effectiveSettlementDate: status == .acceptedSettlementCompleted ? settlementDate : nil,
                    instructingAgent: FinancialInstitution(bic: bankOfChina),
                    instructedAgent: FinancialInstitution(bic: sberbank))
            ])
    }

    static func paymentReturn(_ script: Script = .latin) -> PaymentReturn {
        PaymentReturn(
            groupHeader: GroupHeader(messageId: "CORRIDOR-RTR-0001", creationDateTime: created,
                                     settlementInstruction: SettlementInstruction(method: .instructedAgent)),
            transactions: [
                PaymentReturnTransaction(
                    returnId: "RTR-1", originalGroup: original, originalInstructionId: "INSTR-1",
                    originalEndToEndId: "E2E-1", originalTransactionId: "TX-1", originalUETR: uetr,
                    originalInterbankSettlementAmount: Money(minorUnits: 123_456, currency: .cny),
                    originalInterbankSettlementDate: settlementDate,
                    returnedInterbankSettlementAmount: Money(minorUnits: 123_456, currency: .cny),
                    interbankSettlementDate: ISODate(year: 2026, month: 1, day: 2)!, chargeBearer: .shared,
                    instructingAgent: FinancialInstitution(bic: bankOfChina),
                    instructedAgent: FinancialInstitution(bic: sberbank),
                    reasons: [ReasonInformation(.code("CUST"), additionalInformation: [script.remittance])])
            ])
    }

    static func financialInstitutionTransfer(_ script: Script = .latin) -> FinancialInstitutionCreditTransfer {
        let debtorName = script == .latin ? "Sberbank & Co <Net>" : script == .cyrillic ? "ПАО Сбербанк" : "中国银行"
        return FinancialInstitutionCreditTransfer(
            groupHeader: GroupHeader(messageId: "CORRIDOR-NET-20260101-CNY", creationDateTime: created,
                                     settlementInstruction: SettlementInstruction(method: .clearingSystem,
                                                                                  clearingSystemCode: "CIS")),
            transactions: [
                FinancialInstitutionCreditTransferTransaction(
                    instructionId: "NET-CNY-1", endToEndId: "NET-CNY-1", uetr: uetr,
                    interbankSettlementAmount: Money(minorUnits: 98_765_432_100, currency: .cny),
                    interbankSettlementDate: settlementDate, instructingAgent: FinancialInstitution(bic: sberbank),
                    instructedAgent: FinancialInstitution(bic: bankOfChina),
                    debtor: FinancialInstitution(bic: sberbank, name: debtorName),
                    debtorAccount: CashAccount(identification: .other(id: "30111156000000000001", schemeCode: nil)),
                    creditor: FinancialInstitution(bic: bankOfChinaMoscow, name: "Bank of China (Moscow)"))
            ])
    }
}
