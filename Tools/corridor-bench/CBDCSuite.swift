import CorridorCBDC
import CorridorCore
import CorridorLedger
import CorridorLedgerSQLite
import Foundation

/// `corridor-bench cbdc` (issue 6 §6): digital-ruble wallet-to-merchant (C2B) payments through
/// `DigitalRublePlatform.pay` on the in-memory and the SQLite (`synchronous=FULL`) ledger with ``inFlight`` payments in
/// flight, and offline sync: verifying the Ed25519 signatures of and posting signed offline transfers
/// (`OfflineSync.sync`, signatures checked on every core).
///
/// Metrics: `memory_wallet_payments_per_s`, `sqlite_wallet_payments_per_s` (with `fsync_ms`), `offline_sync_per_s`.
/// Each payment figure is the best of three rounds of fresh payment ids on one platform after a warm-up.
/// `CORRIDOR_BENCH_CBDC` (a comma-separated subset of `memory,sqlite,offline`) picks the parts.
enum CBDCSuite {
    static let inFlight = 256
    static let payers = 2_000
    static let merchants = 50

    static func run(_ options: BenchOptions) async throws {
        let parts = ProcessInfo.processInfo.environment["CORRIDOR_BENCH_CBDC"].map {
            Set($0.split(separator: ",").map(String.init))
        } ?? ["memory", "sqlite", "offline"]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-bench-cbdc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        if parts.contains("memory") {
            try await payments(InMemorySettlementBackend(), metric: "memory_wallet_payments_per_s", fsyncMs: nil,
                               perRound: options.quick ? 10_000 : 200_000)
        }
        if parts.contains("sqlite") {
            let fsyncMs = try FlushTimer.medianMs(in: directory, samples: options.quick ? 10 : 50)
            let ledger = try SQLiteSettlementBackend(path: directory.appendingPathComponent("cbdc.sqlite").path, durability: .full)
            try await payments(ledger, metric: "sqlite_wallet_payments_per_s", fsyncMs: fsyncMs,
                               perRound: options.quick ? 4_000 : 60_000)
        }
        if parts.contains("offline") { try await offlineSync(transferCount: options.quick ? 20_000 : 200_000) }
    }

    private static func kopecks(_ value: Int64) -> Money { Money(minorUnits: value, currency: .rub) }

    /// C2B payments from `payers` persons to `merchants` companies, the same mix every round.
    private static func payments(
        _ ledger: any SettlementBackend, metric: String, fsyncMs: Double?, perRound: Int
    ) async throws {
        let platform = DigitalRublePlatform(backend: ledger)
        try await platform.registerBank(id: "bench-bank", reserves: kopecks(100_000_000_000_00), c2bFeeRateBps: 30)
        var payerIDs: [WalletID] = []
        for index in 0..<payers {
            let holder = "payer-\(index)"
            let wallet = try await platform.openWallet(holder: holder, name: "Payer \(index)", type: .person, bank: "bench-bank")
            try await platform.fundDeposit(customer: holder, bank: "bench-bank", amount: kopecks(100_000_000), reference: "bench")
            let converted = await platform.convertToDigital(id: "bench-convert-\(index)", wallet: wallet.id, bank: "bench-bank",
                                                            amount: kopecks(90_000_000))
            precondition(converted.isApproved, "bench conversion: \(String(describing: converted.declineReason))")
            payerIDs.append(wallet.id)
        }
        var merchantIDs: [WalletID] = []
        for index in 0..<merchants {
            merchantIDs.append(try await platform.openWallet(
                holder: "merchant-\(index)", name: "Merchant \(index)", type: .company, bank: "bench-bank").id)
        }
        func requests(_ prefix: String, count: Int) -> [CBDCPaymentRequest] {
            var random = SeededRandom(seed: UInt64(count) &+ UInt64(prefix.utf8.reduce(0) { $0 &* 31 &+ Int($1) }))
            return (0..<count).map { index in
                CBDCPaymentRequest(
                    id: "\(prefix)-\(index)", kind: .c2b, payer: payerIDs[Int(random.next() % UInt64(payers))],
                    payee: merchantIDs[Int(random.next() % UInt64(merchants))], amount: kopecks(Int64(random.next() % 50_000) + 100))
            }
        }
        _ = try await submit(requests("W", count: max(1_000, perRound / 10)), to: platform)
        var rates: [Double] = []
        for round in 1...3 {
            let batch = requests("R\(round)", count: perRound)
            var approved = 0
            let seconds = try await Stopwatch.seconds { approved = try await submit(batch, to: platform) }
            precondition(approved == batch.count, "\(batch.count - approved) bench payments declined")
            rates.append(Double(batch.count) / seconds)
        }
        let issuance = try await platform.verifyIssuance()
        precondition(issuance.holds, "issuance invariant after the bench: \(issuance)")
        MetricLine(
            suite: "cbdc", metric: metric, value: rates.max()!.rounded(), unit: "1/s", fsyncMs: fsyncMs,
            note: "C2B, \(payers) payers → \(merchants) merchants, fee 30 bps, \(inFlight) in flight; best of 3×\(perRound): "
                + rates.map { "\(Int($0.rounded()))" }.joined(separator: "/")
        ).emit()
    }

    /// Pays every request with at most ``inFlight`` running; returns how many were approved.
    private static func submit(_ requests: [CBDCPaymentRequest], to platform: DigitalRublePlatform) async throws -> Int {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            var approved = 0
            var next = 0
            while next < min(inFlight, requests.count) {
                let request = requests[next]
                group.addTask { await platform.pay(request).isApproved }
                next += 1
            }
            while let ok = try await group.next() {
                if ok { approved += 1 }
                if next < requests.count {
                    let request = requests[next]
                    group.addTask { await platform.pay(request).isApproved }
                    next += 1
                }
            }
            return approved
        }
    }

    /// Signs `transferCount` offline transfers on 1,000 devices (outside the timing), then times one sync of them all.
    private static func offlineSync(transferCount: Int) async throws {
        let ledger = InMemorySettlementBackend()
        let funding = AccountID(UInt128(0xB0B))
        let deviceCount = 1_000
        _ = try await ledger.createAccounts([Account(id: funding, currency: .rub, owner: "bench", kind: .other)])
        let sync = OfflineSync(backend: ledger)
        var devices: [OfflineDevice] = []
        for index in 0..<deviceCount {
            let wallet = "DRBENCH\(index)"
            _ = try await ledger.createAccounts([CBDCHolding.wallet.account(id: CBDCAccounts.wallet(wallet), owner: wallet)])
            _ = try await ledger.post([Transfer.single(
                id: CBDCAccounts.transferID("bench-fund/\(index)"), debit: funding, credit: CBDCAccounts.wallet(wallet),
                amount: kopecks(10_000_000))])
            var device = OfflineDevice(wallet: wallet)
            try await sync.register(device: device.publicKey, wallet: wallet)
            let outcome = try await OfflineReserve(wallet: wallet, device: device.id, backend: ledger)
                .fund(10_000_000, idempotencyKey: "bench")
            precondition(outcome.isCommitted, "bench reserve")
            device.load(10_000_000)
            devices.append(device)
        }
        var transfers: [OfflineTransfer] = []
        transfers.reserveCapacity(transferCount)
        for index in 0..<transferCount {
            let payer = index % deviceCount
            let payee = "DRBENCH\((payer + 1 + index / deviceCount) % deviceCount)"
            guard case .success(let transfer) = devices[payer].pay(100, to: payee, timestampMs: Int64(index)) else {
                preconditionFailure("bench device refused to sign")
            }
            transfers.append(transfer)
        }
        var shuffler = SeededRandom(seed: 99)
        transfers.shuffle(using: &shuffler)
        var report = SyncReport()
        let seconds = try await Stopwatch.seconds { report = try await sync.sync(transfers) }
        precondition(report.postedCount == transferCount && report.conflicts.isEmpty, "bench sync posted \(report.postedCount)")
        MetricLine(
            suite: "cbdc", metric: "offline_sync_per_s", value: (Double(transferCount) / seconds).rounded(), unit: "1/s",
            note: "\(transferCount) signed transfers from \(deviceCount) devices, shuffled, one sync: Ed25519 verify on "
                + "\(ProcessInfo.processInfo.activeProcessorCount) cores + chain checks + postings (in-memory ledger)"
        ).emit()
    }
}
