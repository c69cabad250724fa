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
