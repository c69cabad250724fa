import CorridorCBDC
import CorridorCore
import CorridorLedger
import Foundation
import Testing

/// Offline state that outlives a process: device snapshots on the holder's side, ``OfflineSync/restore()`` on the
/// platform's.
@Suite("Offline state restored")
struct OfflineRestoreTests {
    @Test func aDeviceSnapshotSignsOnWhereTheDeviceStopped() throws {
        var device = seededDevice("DRALICE", seed: 7)
        device.load(10_000)
        let first = try device.pay(1_000, to: "DRBOB", timestampMs: 1).get()
        let snapshot = device.snapshot
        let data = try JSONEncoder().encode(snapshot)
        var restored = try OfflineDevice(snapshot: JSONDecoder().decode(OfflineDevice.Snapshot.self, from: data))
        #expect(restored.id == device.id && restored.counter == 1 && restored.offlineBalanceMinorUnits == 9_000)
        let second = try restored.pay(2_000, to: "DRBOB", timestampMs: 2).get()
        #expect(second.counter == 2 && second.previousHash == first.hash)
        #expect(second.signature.count == 64 && restored.publicKey.isValidSignature(second.signature, for: second.signedBytes))

        var broken = snapshot
        broken.privateKey = "zz"
        #expect(throws: OfflineError.deviceKeyInvalid) { try OfflineDevice(snapshot: broken) }
    }

    @Test func aNewSyncKnowsDevicesDuplicatesAndChainsFromTheLedger() async throws {
        let world = try await OfflineWorld(wallets: ["DRALICE", "DRBOB", "DRCAFE"], fundedEachMinorUnits: 100_000)
        var alice = seededDevice("DRALICE", seed: 11)
        try await world.sync.registerDurably(device: alice.publicKey, wallet: "DRALICE")
        #expect(try await OfflineReserve(wallet: "DRALICE", device: alice.id, backend: world.ledger)
            .fund(50_000, idempotencyKey: "load") == .committed)
        alice.load(50_000)
        let clone = alice  // a cloned device: the same key and counter, another future
        let t1 = try alice.pay(10_000, to: "DRBOB", timestampMs: 1).get()
        let t2 = try alice.pay(5_000, to: "DRCAFE", timestampMs: 2).get()
        let first = try await world.sync.sync([t1, t2])
        #expect(first.postedCount == 2)

        // Another process: a fresh OfflineSync over the same ledger.
        let second = OfflineSync(backend: world.ledger)
        let summary = try await second.restore()
        #expect(summary.devices == 1 && summary.transfers == 2)
        var cloned = clone
        let forged = try cloned.pay(7_000, to: "DRCAFE", timestampMs: 3).get()  // counter 1 again, other hash
        let t3 = try alice.pay(1_000, to: "DRBOB", timestampMs: 4).get()
        let report = try await second.sync([t1, forged, t3])
        #expect(report.results.map(\.outcome) == [.duplicate, .posted(amountMinorUnits: 7_000), .posted(amountMinorUnits: 1_000)])
        #expect(report.conflicts.map(\.kind) == [.counterReused(standing: t1.hash)])
        #expect(report.newlyFlaggedWallets == ["DRALICE"])
        #expect(try await world.walletMinorUnits("DRBOB") == 100_000 + 11_000)
        try await world.expectInvariants([alice])
    }

    @Test func aDeviceRegisteredToAnotherWalletIsRefusedAfterRestore() async throws {
        let world = try await OfflineWorld(wallets: ["DRALICE", "DRBOB"], fundedEachMinorUnits: 1_000)
        let device = seededDevice("DRALICE", seed: 3)
        try await world.sync.registerDurably(device: device.publicKey, wallet: "DRALICE")
        let second = OfflineSync(backend: world.ledger)
        try await second.restore()
        await #expect(throws: OfflineError.deviceRegisteredToAnotherWallet(device.id)) {
            try await second.registerDurably(device: device.publicKey, wallet: "DRBOB")
        }
    }
}
