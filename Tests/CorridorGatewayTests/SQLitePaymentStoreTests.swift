import CorridorCore
import CorridorISO20022
import CorridorISO8583
import CorridorLedger
import CorridorLedgerSQLite
import Foundation
import Testing

@testable import CorridorGateway
@testable import CorridorGatewaySQLite

@Suite("SQLitePaymentStore")
struct SQLitePaymentStoreTests {
    @Test func recordWithEveryFieldReadsBackEqual() async throws {
        let directory = try TemporaryDirectory()
        let record = StoreFixtures.completeRecord(id: "pay-complete")
        #expect(record.messages.count == 3)
        #expect(record.cardRequest?.fields[11] != nil)
        do {
            let store = try SQLitePaymentStore(path: directory.databasePath)
            try await store.save([record])
            #expect(try await store.record("pay-complete") == record)
            #expect(try await store.records(businessDate: StoreFixtures.day1) == [record])
            #expect(try await store.record("pay-unknown") == nil)
        }
        let reopened = try SQLitePaymentStore(path: directory.databasePath)
        #expect(try await reopened.record("pay-complete") == record)
    }

    @Test func declinedRecordWithoutOptionalPartsReadsBackEqual() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLitePaymentStore(path: directory.databasePath)
        let record = StoreFixtures.declinedRecord(id: "pay-declined")
        try await store.save([record])
        #expect(try await store.record("pay-declined") == record)
        #expect(try await store.records(businessDate: StoreFixtures.day1).isEmpty)
    }

    @Test func updateReplacesTheBodyAndKeepsThePosition() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLitePaymentStore(path: directory.databasePath)
        let records = ["pay-a", "pay-b", "pay-c"].map { StoreFixtures.record(id: $0, on: StoreFixtures.day1) }
        for record in records { try await store.save([record]) }
        var refunded = records[0]
        refunded.result.status = .refunded
        refunded.refundedMinorUnits = 5_000
        refunded.trail.record("refund", at: 1_767_261_700_000, "refunded 50.00 CNY")
        try await store.save([refunded])
        #expect(try await store.records(businessDate: StoreFixtures.day1) == [refunded, records[1], records[2]])
        #expect(try await store.record("pay-a") == refunded)
    }

    /// The same calls, in the same order, against both stores: every day's listing and every record agree.
    @Test func businessDayListingMatchesTheInMemoryStore() async throws {
        let directory = try TemporaryDirectory()
        let sqlite = try SQLitePaymentStore(path: directory.databasePath)
        let memory = InMemoryPaymentStore()
        let day1 = StoreFixtures.day1, day2 = StoreFixtures.day2
        var calls: [[PaymentRecord]] = [
            [StoreFixtures.record(id: "p1", on: day1)],
            [StoreFixtures.declinedRecord(id: "p2")],
            [StoreFixtures.record(id: "p3", on: day2), StoreFixtures.record(id: "p4", on: day1)],
            [StoreFixtures.record(id: "p5", on: day1), StoreFixtures.record(id: "p5", on: day1, refunded: 100)],
            [],
        ]
        // An update of p1 (refunded), and of p3 whose clearing item moved to another day: the listing keeps the
        // day and position of the first save, as the in-memory store does.
        calls.append([StoreFixtures.record(id: "p1", on: day1, refunded: 700),
                      StoreFixtures.record(id: "p3", on: day1, refunded: 1)])
        // A declined payment that later gets a clearing item is not listed (it was not booked when first saved).
        calls.append([StoreFixtures.record(id: "p2", on: day1)])
        calls.append([StoreFixtures.refundRecord(id: "r1", of: "p4", on: day2)])
        for call in calls {
            try await memory.save(call)
            try await sqlite.save(call)
        }
        for day in [day1, day2, StoreFixtures.day3] {
            let expected = try await memory.records(businessDate: day)
            #expect(try await sqlite.records(businessDate: day) == expected, "\(day)")
        }
        #expect(try await sqlite.records(businessDate: day1).map(\.result.paymentID) == ["p1", "p4", "p5"])
        #expect(try await sqlite.records(businessDate: day2).map(\.result.paymentID) == ["p3", "r1"])
        for id in ["p1", "p2", "p3", "p4", "p5", "r1", "none"] {
            let expected = try await memory.record(id)
            #expect(try await sqlite.record(id) == expected, "\(id)")
        }
    }

    @Test func concurrentSavesShareCommitsAndSurviveReopening() async throws {
        let directory = try TemporaryDirectory()
        let count = 500
        let records = (0..<count).map { StoreFixtures.record(id: "pay-\($0)", on: StoreFixtures.day1) }
        do {
            let store = try SQLitePaymentStore(path: directory.databasePath)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for record in records { group.addTask { try await store.save([record]) } }
                try await group.waitForAll()
            }
            let commits = await store.commitCount
            #expect(commits >= 1)
            #expect(commits <= count / 5, "500 concurrent saves took \(commits) commits")
            #expect(try await store.records(businessDate: StoreFixtures.day1).count == count)
        }
        let reopened = try SQLitePaymentStore(path: directory.databasePath)
        let listed = try await reopened.records(businessDate: StoreFixtures.day1)
        #expect(Set(listed) == Set(records))
        #expect(listed.count == count)
        for record in records.prefix(10) { #expect(try await reopened.record(record.result.paymentID) == record) }
    }

    @Test func oneCallLargerThanABatchIsStillOneCall() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLitePaymentStore(path: directory.databasePath, synchronous: .full, batchRowCountMax: 4)
        let records = (0..<10).map { StoreFixtures.record(id: "big-\($0)", on: StoreFixtures.day1) }
        try await store.save(records)
        #expect(await store.commitCount == 1)
        #expect(try await store.records(businessDate: StoreFixtures.day1) == records)
    }

    @Test func storedFilesNeverHoldThePAN() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLitePaymentStore(path: directory.databasePath)
        let record = StoreFixtures.completeRecord(id: "pay-card")
        #expect(record.cardRequest?.fields[2] == nil)
        try await store.save([record])
        // A card request set after the initializer (which strips card data) is refused, not stored.
        var unstripped = StoreFixtures.record(id: "pay-unstripped", on: StoreFixtures.day1)
        unstripped.cardRequest = StoreFixtures.cardRequestWithCardData
        await #expect(throws: SQLitePaymentStoreError.cardDataRefused(id: "pay-unstripped", field: 2)) {
            try await store.save([unstripped])
        }
        var extended = StoreFixtures.record(id: "pay-extended", on: StoreFixtures.day1)
        extended.cardRequest = IsoMessage(mti: "0100", text: [11: "000777", 34: StoreFixtures.pan])
        await #expect(throws: SQLitePaymentStoreError.cardDataRefused(id: "pay-extended", field: 34)) {
            try await store.save([extended])
        }
        #expect(try await store.record("pay-unstripped") == nil)

        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(files.contains("corridor.sqlite"))
        let pan = Data(StoreFixtures.pan.utf8)
        let lastFour = Data(StoreFixtures.pan.suffix(4).utf8)
        var sawLastFour = false
        for file in files {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: directory.path).appendingPathComponent(file))
            #expect(bytes.range(of: pan) == nil, "\(file) holds the PAN")
            sawLastFour = sawLastFour || bytes.range(of: lastFour) != nil
        }
        // The check would see the digits if they were there: the trail's card token keeps the last four.
        #expect(sawLastFour)
    }

    @Test func callWithAnUnencodableRecordWritesNothing() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLitePaymentStore(path: directory.databasePath)
        let good = StoreFixtures.record(id: "pay-good", on: StoreFixtures.day1)
        var bad = StoreFixtures.record(id: "pay-bad", on: StoreFixtures.day1)
        bad.cardRequest = IsoMessage(mti: "0100", text: [4: "12345"])  // field 4 is 12 digits
        let error = await #expect(throws: SQLitePaymentStoreError.self) { try await store.save([good, bad]) }
        guard case .encodingFailed(let id, let column, _) = error else {
            Issue.record("expected encodingFailed, got \(String(describing: error))")
            return
        }
        #expect(id == "pay-bad")
        #expect(column == "card_request")
        #expect(try await store.record("pay-good") == nil)
        #expect(await store.commitCount == 0)
    }

    @Test(arguments: ["result", "trail", "clearing_item", "messages", "parties", "card_request"])
    func damagedColumnIsNamedWhenRead(_ column: String) async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLitePaymentStore(path: directory.databasePath)
        try await store.save([StoreFixtures.completeRecord(id: "pay-damaged")])
        let damage = column == "card_request" ? "x'0100'" : "'{\"not\": \"it\"}'"
        try await store.executeOnWriter("UPDATE gateway_payments SET \(column) = \(damage) WHERE id = 'pay-damaged'")
        let error = await #expect(throws: SQLitePaymentStoreError.self) { try await store.record("pay-damaged") }
        guard case .decodingFailed(let id, let found, _) = error else {
            Issue.record("expected decodingFailed, got \(String(describing: error))")
            return
        }
        #expect(id == "pay-damaged")
        #expect(found == column)
        await #expect(throws: SQLitePaymentStoreError.self) {
            try await store.records(businessDate: StoreFixtures.day1)
        }
    }

    @Test func fileMigratedByANewerBuildIsRefused() async throws {
        let directory = try TemporaryDirectory()
        do {
            let store = try SQLitePaymentStore(path: directory.databasePath)
            try await store.executeOnWriter("INSERT INTO gateway_migrations (identifier) VALUES ('gateway v9 future')")
        }
        #expect(throws: SQLitePaymentStoreError.schemaTooNew(
            path: directory.databasePath, unknownMigrations: ["gateway v9 future"])) {
            try SQLitePaymentStore(path: directory.databasePath)
        }
    }

    /// The store and the ledger share `corridor.sqlite`; each opens the file after the other migrated it.
    @Test func storeAndLedgerShareOneFile() async throws {
        let directory = try TemporaryDirectory()
        let record = StoreFixtures.record(id: "pay-shared", on: StoreFixtures.day1)
        do {
            let store = try SQLitePaymentStore(path: directory.databasePath)
            try await store.save([record])
        }
        do {
            let ledger = try SQLiteSettlementBackend(path: directory.databasePath)
            #expect(try await ledger.verify().isBalanced)
        }
        let reopened = try SQLitePaymentStore(path: directory.databasePath)
        #expect(try await reopened.record("pay-shared") == record)

        let ledgerFirst = try TemporaryDirectory()
        _ = try SQLiteSettlementBackend(path: ledgerFirst.databasePath)
        let store = try SQLitePaymentStore(path: ledgerFirst.databasePath)
        try await store.save([record])
        _ = try SQLiteSettlementBackend(path: ledgerFirst.databasePath)
        #expect(try await store.record("pay-shared") == record)
    }

    @Test(arguments: SQLitePaymentStore.Synchronous.allCases)
    func writerCommitsInWALWithTheChosenSynchronousMode(_ synchronous: SQLitePaymentStore.Synchronous) async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLitePaymentStore(path: directory.databasePath, synchronous: synchronous)
        #expect(try await store.writerPragma("journal_mode") == "wal")
        #expect(try await store.writerPragma("synchronous") == String(synchronous.pragmaNumber))
        #expect(store.synchronous == synchronous)
    }
}

// MARK: Fixtures

/// A directory under the system's temporary directory, removed when the value is released.
private final class TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-store-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    var databasePath: String { "\(path)/\(SQLitePaymentStore.defaultFileName)" }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Records as the gateway builds them, one with every field set.
private enum StoreFixtures {
    static let day1 = ISODate(year: 2026, month: 1, day: 1)!
    static let day2 = ISODate(year: 2026, month: 1, day: 2)!
    static let day3 = ISODate(year: 2026, month: 1, day: 3)!
    static let sberbank = try! BIC("SABRRUMM")
    static let bankOfChina = try! BIC("BKCHCNBJ")
    static let created = ISODateTime(Date(timeIntervalSince1970: 1_767_261_600), utcOffsetMinutes: 180)
    static let uetr = try! UETR(text: "8a562c67-ca16-48ba-b074-65581be6f011")
    /// A Luhn-valid test PAN.
    static let pan = "2200123456789019"

    /// A card request as the acquirer side builds it, PAN, expiry and track 2 included.
    static let cardRequestWithCardData = IsoMessage(mti: "0100", text: [
        2: pan, 3: "000000", 4: "000000150000", 7: "0101120000", 11: "000123", 14: "2812",
        35: "\(pan)=28121010000000000000", 37: "600112000123", 41: "T0000001", 42: "M1             ", 49: "156",
    ])

    static func record(id: String, on day: ISODate, refunded: Int64 = 0) -> PaymentRecord {
        PaymentRecord(
            result: result(id: id, day: day), trail: PaymentTrail(paymentID: id, request: "card …9019 150.00 CNY"),
            fingerprint: "fp-\(id)", clearingItem: clearingItem(id: id, day: day), amounts: amounts,
            refundedMinorUnits: refunded, messages: [], parties: parties)
    }

    static func refundRecord(id: String, of original: String, on day: ISODate) -> PaymentRecord {
        PaymentRecord(
            result: result(id: id, day: day), trail: PaymentTrail(paymentID: id, request: "refund of \(original)"),
            fingerprint: "fp-\(id)", clearingItem: clearingItem(id: id, day: day, original: original), amounts: amounts,
            messages: [.pacs004(paymentReturn(id: id))], parties: parties)
    }

    static func declinedRecord(id: String) -> PaymentRecord {
        let result = PaymentResult(
            paymentID: id, status: .declined, responseCode: "51", iso20022Status: "RJCT",
            declineReason: DeclineReason(iso8583Code: "51", iso20022Code: "AM04", text: "insufficient funds"),
            merchantAmount: Money(minorUnits: 15_000, currency: .cny), payerAmount: nil, merchantID: nil,
            approvalCode: nil, route: nil, transferID: nil, pacs008MessageID: nil, businessDate: day1.text)
        return PaymentRecord(result: result, trail: PaymentTrail(paymentID: id, request: "qr"), fingerprint: "fp-\(id)",
                             clearingItem: nil, amounts: nil, messages: [], parties: nil)
    }

    /// Every field set: all optionals present, a trail with every part, a message of each kind, a card request.
    static func completeRecord(id: String) -> PaymentRecord {
        var result = result(id: id, day: day1)
        result = PaymentResult(
            paymentID: id, status: .refunded, responseCode: result.responseCode, iso20022Status: "ACSC",
            declineReason: DeclineReason(iso8583Code: "00", iso20022Code: "NARR", text: "approved after review"),
            merchantAmount: result.merchantAmount, payerAmount: result.payerAmount, merchantID: result.merchantID,
            approvalCode: result.approvalCode, route: result.route, transferID: result.transferID,
            pacs008MessageID: result.pacs008MessageID, businessDate: result.businessDate)
        var trail = PaymentTrail(paymentID: id, request: "card 220012******9019 150.00 CNY at beijing-dumplings")
        trail.instrument = .card
        trail.qrPayload = "00020101021226"
        trail.card = CardTokenizer(key: Data(repeating: 7, count: 32)).token(for: try! PrimaryAccountNumber(pan))
        trail.payerName = "Щукина Юлия Андреевна"
        trail.merchantName = "北京饺子馆"
        trail.route = "card → mir-cn"
        trail.screening = "clear"
        trail.quote = "q-1 RUB/CNY 0.0823"
        trail.iso8583 = ["0100 2=220012******9019 4=000000150000", "0110 39=00"]
        trail.ledgerTransfers = ["0191c3a8-0000-7000-8000-000000000001"]
        trail.iso20022Messages = ["CORRIDOR-\(id)", "STS-\(id)", "RTR-\(id)"]
        trail.record("parse", at: 1_767_261_600_000, "card")
        trail.record("authorize", at: 1_767_261_600_120, "approved 123456")
        return PaymentRecord(
            result: result, trail: trail, fingerprint: "sha256:\(id)",
            clearingItem: clearingItem(id: id, day: day1, original: "pay-original"), amounts: amounts,
            refundedMinorUnits: 1_234,
            messages: [.pacs008(creditTransfer(id: id)), .pacs002(statusReport(id: id)),
                       .pacs004(paymentReturn(id: id))],
            parties: parties, cardRequest: cardRequestWithCardData)
    }

    static func result(id: String, day: ISODate) -> PaymentResult {
        PaymentResult(
            paymentID: id, status: .approved, responseCode: "00", iso20022Status: "ACSP", declineReason: nil,
            merchantAmount: Money(minorUnits: 15_000, currency: .cny),
            payerAmount: Money(minorUnits: 182_261, currency: .rub), merchantID: "beijing-dumplings",
            approvalCode: "123456", route: "card", transferID: "t-\(id)", pacs008MessageID: "CORRIDOR-\(id)",
            businessDate: day.text)
    }

    static func clearingItem(id: String, day: ISODate, original: String? = nil) -> ClearingItem {
        ClearingItem(
            id: id, originalPaymentID: original, kind: original == nil ? .payment : .refund, businessDate: day,
            bookedAt: Date(unixMilliseconds: 1_767_261_600_123),
            obligations: [
                Obligation(debtor: "sberbank", creditor: "fx-provider",
                           amount: Money(minorUnits: 182_261, currency: .rub)),
                Obligation(debtor: "fx-provider", creditor: "bank-of-china",
                           amount: Money(minorUnits: 15_000, currency: .cny)),
            ],
            payeeAmount: Money(minorUnits: 15_000, currency: .cny),
            payerAmount: Money(minorUnits: 182_261, currency: .rub),
            payerParticipant: "sberbank", payeeParticipant: "bank-of-china", merchantID: "beijing-dumplings",
            transferID: "t-\(id)", endToEndID: "E2E-\(id)", messageID: "CORRIDOR-\(id)")
    }

    static let amounts = BookingAmounts(
        payer: Money(minorUnits: 182_261, currency: .rub), fxMid: Money(minorUnits: 180_000, currency: .rub),
        fxMargin: Money(minorUnits: 2_261, currency: .rub), payee: Money(minorUnits: 15_000, currency: .cny),
        merchantDiscount: Money(minorUnits: 225, currency: .cny), interchange: Money(minorUnits: 90, currency: .cny),
        schemeFee: Money(minorUnits: 15, currency: .cny))

    static let parties = BookingParties(
        payerFunds: AccountID(UInt128(0x0191_C3A8) << 64 | 1), payerBank: "sberbank", fxProvider: "fx-provider",
        marginEarner: "fx-provider", acquirer: "bank-of-china", merchant: "beijing-dumplings",
        systemOperator: "operator")

    static func creditTransfer(id: String) -> BusinessMessage<CustomerCreditTransfer> {
        let document = CustomerCreditTransfer(
            groupHeader: GroupHeader(messageId: "CORRIDOR-\(id)", creationDateTime: created,
                                     settlementInstruction: SettlementInstruction(method: .instructedAgent)),
            transactions: [
                CreditTransferTransaction(
                    instructionId: "INSTR-1", endToEndId: "E2E-\(id)", transactionId: "TX-1", uetr: uetr,
                    interbankSettlementAmount: Money(minorUnits: 15_000, currency: .cny), interbankSettlementDate: day1,
                    instructedAmount: Money(minorUnits: 182_261, currency: .rub), exchangeRate: "0.0823",
                    chargeBearer: .shared, instructingAgent: FinancialInstitution(bic: sberbank),
                    instructedAgent: FinancialInstitution(bic: bankOfChina),
                    debtor: Party(name: "O'Brien & Sons <Trading>",
                                  postalAddress: PostalAddress(townName: "Moscow", country: .russia)),
                    debtorAccount: CashAccount(identification: .other(id: "40817810099910004312", schemeCode: "BBAN"),
                                               currency: .rub),
                    debtorAgent: FinancialInstitution(bic: sberbank),
                    creditorAgent: FinancialInstitution(bic: bankOfChina),
                    creditor: Party(name: "Beijing Dumplings", postalAddress: PostalAddress(townName: "Beijing",
                                                                                            country: .china)),
                    creditorAccount: CashAccount(identification: .other(id: "6217000010001234567", schemeCode: nil)),
                    remittanceInformation: ["Invoice 42"])
            ])
        return BusinessMessage(from: sberbank, to: bankOfChina, creationDate: created, document: document)
    }

    static func statusReport(id: String) -> BusinessMessage<PaymentStatusReport> {
        let document = PaymentStatusReport(
            messageId: "STS-\(id)", creationDateTime: created,
            transactionStatuses: [
                PaymentTransactionStatus(
                    originalGroup: original(id: id), originalInstructionId: "INSTR-1", originalEndToEndId: "E2E-\(id)",
                    originalTransactionId: "TX-1", originalUETR: uetr, status: .acceptedSettlementCompleted,
                    reasons: [], acceptanceDateTime: created, effectiveSettlementDate: day1,
                    instructingAgent: FinancialInstitution(bic: bankOfChina),
                    instructedAgent: FinancialInstitution(bic: sberbank))
            ])
        return BusinessMessage(from: bankOfChina, to: sberbank, creationDate: created, document: document)
    }

    static func paymentReturn(id: String) -> BusinessMessage<PaymentReturn> {
        let document = PaymentReturn(
            groupHeader: GroupHeader(messageId: "RTR-\(id)", creationDateTime: created,
                                     settlementInstruction: SettlementInstruction(method: .instructedAgent)),
            transactions: [
                PaymentReturnTransaction(
                    returnId: "RTR-\(id)", originalGroup: original(id: id), originalInstructionId: "INSTR-1",
                    originalEndToEndId: "E2E-\(id)", originalTransactionId: "TX-1", originalUETR: uetr,
                    originalInterbankSettlementAmount: Money(minorUnits: 15_000, currency: .cny),
                    originalInterbankSettlementDate: day1,
                    returnedInterbankSettlementAmount: Money(minorUnits: 15_000, currency: .cny),
                    interbankSettlementDate: day2, chargeBearer: .shared,
                    instructingAgent: FinancialInstitution(bic: bankOfChina),
                    instructedAgent: FinancialInstitution(bic: sberbank),
                    reasons: [ReasonInformation(.code("CUST"), additionalInformation: ["refund"])])
            ])
        return BusinessMessage(from: bankOfChina, to: sberbank, creationDate: created, document: document)
    }

    static func original(id: String) -> OriginalGroupReference {
        OriginalGroupReference(messageId: "CORRIDOR-\(id)", messageNameId: "pacs.008.001.08", creationDateTime: created)
    }
}
