import CorridorCBDC
import CorridorCore
import CorridorLedger
import Foundation
import Testing

@Suite("Offline sync, random exchanges")
struct OfflineSyncPropertyTests {
    /// Seeds; the last one delivers everything in one sync (past the verification chunk size, so on every core).
    static let seeds: [UInt64] = [1, 2, 3, 4, 5]

    @Test(arguments: seeds)
    func randomExchangesConserveMoneyAndFlagExactlyTheCheaters(seed: UInt64) async throws {
        var random = SeededRandom(seed: seed)
        let wallets = (0..<12).map { "wallet-\($0)" }
        let world = try await OfflineWorld(wallets: wallets, fundedEachMinorUnits: 100_000)
        var devices: [OfflineDevice] = []
        var reserves: [Int64] = []
        for (index, wallet) in wallets.enumerated() {
            let reserve = Int64.random(in: 5_000...20_000, using: &random)
            devices.append(try await world.device(for: wallet, seed: seed &* 1_000 &+ UInt64(index), reserve: reserve))
            reserves.append(reserve)
        }

        // Three cheaters: two clone their device, one loads twice what it funded.
        let cheaters = Array((0..<wallets.count).shuffled(using: &random).prefix(3))
        var signers = devices
        for (role, index) in cheaters.enumerated() {
            if role == 1 {
                signers[index].load(reserves[index])
            } else {
                signers.append(signers[index])
            }
        }

        var genuine: [OfflineTransfer] = []
        for step in 0..<1_200 {
            let signer = Int.random(in: 0..<signers.count, using: &random)
            let payee = wallets.randomElement(using: &random)!
            let amount = Int64.random(in: 1...1_500, using: &random)
            if case .success(let transfer) = signers[signer].pay(amount, to: payee, timestampMs: Int64(step)) {
                genuine.append(transfer)
            }
        }
        // Every signer spends what it has left, so every cheater really cheats and every reserve is used up.
        for signer in signers.indices where signers[signer].offlineBalanceMinorUnits > 0 {
            let payee = wallets.randomElement(using: &random)!
            let amount = signers[signer].offlineBalanceMinorUnits
            genuine.append(try signers[signer].pay(amount, to: payee, timestampMs: 10_000 + Int64(signer)).get())
        }

        // What the platform receives: every transfer, replays, forgeries and tampered amounts, in random order.
        var delivered = genuine
        delivered += genuine.shuffled(using: &random).prefix(genuine.count / 5)
        var tamperedHashes: Set<OfflineTransferHash> = []
        var forgedSignatures: Set<[UInt8]> = []
        for transfer in genuine.shuffled(using: &random).prefix(40) {
            var signature = transfer.signature
            signature[Int.random(in: 0..<64, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
            let forged = transfer.withSignature(signature)
            let tampered = try OfflineTransfer(
                payerWallet: transfer.payerWallet, payerDevice: transfer.payerDevice, payeeWallet: transfer.payeeWallet,
                payeeDevice: nil, amountMinorUnits: transfer.amountMinorUnits + 1_000, counter: transfer.counter,
                previousHash: transfer.previousHash, timestampMs: transfer.timestampMs, signature: transfer.signature
            )
            delivered += [forged, tampered]
            tamperedHashes.insert(tampered.hash)
            forgedSignatures.insert(signature)
        }
        delivered.shuffle(using: &random)

        var firstOutcome: [OfflineTransferHash: OfflineSyncOutcome] = [:]
        var rest = delivered[...]
        while !rest.isEmpty {
            let size = seed == Self.seeds.last ? rest.count : Int.random(in: 1...120, using: &random)
            let batch = Array(rest.prefix(size))
            rest = rest.dropFirst(size)
            let report = try await world.sync.sync(batch)
            #expect(report.results.count == batch.count)
            for (transfer, result) in zip(batch, report.results) {
                #expect(result.transferHash == transfer.hash)
                if tamperedHashes.contains(transfer.hash) || forgedSignatures.contains(transfer.signature) {
                    #expect(result.outcome == .rejected(.signatureInvalid))
                } else if firstOutcome[transfer.hash] == nil {
                    #expect(result.outcome != .duplicate)
                    firstOutcome[transfer.hash] = result.outcome
                } else {
                    #expect(result.outcome == .duplicate)
                }
            }
            try await world.expectInvariants(devices)
        }

        let cheaterWallets = Set(cheaters.map { wallets[$0] })
        #expect(await world.sync.flaggedWallets == cheaterWallets)
        #expect(Set(await world.sync.conflicts.map(\.payerWallet)) == cheaterWallets)

        // Honest payees are paid in full; a cheater's reserve pays out exactly what it held; wallets add up.
        var expected = Dictionary(uniqueKeysWithValues: wallets.enumerated().map { ($1, 100_000 - reserves[$0]) })
        var paidFrom = [Int64](repeating: 0, count: wallets.count)
        for transfer in genuine {
            let outcome = try #require(firstOutcome[transfer.hash])
            let payer = wallets.firstIndex(of: transfer.payerWallet)!
            if !cheaters.contains(payer) { #expect(outcome == .posted(amountMinorUnits: transfer.amountMinorUnits)) }
            expected[transfer.payeeWallet]! += outcome.postedMinorUnits
            paidFrom[payer] += outcome.postedMinorUnits
        }
        #expect(paidFrom == reserves)
        for wallet in wallets { #expect(try await world.walletMinorUnits(wallet) == expected[wallet]) }
        for device in devices { #expect(try await world.reserveMinorUnits(device) == 0) }
    }
}
