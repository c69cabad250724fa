// Fuzz target `iso20022`: the ISO 20022 XML reader and every message model Corridor reads (DESIGN.md §3), built by
// Tools/fuzz.sh.
//
// Rules checked on every input, besides "never crash": for each message kind the document reads as,
// read → write → read → write is a fixed point (the second document is the first, byte for byte), and when the
// input is ASCII (nothing to transliterate) and its free text already normal (CBPRPlusText.freeTextIsNormalized) the
// value read back is the value first read. A value the reader
// accepts but the CBPR+ writer refuses is not a failure: the writer is deliberately stricter.
import CorridorCore
import CorridorISO20022
import Foundation

enum FuzzTarget {
    static func test(_ input: [UInt8]) {
        guard let root = try? XMLReader().read(Data(input)) else { return }
        // Free text the writer normalizes (controls, runs of spaces, length) may change on purpose: only documents
        // whose free text is already normal must read back as the same value.
        let isASCII = input.allSatisfy { $0 < 0x80 } && CBPRPlusText.freeTextIsNormalized(in: root)
        check(BusinessApplicationHeader.self, root, isASCII: isASCII, input: input)
        check(CustomerCreditTransfer.self, root, isASCII: isASCII, input: input)
        check(PaymentStatusReport.self, root, isASCII: isASCII, input: input)
        check(PaymentReturn.self, root, isASCII: isASCII, input: input)
        check(FinancialInstitutionCreditTransfer.self, root, isASCII: isASCII, input: input)
        check(BankToCustomerStatement.self, root, isASCII: isASCII, input: input)
        check(BankToCustomerDebitCreditNotification.self, root, isASCII: isASCII, input: input)
    }

    private static func check<Message: ISO20022Message>(
        _ kind: Message.Type, _ root: CorridorISO20022.XMLElement, isASCII: Bool, input: [UInt8]
    ) {
        guard let first = try? Message(documentElement: root), let written = try? first.xml() else { return }
        let name = Message.messageDefinition.identifier
        let second: Message
        do { second = try Message(xml: written) } catch {
            fuzzFailure("a written \(name) does not read back", input: input, detail: "\(error)\n\(written)")
        }
        let rewritten: String
        do { rewritten = try second.xml() } catch {
            fuzzFailure("a \(name) read back from the writer does not write", input: input, detail: "\(error)")
        }
        guard rewritten == written else {
            fuzzFailure("read → write → read → write changed the \(name) document", input: input,
                        detail: "\(written)\nbecame\n\(rewritten)")
        }
        if isASCII, second != first {
            fuzzFailure("read → write → read changed the \(name) value", input: input,
                        detail: "\(first)\nbecame\n\(second)")
        }
    }

    /// Documents the writer makes: a pacs.008 in Latin and in Cyrillic (transliterated), and its header.
    static func seeds() -> [[UInt8]] {
        do {
            let created = ISODateTime(Date(timeIntervalSince1970: 1_767_261_600), utcOffsetMinutes: 180)
            let sberbank = try BIC("SABRRUMM")
            let bankOfChina = try BIC("BKCHCNBJ")
            var documents: [String] = []
            let names = [("O'Brien & Sons <Trading>", "Beijing Tea"), ("Щукина Юлия", "ООО «Чайный дом»")]
            for (debtor, creditor) in names {
                let transfer = CustomerCreditTransfer(
                    groupHeader: GroupHeader(messageId: "CORRIDOR-20260101-0001", creationDateTime: created,
                                             settlementInstruction: SettlementInstruction(method: .instructedAgent)),
                    transactions: [
                        CreditTransferTransaction(
                            instructionId: "INSTR-1", endToEndId: "E2E-1", transactionId: "TX-1",
                            uetr: try UETR(text: "8a562c67-ca16-48ba-b074-65581be6f011"),
                            interbankSettlementAmount: Money(minorUnits: 123_456, currency: .cny),
                            interbankSettlementDate: ISODate(year: 2026, month: 1, day: 1)!,
                            instructedAmount: Money(minorUnits: 1_500_050, currency: .rub), exchangeRate: "0.0823",
                            chargeBearer: .shared, instructingAgent: FinancialInstitution(bic: sberbank),
                            instructedAgent: FinancialInstitution(bic: bankOfChina),
                            debtor: Party(name: debtor, postalAddress: PostalAddress(townName: "Moscow",
                                                                                     country: .russia)),
                            debtorAccount: CashAccount(
                                identification: .other(id: "40817810099910004312", schemeCode: "BBAN"), currency: .rub),
                            debtorAgent: FinancialInstitution(bic: sberbank),
                            creditorAgent: FinancialInstitution(bic: bankOfChina),
                            creditor: Party(name: creditor, postalAddress: PostalAddress(townName: "Beijing",
                                                                                         country: .china)),
                            creditorAccount: CashAccount(identification: .other(id: "6217000010001234567",
                                                                                schemeCode: nil)),
                            remittanceInformation: ["Invoice 42"])
                    ])
                let message = BusinessMessage(from: sberbank, to: bankOfChina, creationDate: created,
                                              document: transfer)
                documents.append(try transfer.xml())
                documents.append(try message.header.xml())
            }
            return documents.map { Array($0.utf8) }
        } catch {
            fatalError("seed documents do not write: \(error)")
        }
    }
}
