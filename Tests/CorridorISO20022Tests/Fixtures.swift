import CorridorCore
import CorridorISO20022
import Foundation

/// Values the tests share: agents, parties in three scripts, and one message of each kind.
enum Fixtures {
    static let sberbank = try! BIC("SABRRUMM")
    static let bankOfChina = try! BIC("BKCHCNBJ")
    static let bankOfChinaMoscow = try! BIC("BKCHRUMMXXX")
    static let created = ISODateTime(Date(timeIntervalSince1970: 1_767_261_600), utcOffsetMinutes: 180)
    static let settlementDate = ISODate(year: 2026, month: 1, day: 1)!
    static let uetr = try! UETR(text: "8a562c67-ca16-48ba-b074-65581be6f011")

    /// Party names: Latin with XML special characters, Cyrillic, Chinese.
    enum Script: String, CaseIterable, CustomStringConvertible {
        case latin, cyrillic, chinese
        var description: String { rawValue }

        var debtor: Party {
            switch self {
            case .latin:
                Party(name: "O'Brien & Sons <Trading> \"Ltd\"",
                      postalAddress: PostalAddress(streetName: "Main Street", buildingNumber: "1", postCode: "101000",
                                                   townName: "Moscow", country: .russia))
            case .cyrillic:
                Party(name: "Щукина Юлия Андреевна",
                      postalAddress: PostalAddress(streetName: "ул. Тверская", buildingNumber: "7",
                                                   postCode: "125009", townName: "Москва", country: .russia))
            case .chinese:
                Party(name: "王小明", postalAddress: PostalAddress(streetName: "人民路", buildingNumber: "3号",
                                                                 townName: "北京", country: .china))
            }
        }

        var creditor: Party {
            switch self {
            case .latin: Party(name: "Beijing Tea & Books <Co>", postalAddress: PostalAddress(townName: "Beijing",
                                                                                              country: .china))
            case .cyrillic: Party(name: "ООО «Чайный дом»", postalAddress: PostalAddress(townName: "Пекин",
                                                                                       country: .china))
            case .chinese: Party(name: "北京书店有限公司", postalAddress: PostalAddress(townName: "北京", country: .china))
            }
        }

        var remittance: String {
            switch self {
            case .latin: "Invoice <42> & 'tea' \"2026\""
            case .cyrillic: "Оплата счёта № 42"
            case .chinese: "茶叶货款，发票42"
            }
        }
    }

    static func creditTransfer(_ script: Script = .latin) -> CustomerCreditTransfer {
        CustomerCreditTransfer(
            groupHeader: GroupHeader(messageId: "CORRIDOR-20260101-0001", creationDateTime: created,
                                     settlementInstruction: SettlementInstruction(method: .instructedAgent)),
            transactions: [
                CreditTransferTransaction(
                    instructionId: "INSTR-1", endToEndId: "E2E-1", transactionId: "TX-1", uetr: uetr,
                    interbankSettlementAmount: Money(minorUnits: 123_456, currency: .cny),
                    interbankSettlementDate: settlementDate,
                    instructedAmount: Money(minorUnits: 1_500_050, currency: .rub), exchangeRate: "0.0823",
                    chargeBearer: .shared, instructingAgent: FinancialInstitution(bic: sberbank),
                    instructedAgent: FinancialInstitution(bic: bankOfChina), debtor: script.debtor,
                    debtorAccount: CashAccount(identification: .other(id: "40817810099910004312", schemeCode: "BBAN"),
                                               currency: .rub),
                    debtorAgent: FinancialInstitution(bic: sberbank), creditorAgent: FinancialInstitution(bic: bankOfChina),
                    creditor: script.creditor,
                    creditorAccount: CashAccount(identification: .other(id: "6217000010001234567", schemeCode: nil)),
                    remittanceInformation: [script.remittance])
            ])
    }
}
