import CorridorCore
import CorridorGateway
import CorridorISO8583
import Foundation
import Testing

/// One body per rule, run against every ``PaymentStore``: in memory (the reference), SQLite, and PostgreSQL when
/// `CORRIDOR_POSTGRES_URL` is set (required in CI).
@Suite("PaymentStore conformance")
struct PaymentStoreConformanceTests {
    @Test(arguments: PaymentStoreUnderTest.all)
    func recordWithEveryPartReadsBackEqual(_ kind: PaymentStoreUnderTest) async throws {
        try await kind.with { store in
            let complete = StoreFixtures.completeRecord(id: "pay-complete")
            #expect(complete.messages.count == 3 && complete.parties != nil && complete.clearingItem != nil)
            #expect(complete.cardRequest?.fields[11] != nil)
            let declined = StoreFixtures.declinedRecord(id: "pay-declined")
            try await store.save([complete, declined])
            #expect(try await store.record("pay-complete") == complete)
            #expect(try await store.record("pay-declined") == declined)
            #expect(try await store.records(businessDate: StoreFixtures.day1) == [complete])
        }
    }

    @Test(arguments: PaymentStoreUnderTest.all)
    func unknownIDReadsAsNil(_ kind: PaymentStoreUnderTest) async throws {
        try await kind.with { store in
            #expect(try await store.record("pay-unknown") == nil)
            try await store.save([StoreFixtures.record(id: "pay-known", on: StoreFixtures.day1)])
            #expect(try await store.record("pay-unknown") == nil)
            #expect(try await store.records(businessDate: StoreFixtures.day3).isEmpty)
        }
    }

    @Test(arguments: PaymentStoreUnderTest.all)
    func replacingARecordKeepsItsBookingPosition(_ kind: PaymentStoreUnderTest) async throws {
        try await kind.with { store in
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
    }

    /// The same calls, in the same order, against the store and the reference: every day's listing and every record
    /// agree, including updates that move a clearing item to another day and ids repeated within one call.
    @Test(arguments: PaymentStoreUnderTest.all)
    func businessDayListingFollowsFirstSaveOrder(_ kind: PaymentStoreUnderTest) async throws {
        try await kind.with { store in
            let reference = InMemoryPaymentStore()
            let day1 = StoreFixtures.day1, day2 = StoreFixtures.day2
            let calls: [[PaymentRecord]] = [
                [StoreFixtures.record(id: "p1", on: day1)],
                [StoreFixtures.declinedRecord(id: "p2")],
                [StoreFixtures.record(id: "p3", on: day2), StoreFixtures.record(id: "p4", on: day1)],
                [StoreFixtures.record(id: "p5", on: day1), StoreFixtures.record(id: "p5", on: day1, refunded: 100)],
                [],
                [StoreFixtures.record(id: "p1", on: day1, refunded: 700),
                 StoreFixtures.record(id: "p3", on: day1, refunded: 1)],
                [StoreFixtures.record(id: "p2", on: day1)],
                [StoreFixtures.refundRecord(id: "r1", of: "p4", on: day2)],
                // A repeated id whose first occurrence is new: it keeps the first occurrence's day and position.
                [StoreFixtures.record(id: "p6", on: day2), StoreFixtures.record(id: "p7", on: day1),
                 StoreFixtures.record(id: "p6", on: day1, refunded: 5)],
            ]
            for call in calls {
                try await reference.save(call)
                try await store.save(call)
            }
            for day in [day1, day2, StoreFixtures.day3] {
                let expected = try await reference.records(businessDate: day)
                #expect(try await store.records(businessDate: day) == expected, "\(day)")
            }
            #expect(try await store.records(businessDate: day1).map(\.result.paymentID) == ["p1", "p4", "p5", "p7"])
            #expect(try await store.records(businessDate: day2).map(\.result.paymentID) == ["p3", "r1", "p6"])
            for id in ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "r1", "none"] {
                let expected = try await reference.record(id)
                #expect(try await store.record(id) == expected, "\(id)")
            }
        }
    }

    @Test(arguments: PaymentStoreUnderTest.all)
    func manyRecordsInOneSaveAreListedInOrder(_ kind: PaymentStoreUnderTest) async throws {
        try await kind.with { store in
            let count = 2_000
            // Ids whose text order differs from the call's order, so the listing cannot be sorted by id by accident.
            let records = (0..<count).map {
                StoreFixtures.record(id: "bulk-\((count - $0) * 7 % 10_007)", on: StoreFixtures.day2)
            }
            try await store.save(records)
            #expect(try await store.records(businessDate: StoreFixtures.day2) == records)
            #expect(try await store.record(records[1_234].result.paymentID) == records[1_234])
        }
    }

    @Test(arguments: PaymentStoreUnderTest.all)
    func concurrentSavesAreAllKept(_ kind: PaymentStoreUnderTest) async throws {
        try await kind.with { store in
            let records = (0..<64).map { StoreFixtures.record(id: "con-\($0)", on: StoreFixtures.day1) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for record in records { group.addTask { try await store.save([record]) } }
                try await group.waitForAll()
            }
            let listed = try await store.records(businessDate: StoreFixtures.day1)
            #expect(listed.count == records.count)
            #expect(Set(listed) == Set(records))
        }
    }

    /// A card request set after `PaymentRecord`'s initializer (which strips card data) is refused, naming the record
    /// and the field, and nothing of the call is written.
    @Test(arguments: PaymentStoreUnderTest.durable, [2, 14, 34, 35, 36, 45, 52, 55])
    func cardDataIsRefusedNamingTheField(_ kind: PaymentStoreUnderTest, field: Int) async throws {
        try await kind.with { store in
            let good = StoreFixtures.record(id: "pay-good", on: StoreFixtures.day1)
            var unstripped = StoreFixtures.record(id: "pay-unstripped", on: StoreFixtures.day1)
            var request = IsoMessage(mti: "0100", text: [11: "000777"])
            request.fields[field] = field == 52 || field == 55
                ? Array(repeating: 0x5A, count: 8) : Array((field == 14 ? "2812" : StoreFixtures.pan).utf8)
            unstripped.cardRequest = request
            let expected = kind.cardDataRefused(id: "pay-unstripped", field: field)
            let thrown = await #expect(throws: (any Error).self) { try await store.save([good, unstripped]) }
            let error = try #require(thrown)
            #expect("\(type(of: error))" == "\(type(of: expected))")
            #expect("\(error)" == "\(expected)")
            #expect("\(expected)".contains("field \(field)"))
            #expect(try await store.record("pay-good") == nil)
            #expect(try await store.record("pay-unstripped") == nil)
        }
    }
}
