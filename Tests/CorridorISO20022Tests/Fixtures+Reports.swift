import CorridorCore
import CorridorISO20022

extension Fixtures {
    static func entry(_ script: Script) -> ReportEntry {
        ReportEntry(reference: "NTRY-1", amount: Money(minorUnits: 123_456, currency: .cny), creditDebit: .credit,
                    bookingDate: settlementDate, valueDate: settlementDate, accountServicerReference: "LEDGER-TR-42",
                    bankTransactionCode: .receivedCrossBorderCreditTransfer,
                    transactions: [
                        EntryTransaction(messageId: "CORRIDOR-20260101-0001", instructionId: "INSTR-1",
                                         endToEndId: "E2E-1", uetr: uetr, transactionId: "TX-1",
                                         amount: Money(minorUnits: 123_456, currency: .cny), creditDebit: .credit,
                                         debtor: script.debtor, creditor: script.creditor,
                                         debtorAgent: FinancialInstitution(bic: sberbank),
                                         creditorAgent: FinancialInstitution(bic: bankOfChina),
                                         remittanceInformation: [script.remittance])
                    ])
    }

    static func account(_ script: Script) -> ReportedAccount {
        ReportedAccount(account: CashAccount(identification: .other(id: "6217000010001234567", schemeCode: "BBAN"),
                                             currency: .cny, name: script.creditor.name),
                        owner: script.creditor, servicer: FinancialInstitution(bic: bankOfChina))
    }

    static func statement(_ script: Script = .latin) -> BankToCustomerStatement {
        BankToCustomerStatement(
            messageId: "CORRIDOR-STMT-20260101", creationDateTime: created,
            statements: [
                AccountReport(id: "STMT-20260101-1", electronicSequenceNumber: 1, creationDateTime: created,
                              period: (created, created), account: account(script),
                              balances: [
                                  CashBalance(typeCode: "OPBD", amount: Money(minorUnits: 0, currency: .cny),
                                              creditDebit: .credit, date: settlementDate),
                                  try! CashBalance(typeCode: "CLBD", signedAmount: Money(minorUnits: -5, currency: .cny),
                                                   date: settlementDate),
                              ],
                              entries: [entry(script)], additionalInformation: script.remittance)
            ])
    }

    static func notification(_ script: Script = .latin) -> BankToCustomerDebitCreditNotification {
        BankToCustomerDebitCreditNotification(
            messageId: "CORRIDOR-NTFN-0001", creationDateTime: created,
            notifications: [AccountReport(id: "NTFN-1", creationDateTime: created, account: account(script),
                                          entries: [entry(script)])])
    }
}
