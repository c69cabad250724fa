#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CorridorGateway
import CorridorLedger
import CorridorLedgerSQLite
import Foundation

/// Measures `memory_payments_per_s` and `sqlite_payments_per_s` (issue 5 §5): cross-border QR payments end to end in
/// process through `Gateway.submit` — parse the EMV or SBP payload, resolve merchant and payer, screen four names,
/// quote, authorize (the ledger's no-overdraft rule), post one atomic multi-leg transfer (group commit through the
/// batch poster), build the pacs.008 and pacs.002, save the record — with ``GatewayBenchWorld/inFlight`` payments in
/// flight.
///
/// One gateway per backend: a warm-up of a tenth of a round (creates the booking accounts, fills the screening
/// name cache), then three timed rounds of fresh payment ids on the same gateway; the figure is the best round
/// (wall clock: the work spans both cores), the note lists all three and the process CPU time per payment (which
/// other processes on the machine do not inflate). On SQLite the ledger is a `synchronous=FULL`
/// file in the suite's temporary directory and the records stay in the in-memory store (the bench target does
/// not depend on CorridorGatewaySQLite).
enum GatewayPaymentBench {
    enum Backend: String {
        case memory, sqlite
    }

    static let rounds = 3

    /// Runs the rounds on a fresh gateway over `backend` and prints the figure.
    static func run(_ backend: Backend, directory: URL, fsyncMs: Double?, options: BenchOptions) async throws {
        var perRound: Int
        switch backend {
        case .memory: perRound = options.quick ? 10_000 : 100_000
        case .sqlite: perRound = options.quick ? 4_000 : 40_000
        }
        if let count = ProcessInfo.processInfo.environment["CORRIDOR_BENCH_GATEWAY_PAYMENTS"].flatMap({ Int($0) }) {
            perRound = max(1, count)
        }
        let ledger: any SettlementBackend
        switch backend {
        case .memory: ledger = InMemorySettlementBackend()
        case .sqlite: ledger = try SQLiteSettlementBackend(
            path: directory.appendingPathComponent("gateway-\(UUID().uuidString).sqlite").path, durability: .full)
        }
        let world = try await GatewayBenchWorld.make(backend: ledger)
        let letter = backend == .memory ? "M" : "S"

        let warmUp = try GatewayBenchWorld.requests(prefix: "\(letter)W", count: max(1_000, perRound / 10), seed: 100)
        try check(await world.submit(warmUp), count: warmUp.count)
        var rates: [Double] = []
        var cpuMicroseconds: [Double] = []
        for round in 1...rounds {
            let requests = try GatewayBenchWorld.requests(
                prefix: "\(letter)\(round)", count: perRound, seed: UInt64(round))
            var outcome: (approved: Int, firstDecline: PaymentResult?) = (0, nil)
            let cpuBefore = ProcessCPU.seconds()
            let seconds = await Stopwatch.seconds { outcome = await world.submit(requests) }
            cpuMicroseconds.append((ProcessCPU.seconds() - cpuBefore) * 1e6 / Double(requests.count))
            try check(outcome, count: requests.count)
            rates.append(Double(requests.count) / seconds)
        }
        func list(_ values: [Double]) -> String { values.map { "\(Int($0.rounded()))" }.joined(separator: "/") }
        var note = "cross-border QR (RU→CN EMV, CN→RU SBP/EMV), \(GatewayBenchWorld.inFlight) in flight, "
        note += "\(GatewayBenchWorld.customersPerBank * 2) payers; best of \(rounds)×\(perRound) after "
        note += "\(warmUp.count) warm-up: \(list(rates)); process CPU µs per payment \(list(cpuMicroseconds))"
        if backend == .sqlite { note += "; synchronous=FULL, records in memory" }
        MetricLine(suite: "gateway", metric: "\(backend.rawValue)_payments_per_s", value: rates.max()!.rounded(),
                   unit: "1/s", fsyncMs: fsyncMs, note: note).emit()
    }


    private static func check(_ outcome: (approved: Int, firstDecline: PaymentResult?), count: Int) throws {
        guard outcome.approved == count else {
            let reason = outcome.firstDecline.map { "\($0.responseCode) \($0.declineReason.map { "\($0)" } ?? "")" }
            throw GatewaySuite.Failure(
                "\(count - outcome.approved) of \(count) bench payments declined, first: \(reason ?? "?")")
        }
    }
}
