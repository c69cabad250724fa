import CorridorCBDC
import CorridorCore
import CorridorLedger
import Foundation
import Testing

/// Wallets on an in-memory ledger, funded from a test funding account, with one offline device each.
struct OfflineWorld {
    let ledger: any SettlementBackend = InMemorySettlementBackend()
    let sync: OfflineSync
    let wallets: [String]
    let fundedEachMinorUnits: Int64
    static let funding = AccountID(UInt128(0xF00D))
    static let rub = Currency(alphaCode: "RUB")!

    init(wallets: [String], fundedEachMinorUnits: Int64) async throws {
        sync = OfflineSync(backend: ledger)
        self.wallets = wallets
        self.fundedEachMinorUnits = fundedEachMinorUnits
        var accounts = [Account(id: Self.funding, currency: Self.rub, owner: "test-funding", kind: .other)]
        accounts += wallets.map {
            Account(id: CBDCAccounts.wallet($0), currency: Self.rub, owner: $0, kind: .wallet,
                    flags: .debitsMustNotExceedCredits)
        }
        #expect(try await ledger.createAccounts(accounts).allSatisfy { $0 == .created })
        let transfers = wallets.map {
            Transfer.single(id: CBDCAccounts.transferID("test-funding/\($0)"), debit: Self.funding,
                            credit: CBDCAccounts.wallet($0),
                            amount: Money(minorUnits: fundedEachMinorUnits, currency: Self.rub))
        }
        #expect(try await ledger.post(transfers).allSatisfy(\.isCommitted))
    }

    /// A seeded device for a wallet, registered, with `reserve` kopecks moved into its reserve and loaded.
    func device(for wallet: String, seed: UInt64, reserve: Int64) async throws -> OfflineDevice {
        var device = seededDevice(wallet, seed: seed)
        try await sync.register(device: device.publicKey, wallet: wallet)
        let outcome = try await OfflineReserve(wallet: wallet, device: device.id, backend: ledger)
            .fund(reserve, idempotencyKey: "load-1")
        #expect(outcome == .committed)
        device.load(reserve)
        return device
    }

    func walletMinorUnits(_ wallet: String) async throws -> Int64 {
        try await ledger.balance(of: CBDCAccounts.wallet(wallet))!.netCredit.minorUnits
    }

    func reserveMinorUnits(_ device: OfflineDevice) async throws -> Int64 {
        try await OfflineReserve(wallet: device.wallet, device: device.id, backend: ledger).balanceMinorUnits()
    }

    /// The ledger is consistent, and wallets plus reserves hold exactly what was funded.
    func expectInvariants(_ devices: [OfflineDevice], sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let verification = try await ledger.verify()
        #expect(verification.isBalanced, "\(verification.problems)", sourceLocation: sourceLocation)
        var held: Int64 = 0
        for wallet in wallets { held += try await walletMinorUnits(wallet) }
        for device in devices { held += try await reserveMinorUnits(device) }
        #expect(held == fundedEachMinorUnits * Int64(wallets.count), sourceLocation: sourceLocation)
        let funding = try await ledger.balance(of: Self.funding)!
        #expect(funding.debitsPosted == held, sourceLocation: sourceLocation)
    }
}

@Suite("Offline sync")
struct OfflineSyncTests {
    @Test func fundingMovesWalletToReserveOnceAndReleaseReturnsIt() async throws {
        let world = try await OfflineWorld(wallets: ["alice"], fundedEachMinorUnits: 10_000)
        let device = seededDevice("alice", seed: 1)
        let reserve = OfflineReserve(wallet: "alice", device: device.id, backend: world.ledger)
        #expect(try await reserve.fund(3_000, idempotencyKey: "k1") == .committed)
        #expect(try await reserve.fund(3_000, idempotencyKey: "k1") == .committed)  // a retry, not a second move
        #expect(try await reserve.fund(2_000, idempotencyKey: "k1") == .rejected(.idReusedWithDifferentBody))
        #expect(try await reserve.balanceMinorUnits() == 3_000)
        #expect(try await world.walletMinorUnits("alice") == 7_000)
        #expect(try await reserve.fund(7_001, idempotencyKey: "k2")
            == .rejected(.exceedsCredits(CBDCAccounts.wallet("alice"))))
        #expect(try await reserve.release(1_000, idempotencyKey: "r1") == .committed)
        #expect(try await reserve.release(2_001, idempotencyKey: "r2") == .rejected(.exceedsCredits(reserve.accountID)))
        #expect(try await reserve.balanceMinorUnits() == 2_000)
        #expect(try await world.walletMinorUnits("alice") == 8_000)
        #expect(reserve.accountID == CBDCAccounts.offlineReserve(of: "alice", device: device.id.hex))
        try await world.expectInvariants([device])
    }

    @Test func validTransfersArePostedFromReserveToPayeeAndReplaysAreDuplicates() async throws {
        let world = try await OfflineWorld(wallets: ["alice", "bob", "carol"], fundedEachMinorUnits: 10_000)
        var alice = try await world.device(for: "alice", seed: 1, reserve: 5_000)
        let bob = seededDevice("bob", seed: 2)
        let first = try alice.pay(1_200, to: "bob", payeeDevice: bob.id, timestampMs: 1).get()
        let second = try alice.pay(800, to: "carol", timestampMs: 2).get()
        let report = try await world.sync.sync([second, first])  // reordered within one sync
        #expect(report.results.map(\.outcome) == [.posted(amountMinorUnits: 800), .posted(amountMinorUnits: 1_200)])
        #expect(report.conflicts.isEmpty && report.gaps.isEmpty && report.postedMinorUnits == 2_000)
        #expect(try await world.walletMinorUnits("bob") == 11_200)
        #expect(try await world.walletMinorUnits("carol") == 10_800)
        #expect(try await world.reserveMinorUnits(alice) == 3_000)
        let replay = try await world.sync.sync([first, second, first])
        #expect(replay.results.map(\.outcome) == [.duplicate, .duplicate, .duplicate])
        #expect(try await world.walletMinorUnits("bob") == 11_200)
        #expect(await world.sync.flaggedWallets.isEmpty)
        // A second platform instance over the same ledger cannot move the same transfer's money again.
        let restarted = OfflineSync(backend: world.ledger)
        try await restarted.register(device: alice.publicKey, wallet: "alice")
        _ = try await restarted.sync([first])
        #expect(try await world.walletMinorUnits("bob") == 11_200)
        try await world.expectInvariants([alice])
    }

    @Test func transfersArrivingOutOfOrderAcrossSyncsArePostedAndTheGapIsReported() async throws {
        let world = try await OfflineWorld(wallets: ["alice", "bob", "carol"], fundedEachMinorUnits: 10_000)
        var alice = try await world.device(for: "alice", seed: 1, reserve: 3_000)
        let one = try alice.pay(100, to: "bob", timestampMs: 1).get()
        let two = try alice.pay(200, to: "carol", timestampMs: 2).get()
        let three = try alice.pay(300, to: "bob", timestampMs: 3).get()
        let late = try await world.sync.sync([three])  // carol and bob's first have not synced yet
        #expect(late.results.map(\.outcome) == [.posted(amountMinorUnits: 300)])
        #expect(late.gaps == [OfflineCounterGap(device: alice.id, missing: 1...2)])
        let rest = try await world.sync.sync([two, one])
        #expect(rest.results.map(\.outcome) == [.posted(amountMinorUnits: 200), .posted(amountMinorUnits: 100)])
        #expect(rest.conflicts.isEmpty && rest.gaps.isEmpty)
        #expect(await world.sync.flaggedWallets.isEmpty)
        #expect(try await world.walletMinorUnits("bob") == 10_400)
        #expect(try await world.reserveMinorUnits(alice) == 2_400)
        try await world.expectInvariants([alice])
    }

    @Test func forgedTamperedAndUnknownTransfersAreRejectedWithoutFlagging() async throws {
        let world = try await OfflineWorld(wallets: ["alice", "bob"], fundedEachMinorUnits: 10_000)
        var alice = try await world.device(for: "alice", seed: 1, reserve: 5_000)
        var mallory = seededDevice("alice", seed: 66)  // not registered
        mallory.load(5_000)
        let genuine = try alice.pay(100, to: "bob", timestampMs: 1).get()
        let tampered = try OfflineTransfer(
            payerWallet: genuine.payerWallet, payerDevice: genuine.payerDevice, payeeWallet: "bob", payeeDevice: nil,
            amountMinorUnits: 4_900, counter: genuine.counter, previousHash: genuine.previousHash,
            timestampMs: genuine.timestampMs, signature: genuine.signature
        )
        var forgedSignature = genuine.signature
        forgedSignature[10] ^= 0x01
        let forged = genuine.withSignature(forgedSignature)
        let unknown = try mallory.pay(100, to: "bob", timestampMs: 1).get()
        let toNowhere = try alice.pay(50, to: "nobody", timestampMs: 2).get()
        let report = try await world.sync.sync([tampered, forged, unknown, toNowhere])
        #expect(report.results.map(\.outcome) == [
            .rejected(.signatureInvalid), .rejected(.signatureInvalid), .rejected(.deviceUnknown(mallory.id)),
            .rejected(.payeeWalletUnknown("nobody")),
        ])
        #expect(report.postedMinorUnits == 0)
        #expect(await world.sync.flaggedWallets.isEmpty)
        // The genuine transfer still goes through afterwards.
        #expect(try await world.sync.sync([genuine]).results.map(\.outcome) == [.posted(amountMinorUnits: 100)])
        #expect(try await world.walletMinorUnits("bob") == 10_100)
        try await world.expectInvariants([alice])
    }

    @Test func clonedDeviceDoubleSpendPaysTheFirstInFullAndTheSecondFromWhatIsLeft() async throws {
        let world = try await OfflineWorld(wallets: ["mallory", "bob", "carol"], fundedEachMinorUnits: 10_000)
        var original = try await world.device(for: "mallory", seed: 1, reserve: 1_000)
        var clone = original  // same key, same counter: a cloned secure element
        let toBob = try original.pay(700, to: "bob", timestampMs: 1).get()
        let toCarol = try clone.pay(600, to: "carol", timestampMs: 1).get()
        #expect(toBob.counter == toCarol.counter)
        let first = try await world.sync.sync([toBob])
        #expect(first.results.map(\.outcome) == [.posted(amountMinorUnits: 700)])
        let second = try await world.sync.sync([toCarol])
        #expect(second.results.map(\.outcome) == [.partiallyPosted(amountMinorUnits: 300, shortfallMinorUnits: 300)])
        #expect(Set(second.conflicts.map(\.kind)) == [
            .counterReused(standing: toBob.hash), .exceedsReserve(shortfallMinorUnits: 300),
        ])
        #expect(second.newlyFlaggedWallets == ["mallory"])
        #expect(await world.sync.flaggedWallets == ["mallory"])
        #expect(try await world.walletMinorUnits("bob") == 10_700)
        #expect(try await world.walletMinorUnits("carol") == 10_300)
        #expect(try await world.reserveMinorUnits(original) == 0)
        try await world.expectInvariants([original])
    }

    @Test func sameCounterDoubleSpendWithinTheReserveIsPostedInFullAndStillFlagged() async throws {
        let world = try await OfflineWorld(wallets: ["mallory", "bob", "carol"], fundedEachMinorUnits: 10_000)
        var original = try await world.device(for: "mallory", seed: 1, reserve: 1_000)
        var clone = original
        let toBob = try original.pay(100, to: "bob", timestampMs: 1).get()
        let toCarol = try clone.pay(100, to: "carol", timestampMs: 1).get()
        let report = try await world.sync.sync([toCarol, toBob])
        // Same device and counter: ordered by arrival, so carol's stands and bob's is the conflicting one.
        #expect(report.results.map(\.outcome) == [.posted(amountMinorUnits: 100), .posted(amountMinorUnits: 100)])
        #expect(report.conflicts.map(\.kind) == [.counterReused(standing: toCarol.hash)])
        #expect(report.conflicts.map(\.transferHash) == [toBob.hash])
        #expect(await world.sync.flaggedWallets == ["mallory"])
        try await world.expectInvariants([original])
    }

    @Test func forkedChainIsDetectedWhenTheNeighboursMeet() async throws {
        let world = try await OfflineWorld(wallets: ["mallory", "bob", "carol"], fundedEachMinorUnits: 10_000)
        var original = try await world.device(for: "mallory", seed: 1, reserve: 5_000)
        var clone = original
        _ = try original.pay(10, to: "bob", timestampMs: 1).get()  // never synced
        let cloneFirst = try clone.pay(20, to: "carol", timestampMs: 1).get()  // never synced
        let originalSecond = try original.pay(30, to: "bob", timestampMs: 2).get()
        let report = try await world.sync.sync([originalSecond])
        #expect(report.conflicts.isEmpty)
        let cloneSecond = try clone.pay(40, to: "carol", timestampMs: 2).get()
        let clash = try await world.sync.sync([cloneSecond])
        #expect(clash.conflicts.map(\.kind) == [.counterReused(standing: originalSecond.hash)])
        let forkReport = try await world.sync.sync([cloneFirst])
        // Counter 1 is free, but its hash is not what the accepted counter 2 says came before it.
        #expect(forkReport.conflicts.map(\.kind) == [.chainBroken(neighbour: originalSecond.hash)])
        #expect(forkReport.results.map(\.outcome) == [.posted(amountMinorUnits: 20)])
        #expect(await world.sync.flaggedWallets == ["mallory"])
        try await world.expectInvariants([original])
    }

    @Test func deviceLoadedBeyondItsReserveIsCaughtWhenTheReserveRunsOut() async throws {
        let world = try await OfflineWorld(wallets: ["mallory", "bob"], fundedEachMinorUnits: 10_000)
        var device = try await world.device(for: "mallory", seed: 1, reserve: 500)
        device.load(1_000)  // claims funds it never moved into the reserve
        let a = try device.pay(400, to: "bob", timestampMs: 1).get()
        let b = try device.pay(400, to: "bob", timestampMs: 2).get()
        let c = try device.pay(400, to: "bob", timestampMs: 3).get()
        let report = try await world.sync.sync([c, a, b])
        #expect(report.results.map(\.outcome) == [
            .unfunded(shortfallMinorUnits: 400), .posted(amountMinorUnits: 400),
            .partiallyPosted(amountMinorUnits: 100, shortfallMinorUnits: 300),
        ])
        #expect(await world.sync.flaggedWallets == ["mallory"])
        #expect(try await world.sync.sync([c]).results.map(\.outcome) == [.duplicate])
        #expect(try await world.walletMinorUnits("bob") == 10_500)
        try await world.expectInvariants([device])
    }

    @Test func payingTheOwnWalletReturnsUnspentReserve() async throws {
        let world = try await OfflineWorld(wallets: ["alice", "bob"], fundedEachMinorUnits: 10_000)
        var alice = try await world.device(for: "alice", seed: 1, reserve: 2_000)
        let spend = try alice.pay(500, to: "bob", timestampMs: 1).get()
        let back = try alice.pay(alice.offlineBalanceMinorUnits, to: "alice", timestampMs: 2).get()
        _ = try await world.sync.sync([back, spend])
        #expect(try await world.reserveMinorUnits(alice) == 0)
        #expect(try await world.walletMinorUnits("alice") == 9_500)
        #expect(await world.sync.flaggedWallets.isEmpty)
        try await world.expectInvariants([alice])
    }

    @Test func registeringAKeyForAnotherWalletIsRefused() async throws {
        let world = try await OfflineWorld(wallets: ["alice"], fundedEachMinorUnits: 1)
        let device = seededDevice("alice", seed: 1)
        #expect(try await world.sync.register(device: device.publicKey, wallet: "alice") == device.id)
        #expect(try await world.sync.register(device: device.publicKey, wallet: "alice") == device.id)
        await #expect(throws: OfflineError.deviceRegisteredToAnotherWallet(device.id)) {
            try await world.sync.register(device: device.publicKey, wallet: "bob")
        }
    }
}
