import CorridorCore
import CorridorGateway
import CorridorISO20022
import Foundation
import Synchronization

/// The payment store of a run. Scripted steps keep whole records (refunds and expectations look them up); generated
/// traffic keeps only what clearing needs (each approved payment's clearing item), so memory grows by one small item
/// per approved payment and not by its trail and messages. Messages are counted by kind and written as files up to
/// ``messageFileCountMax``; trails of declined payments go to `trails/failed.jsonl` up to ``failedTrailCountMax``.
final class ScenarioPaymentStore: PaymentStore {
    /// The most payment message files (header and document count as one) a run writes; the rest are only counted.
    static let messageFileCountMax = 2_000
    /// The most failed-payment trails a run writes.
    static let failedTrailCountMax = 2_000

    private struct State {
        var streaming = false
        var traffic: [ISODate: [ClearingItem]] = [:]
        var trafficMessageCounts: [String: Int] = [:]
        var messageFiles: [GeneratedFile] = []
        var messageFilesSkipped = 0
        var failedTrails: [String] = []
        var failedTrailsSkipped = 0
    }

    private let full = InMemoryPaymentStore()
    private let state = Mutex(State())

    /// While true, saved records are streamed (generated traffic); while false they are kept whole (steps).
    func setStreaming(_ streaming: Bool) { state.withLock { $0.streaming = streaming } }

    func save(_ records: [PaymentRecord]) async throws {
        var kept: [PaymentRecord] = []
        // Only the trails there is room for are encoded: at a million declines, encoding each one (to drop all but
        // the first few thousand) was a sixth of a run.
        let declined = records.filter { $0.result.status == .declined }
        let trailRoom = state.withLock { max(0, Self.failedTrailCountMax - $0.failedTrails.count) }
        let trails = declined.prefix(trailRoom).map { Self.trailLine($0.trail) }
        let trailsNotEncoded = declined.count - trails.count
        let streaming = state.withLock { $0.streaming }
        if streaming {
            var rendered: [GeneratedFile] = []
            let room = state.withLock { Self.messageFileCountMax - $0.messageFiles.count / 2 }
            for record in records {
                for message in record.messages.prefix(max(0, room - rendered.count / 2)) {
                    let xml = try message.xml()
                    let stem = "messages/\(message.definition)-\(message.messageID)"
                    rendered += [GeneratedFile(name: stem + ".head.xml", text: xml.header),
                                 GeneratedFile(name: stem + ".xml", text: xml.document)]
                }
            }
            state.withLock { state in
                for record in records {
                    for message in record.messages {
                        state.trafficMessageCounts[String(message.definition.prefix(8)), default: 0] += 1
                    }
                    if let item = record.clearingItem { state.traffic[item.businessDate, default: []].append(item) }
                }
                let total = records.reduce(0) { $0 + $1.messages.count }
                state.messageFiles += rendered
                state.messageFilesSkipped += total - rendered.count / 2
            }
        } else {
            kept = records
        }
        state.withLock { state in
            let room = max(0, Self.failedTrailCountMax - state.failedTrails.count)
            state.failedTrails += trails.prefix(room)
            state.failedTrailsSkipped += max(0, trails.count - room) + trailsNotEncoded
        }
        if !kept.isEmpty { try await full.save(kept) }
    }

    func record(_ id: String) async throws -> PaymentRecord? {
        try await full.record(id)
    }

    func records(businessDate: ISODate) async throws -> [PaymentRecord] {
        let scripted = try await full.records(businessDate: businessDate)
        let items = state.withLock { $0.traffic[businessDate] ?? [] }
        return scripted + items.map(Self.record(of:))
    }

    /// The scripted items, then the traffic's in booking order (sorted in place, so clearing neither copies nor sorts
    /// a million items again).
    func clearingItems(businessDate: ISODate) async throws -> [ClearingItem] {
        let scripted = try await full.records(businessDate: businessDate).compactMap(\.clearingItem)
        let traffic = state.withLock { state in
            state.traffic[businessDate]?.sort(by: ClearingItem.bookedBefore)
            return state.traffic[businessDate] ?? []
        }
        return scripted.isEmpty ? traffic : scripted + traffic
    }

    /// The scripted records' messages: traffic messages are only counted (``trafficMessageCounts``) and written up
    /// to ``messageFileCountMax`` (``messageFiles``).
    func emittedMessages(businessDate: ISODate) async throws -> [EmittedMessage] {
        try await full.records(businessDate: businessDate).flatMap(\.messages)
    }

    /// The messages generated traffic emitted, by kind (`pacs.008`, `pacs.002`).
    var trafficMessageCounts: [String: Int] { state.withLock { $0.trafficMessageCounts } }

    /// The files written for traffic messages, and how many messages were only counted.
    var messageFiles: (files: [GeneratedFile], skipped: Int) {
        state.withLock { ($0.messageFiles, $0.messageFilesSkipped) }
    }

    /// The trails of declined payments as JSON lines, and how many were left out.
    var failedTrails: (lines: [String], skipped: Int) { state.withLock { ($0.failedTrails, $0.failedTrailsSkipped) } }

    /// A stand-in record for clearing: the clearing item and a result built from it (nothing else is read).
    static func record(of item: ClearingItem) -> PaymentRecord {
        let result = PaymentResult(
            paymentID: item.id, status: .approved, responseCode: "00", iso20022Status: "ACSP", declineReason: nil,
            merchantAmount: item.payeeAmount, payerAmount: item.payerAmount, merchantID: item.merchantID,
            approvalCode: nil,
            route: nil, transferID: item.transferID, pacs008MessageID: item.messageID,
            businessDate: item.businessDate.text)
        return PaymentRecord(
            result: result, trail: PaymentTrail(paymentID: item.id, request: ""), fingerprint: "",
            clearingItem: item, amounts: nil, messages: [], parties: nil)
    }

    /// A trail as one JSON line with sorted keys (equal trails, equal bytes). Trails hold card tokens and last
    /// four digits, never a PAN.
    static func trailLine(_ trail: PaymentTrail) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // A trail is strings, numbers and arrays: encoding cannot fail.
        return String(decoding: try! encoder.encode(trail), as: UTF8.self)
    }
}
