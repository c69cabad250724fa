import CorridorCore
import CorridorGateway
import CorridorISO20022
import Foundation
import Testing

@testable import CorridorScenario

/// While traffic streams, the store keeps one clearing item per approved payment and nothing else per payment.
@Suite("Scenario payment store")
struct ScenarioPaymentStoreTests {
    static let day = ISODate(year: 2026, month: 7, day: 1)!

    static func record(_ index: Int, approved: Bool) -> PaymentRecord {
        let amount = Money(minorUnits: 1_000 + Int64(index), currency: .cny)
        let result = PaymentResult(
            paymentID: "T\(index)", status: approved ? .approved : .declined, responseCode: approved ? "00" : "51",
            iso20022Status: approved ? "ACSP" : "RJCT",
            declineReason: approved
                ? nil : DeclineReason(iso8583Code: "51", iso20022Code: "AM04", text: "insufficient funds"),
            merchantAmount: amount, payerAmount: amount, merchantID: "m", approvalCode: nil, route: nil,
            transferID: nil,
            pacs008MessageID: nil, businessDate: day.text)
        var trail = PaymentTrail(paymentID: "T\(index)", request: "card 220075******1234")
        trail.iso8583 = [String(repeating: "x", count: 500)]
        let item =
            approved
            ? ClearingItem(
                id: "T\(index)", kind: .payment, businessDate: day, bookedAt: Date(timeIntervalSince1970: 0),
                obligations: [],
                payeeAmount: amount, payerAmount: amount, payerParticipant: "a", payeeParticipant: "b", merchantID: "m",
                transferID: "t\(index)", endToEndID: "T\(index)", messageID: nil) : nil
        return PaymentRecord(
            result: result, trail: trail, fingerprint: "f", clearingItem: item, amounts: nil, messages: [], parties: nil
        )
    }

    @Test func streamedRecordsKeepOnlyClearingItemsAndBoundedTrails() async throws {
        let store = ScenarioPaymentStore()
        store.setStreaming(true)
        let count = ScenarioPaymentStore.failedTrailCountMax * 3
        for index in 0..<count { try await store.save([Self.record(index, approved: index % 2 == 0)]) }
        // Nothing is looked up by id (traffic ids are never reused), clearing sees every approved payment.
        #expect(try await store.record("T0") == nil)
        let records = try await store.records(businessDate: Self.day)
        #expect(records.count == count / 2)
        #expect(records.allSatisfy { $0.trail.iso8583.isEmpty && $0.messages.isEmpty && $0.clearingItem != nil })
        // Trails of declines are kept up to the cap; the rest are counted.
        let trails = store.failedTrails
        #expect(trails.lines.count == ScenarioPaymentStore.failedTrailCountMax)
        #expect(trails.skipped == count / 2 - ScenarioPaymentStore.failedTrailCountMax)
        #expect(trails.lines.first?.contains("\"paymentID\":\"T1\"") == true)
    }

    @Test func batchesAcrossTheTrailCapKeepTheFirstDeclinesAndCountTheRest() async throws {
        let store = ScenarioPaymentStore()
        store.setStreaming(true)
        let count = ScenarioPaymentStore.failedTrailCountMax * 2 + 13
        // Batches of seven: one of them crosses the cap part-way.
        for start in stride(from: 0, to: count, by: 7) {
            try await store.save((start..<min(start + 7, count)).map { Self.record($0, approved: $0 % 3 == 0) })
        }
        let declined = (0..<count).filter { $0 % 3 != 0 }
        let trails = store.failedTrails
        #expect(trails.lines.count == ScenarioPaymentStore.failedTrailCountMax)
        #expect(trails.skipped == declined.count - ScenarioPaymentStore.failedTrailCountMax)
        let lastKept = declined[ScenarioPaymentStore.failedTrailCountMax - 1]
        #expect(trails.lines.last?.contains("\"paymentID\":\"T\(lastKept)\"") == true)
        #expect(try await store.records(businessDate: Self.day).count == count - declined.count)
    }

    @Test func stepRecordsAreKeptWhole() async throws {
        let store = ScenarioPaymentStore()
        try await store.save([Self.record(7, approved: true)])
        let kept = try #require(try await store.record("T7"))
        #expect(kept.trail.iso8583.count == 1)
        #expect(try await store.records(businessDate: Self.day).count == 1)
    }
}
