import CorridorCBDC
import CorridorCore
import CorridorGateway
import Crypto
import Foundation

/// The offline digital-ruble payments of `offline_wallets` faults, signed and waiting for their sync.
struct OfflineRuns {
    var sync: OfflineSync?
    var pending: [Int: [OfflineTransfer]] = [:]
}

extension TrafficEngine {
    /// Applies a fault event at its moment (the clock is there already).
    func apply(
        _ event: TrafficFaultSchedule.Event, stats: inout TrafficStatistics, fx: inout FXMirror,
        offline: inout OfflineRuns,
        directory: GatewayDirectory, random: inout ScenarioRandom
    ) async throws {
        switch event {
        case .offline(let bank, let flag):
            gateway.setOffline(bank, flag)
        case .fxJump(let base, let quote, let text):
            let mid = try FXRate(text: text)
            try gateway.setMid(base: base, quote: quote, mid: mid)
            try fx.setMid(base: base, quote: quote, mid: mid)
            stats.add("fx.jumps")
        case .sanctionsHit(let index, _, let bank, let merchant, let amount):
            let payload = try ScenarioMerchantCode.payload(merchant: merchant, amount: amount, directory: directory)
            let result = await gateway.submit(
                .qr(
                    QRPaymentDetails(
                        payload: payload, payer: BankPayer(bank: bank, reference: Self.sanctionsReference(index))),
                    id: "S\(index + 1)"))
            let hour = Int(clock.now().timeIntervalSince1970 - traffic.day.timeIntervalSince1970) / 3600
            stats.count(instrument: .bankQR, hour: min(23, hour), approved: result.isApproved)
            if let reason = result.declineReason {
                stats.decline(iso8583: reason.iso8583Code, iso20022: reason.iso20022Code, text: reason.text)
                if reason.text.contains("screening") { stats.add("sanctions.declined") }
            }
        case .offlineStart(let index):
            guard
                case .offlineWallets(
                    let groupID, let count, let payments, let merchant, let amount, let from, let syncAt) = faults[
                        index],
                let groupIndex = population.firstIndex(where: { $0.id == groupID })
            else { return }
            guard let payee = directory.merchant(merchant)?.cbdcWallet else {
                throw ScenarioError(
                    line: nil, key: "faults[\(index)].offline_wallets.merchant",
                    "merchant \(merchant) has no cbdc_wallet")
            }
            let sync = offline.sync ?? OfflineSync(backend: backend)
            offline.sync = sync
            let group = population[groupIndex]
            let holders = (0..<group.size).lazy.map { Tourist(group: group, groupIndex: groupIndex, index: $0) }
                .filter { $0.instrument == .cbdcWallet }.prefix(count)
            var signed: [OfflineTransfer] = []
            for tourist in holders {
                let keyBytes = (0..<4).flatMap { _ in withUnsafeBytes(of: random.next().littleEndian) { Array($0) } }
                var device = OfflineDevice(
                    wallet: tourist.walletID, privateKey: try Curve25519.Signing.PrivateKey(rawRepresentation: keyBytes)
                )
                try await sync.registerDurably(device: device.publicKey, wallet: tourist.walletID)
                let reserve = amount.minorUnits * Int64(payments)
                let funded = try await OfflineReserve(wallet: tourist.walletID, device: device.id, backend: backend)
                    .fund(reserve, idempotencyKey: "OFFLINE-\(index)-\(tourist.walletHolder)")
                guard funded.isCommitted else {
                    stats.add("offline.unfunded")
                    continue
                }
                device.load(reserve)
                let startMs = traffic.day.unixMilliseconds + Int64(from) * 1000
                let stepMs = Int64(syncAt - from) * 1000 / Int64(payments + 1)
                for payment in 0..<payments {
                    if case .success(let transfer) = device.pay(
                        amount.minorUnits, to: payee, timestampMs: startMs + stepMs * Int64(payment + 1))
                    {
                        signed.append(transfer)
                        stats.add("offline.signed")
                    }
                }
            }
            offline.pending[index] = signed
        case .offlineSync(let index):
            guard let sync = offline.sync, let transfers = offline.pending.removeValue(forKey: index),
                !transfers.isEmpty
            else { return }
            let report = try await sync.sync(transfers)
            stats.add("offline.posted", report.postedCount)
            stats.add("offline.rejected", report.rejectedCount)
            stats.add("offline.conflicts", report.conflicts.count)
        }
    }
}
