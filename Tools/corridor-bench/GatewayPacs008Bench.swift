import CorridorGateway
import CorridorISO20022
import CorridorLedger
import Foundation

/// Measures `pacs008_per_s` (issue 5 §5): writing a pacs.008.001.08 and its head.001.001.02 header to XML
/// (`BusinessMessage.xml()`, pretty-printed, names transliterated for CBPR+) on one core.
///
/// The messages are real ones: the gateway's own, taken from the records of ``sampleCount`` cross-border QR
/// payments (Cyrillic and Chinese payer and merchant names, converted amounts with an exchange rate). Timed on the
/// thread's CPU clock, best of ``rounds`` (as ISO8583PackBench.swift explains, wall-clock rounds on this shared
/// 2-core machine measure other people's builds too).
enum GatewayPacs008Bench {
    static let sampleCount = 1_024
    static let rounds = 3

    static func run(_ options: BenchOptions) async throws {
        let messages = try await sampleMessages()
        let iterations = options.quick ? 10_000 : 100_000
        var bytes = 0
        for message in messages {
            let xml = try message.xml()
            bytes += xml.header.utf8.count + xml.document.utf8.count
        }
        var checksum = 0
        for index in 0..<(iterations / 10) { checksum &+= try write(messages[index % messages.count]) }
        var best = 0.0
        var rates: [Double] = []
        for _ in 0..<rounds {
            let seconds = try ThreadCPUClock.seconds {
                for index in 0..<iterations { checksum &+= try write(messages[index % messages.count]) }
            }
            rates.append(Double(iterations) / seconds)
            best = max(best, Double(iterations) / seconds)
        }
        precondition(checksum > 0, "the loop did no work")
        let note = "head.001 + pacs.008 from \(messages.count) gateway payments, \(bytes / messages.count) B average, "
            + "one core, thread CPU time, best of \(rounds)×\(iterations): "
            + rates.map { "\(Int($0.rounded()))" }.joined(separator: "/")
        MetricLine(suite: "gateway", metric: "pacs008_per_s", value: best.rounded(), unit: "1/s", note: note).emit()
    }

    /// Writes one message; returns its length so the work cannot be optimized away.
    @inline(never)
    static func write(_ message: BusinessMessage<CustomerCreditTransfer>) throws -> Int {
        let xml = try message.xml()
        return xml.header.utf8.count &+ xml.document.utf8.count
    }

    /// The pacs.008s of ``sampleCount`` payments on a small in-memory gateway.
    private static func sampleMessages() async throws -> [BusinessMessage<CustomerCreditTransfer>] {
        let world = try await GatewayBenchWorld.make(backend: InMemorySettlementBackend())
        let requests = try GatewayBenchWorld.requests(prefix: "X", count: sampleCount, seed: 8)
        let outcome = await world.submit(requests)
        guard outcome.approved == requests.count else {
            throw GatewaySuite.Failure("\(requests.count - outcome.approved) pacs.008 sample payments declined")
        }
        var messages: [BusinessMessage<CustomerCreditTransfer>] = []
        for request in requests {
            guard let id = request.id, let record = try await world.gateway.record(id) else { continue }
            for case .pacs008(let message) in record.messages { messages.append(message) }
        }
        guard messages.count == requests.count else {
            throw GatewaySuite.Failure("\(messages.count) pacs.008 kept for \(requests.count) cross-border payments")
        }
        return messages
    }
}
