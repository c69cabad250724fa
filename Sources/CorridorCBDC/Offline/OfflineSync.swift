import CorridorCore
import CorridorLedger
import Crypto
import Foundation

/// The platform side of offline digital-ruble payments (DESIGN.md §5): registers device keys, and on sync
/// verifies offline transfers, posts them reserve → payee wallet, and detects double spends.
///
/// ## The rule
/// Payees sync independently, so transfers of one device arrive in any order across syncs. Holding a transfer back
/// until its predecessor arrives would let one payee who never syncs block every later one, so the platform
/// **posts as transfers come**, in counter order per device within one sync, and checks each hash-chain link as
/// soon as both of its ends are known:
/// 1. A transfer whose signature does not verify under the registered key, whose device is unknown, whose payer
///    wallet is not the device's, or whose payee wallet does not exist is rejected: nothing posted, nothing
///    remembered, nobody flagged (anyone can send garbage).
/// 2. A transfer whose hash was handled before is a duplicate: nothing more is posted.
/// 3. Otherwise it is posted from the device's reserve for as much as the reserve still covers: in full, in part,
///    or not at all. The first posted stands; what comes later is paid from what is left, so an honest payee is
///    made whole whenever the reserve allows, and nothing is ever created.
/// 4. It is a **double spend**, recorded as an ``OfflineConflict`` with the payer wallet flagged, when another
///    transfer already holds its device and counter, when a chain link to an accepted neighbour (counter ± 1)
///    does not match (the device signed two histories), or when the reserve cannot cover it in full. An honest
///    device can do none of these: it counts up, chains every transfer and never signs beyond its balance.
/// 5. A counter above the highest seen with counters missing below is allowed; the gap is reported.
///
/// ## Speed
/// Signatures are verified in chunks of ``verificationChunkSize`` on every core (a task group), then one ordered
/// pass decides every transfer and posts in batches of the backend's `batchSizeMax`.
///
/// Guarantees: reserve + wallets never change in sum by a sync (every posting is one reserve → wallet leg, never
/// more than the reserve holds); a transfer hash moves money at most once (the ledger transfer id is derived from
/// it, so even a second `OfflineSync` over the same ledger cannot post the same amount twice); syncs run one at a
/// time. Counters, chains, conflicts and flags live in this actor's memory; after a restart, double spends are
/// still caught by the reserve (rule 4, third case) but not by counters until the chains are seen again.
public actor OfflineSync {
    /// The most transfers one sync accepts.
    public static let transfersPerSyncMax = 1 << 20
    /// How many signatures one verification task checks.
    public static let verificationChunkSize = 512

    /// A registered device.
    struct RegisteredDevice: Sendable {
        let key: OfflineDeviceKey
        let wallet: WalletID
        let reserve: AccountID
    }

    /// One accepted transfer of a device's chain.
    struct Link {
        let hash: OfflineTransferHash
        let previous: OfflineTransferHash
    }

    /// The accepted transfers of one device, by counter.
    struct DeviceChain {
        var links: [UInt64: Link] = [:]
        var highestCounter: UInt64 = 0
    }

    /// What the ordered pass changed for one transfer, to take back when its posting fails.
    struct Decision {
        let index: Int
        let hash: OfflineTransferHash
        let device: OfflineDeviceID
        let counter: UInt64
        let occupiedCounter: Bool
        let reserve: AccountID
        let postedMinorUnits: Int64
    }

    /// Why the verification pass refused a transfer, or nil when it verified.
    enum Verdict: Sendable {
        case valid
        case rejected(OfflineSyncRejection)
    }

    let backend: any SettlementBackend
    var devices: [OfflineDeviceID: RegisteredDevice] = [:]
    var chains: [OfflineDeviceID: DeviceChain] = [:]
    /// Every transfer handled, by hash, with the kopecks it moved.
    var handled: [OfflineTransferHash: Int64] = [:]
    /// Every double spend found, in the order found.
    public private(set) var conflicts: [OfflineConflict] = []
    /// The wallets whose devices double spent.
    public private(set) var flaggedWallets: Set<WalletID> = []
    private var isSyncing = false
    private var waitingSyncs: [CheckedContinuation<Void, Never>] = []

    /// Creates the platform side over a ledger that holds the wallets and reserves.
    public init(backend: any SettlementBackend) {
        self.backend = backend
    }

    /// Registers a device key for a wallet; its reserve is ``CBDCAccounts/offlineReserve(of:device:)``.
    /// - Returns: the device id.
    /// - Throws: ``OfflineError/deviceRegisteredToAnotherWallet(_:)`` when the key belongs to another wallet
    ///   (registering it again for the same wallet does nothing).
    @discardableResult
    public func register(device publicKey: OfflineDeviceKey, wallet: WalletID) throws(OfflineError) -> OfflineDeviceID {
        let id = publicKey.deviceID
        if let existing = devices[id] {
            guard existing.wallet == wallet else { throw .deviceRegisteredToAnotherWallet(id) }
            return id
        }
        devices[id] = RegisteredDevice(
            key: publicKey, wallet: wallet, reserve: CBDCAccounts.offlineReserve(of: wallet, device: id.hex)
        )
        return id
    }

    /// Verifies and posts offline transfers by the rule in the type's documentation.
    /// - Parameter transfers: in any order, from any devices, possibly repeated.
    /// - Returns: one outcome per transfer in input order, with the conflicts and gaps found.
    /// - Throws: ``OfflineError/syncBatchTooLarge(count:max:)``; ``LedgerError`` when the store fails (the batches
    ///   posted before the failure stand and are duplicates when synced again; the failed one is forgotten).
    public func sync(_ transfers: [OfflineTransfer]) async throws -> SyncReport {
        guard transfers.count <= Self.transfersPerSyncMax else {
            throw OfflineError.syncBatchTooLarge(count: transfers.count, max: Self.transfersPerSyncMax)
        }
        await enterSync()
        defer { leaveSync() }
        return try await syncOneAtATime(transfers)
    }

    private func syncOneAtATime(_ transfers: [OfflineTransfer]) async throws -> SyncReport {
        let registered = devices
        let verdicts = await Self.verify(transfers, devices: registered)
        var outcomes = [OfflineSyncOutcome?](repeating: nil, count: transfers.count)
        var candidates: [Int] = []
        for (index, verdict) in verdicts.enumerated() {
            switch verdict {
            case .valid: candidates.append(index)
            case .rejected(let rejection): outcomes[index] = .rejected(rejection)
            }
        }
        let payees = try await existingWallets(Set(candidates.map { CBDCAccounts.wallet(transfers[$0].payeeWallet) }))
        var available = try await availableBalances(Set(candidates.map { registered[transfers[$0].payerDevice]!.reserve }))
        // Counter order per device, then arrival order: an honest chain within one sync is posted as signed.
        candidates.sort {
            (transfers[$0].payerDevice, transfers[$0].counter, $0) < (transfers[$1].payerDevice, transfers[$1].counter, $1)
        }

        var report = SyncReport()
        var unflushed: [Decision] = []
        var postings: [(decision: Decision, transfer: Transfer)] = []
        for index in candidates {
            let transfer = transfers[index]
            if handled[transfer.hash] != nil {
                outcomes[index] = .duplicate
                continue
            }
            guard payees.contains(CBDCAccounts.wallet(transfer.payeeWallet)) else {
                outcomes[index] = .rejected(.payeeWalletUnknown(transfer.payeeWallet))
                continue
            }
            let reserve = registered[transfer.payerDevice]!.reserve
            var found: [OfflineConflictKind] = []
            let occupied = Self.admit(transfer, into: &chains[transfer.payerDevice, default: DeviceChain()],
                                      conflicts: &found, gaps: &report.gaps)
            let covered = available[reserve] ?? 0
            let posted = min(covered, transfer.amountMinorUnits)
            available[reserve] = covered - posted
            let shortfall = transfer.amountMinorUnits - posted
            if shortfall > 0 { found.append(.exceedsReserve(shortfallMinorUnits: shortfall)) }
            handled[transfer.hash] = posted
            for kind in found {
                let conflict = OfflineConflict(
                    payerWallet: transfer.payerWallet, device: transfer.payerDevice, counter: transfer.counter,
                    transferHash: transfer.hash, kind: kind
                )
                conflicts.append(conflict)
                report.conflicts.append(conflict)
                if flaggedWallets.insert(transfer.payerWallet).inserted {
                    report.newlyFlaggedWallets.insert(transfer.payerWallet)
                }
            }
            outcomes[index] = shortfall == 0 ? .posted(amountMinorUnits: posted)
                : posted > 0 ? .partiallyPosted(amountMinorUnits: posted, shortfallMinorUnits: shortfall)
                : .unfunded(shortfallMinorUnits: shortfall)
            let decision = Decision(
                index: index, hash: transfer.hash, device: transfer.payerDevice, counter: transfer.counter,
                occupiedCounter: occupied, reserve: reserve, postedMinorUnits: posted
            )
            unflushed.append(decision)
            if posted > 0 {
                postings.append((decision, Self.ledgerTransfer(for: transfer, from: reserve, amountMinorUnits: posted)))
                if postings.count == backend.batchSizeMax {
                    try await flush(&postings, unflushed: &unflushed, outcomes: &outcomes, report: &report)
                }
            }
        }
        try await flush(&postings, unflushed: &unflushed, outcomes: &outcomes, report: &report)
        report.results = zip(transfers, outcomes).map { OfflineSyncResult(transferHash: $0.hash, outcome: $1!) }
        return report
    }

    /// Posts the planned ledger transfers; takes back the decisions of those the ledger rejects, or of every
    /// decision since the last flush when the store fails.
    private func flush(
        _ postings: inout [(decision: Decision, transfer: Transfer)], unflushed: inout [Decision],
        outcomes: inout [OfflineSyncOutcome?], report: inout SyncReport
    ) async throws {
        defer {
            postings.removeAll(keepingCapacity: true)
            unflushed.removeAll(keepingCapacity: true)
        }
        guard !postings.isEmpty else { return }
        let results: [TransferOutcome]
        do {
            results = try await backend.post(postings.map(\.transfer))
        } catch {
            for decision in unflushed.reversed() { takeBack(decision) }
            throw error
        }
        for ((decision, _), result) in zip(postings, results) {
            guard case .rejected(let rejection) = result else { continue }
            takeBack(decision)
            outcomes[decision.index] = .rejected(.ledger(rejection))
            report.conflicts.removeAll { $0.transferHash == decision.hash }
            report.newlyFlaggedWallets.formIntersection(flaggedWallets)
        }
    }

    /// Undoes what the ordered pass recorded for one transfer. Rare (a store failure or a race on a reserve), so
    /// the linear rescans here are acceptable.
    private func takeBack(_ decision: Decision) {
        handled[decision.hash] = nil
        if decision.occupiedCounter, var chain = chains[decision.device] {
            chain.links[decision.counter] = nil
            chain.highestCounter = chain.links.keys.max() ?? 0
            chains[decision.device] = chain
        }
        conflicts.removeAll { $0.transferHash == decision.hash }
        flaggedWallets = Set(conflicts.map(\.payerWallet))
    }

    /// Places a transfer in its device's chain, or finds it conflicting there.
    /// - Returns: whether it took its counter's place (false when another transfer holds it).
    private static func admit(
        _ transfer: OfflineTransfer, into chain: inout DeviceChain, conflicts: inout [OfflineConflictKind],
        gaps: inout [OfflineCounterGap]
    ) -> Bool {
        let counter = transfer.counter
        if let standing = chain.links[counter] {
            conflicts.append(.counterReused(standing: standing.hash))
            return false
        }
        chain.links[counter] = Link(hash: transfer.hash, previous: transfer.previousHash)
        if counter == 1 {
            if transfer.previousHash != .zero { conflicts.append(.chainBroken(neighbour: .zero)) }
        } else if let before = chain.links[counter - 1], before.hash != transfer.previousHash {
            conflicts.append(.chainBroken(neighbour: before.hash))
        }
        if counter < UInt64.max, let after = chain.links[counter + 1], after.previous != transfer.hash {
            conflicts.append(.chainBroken(neighbour: after.hash))
        }
        if counter > chain.highestCounter + 1 {
            gaps.append(OfflineCounterGap(device: transfer.payerDevice, missing: (chain.highestCounter + 1)...(counter - 1)))
        }
        chain.highestCounter = max(chain.highestCounter, counter)
        return true
    }

    private static func ledgerTransfer(
        for transfer: OfflineTransfer, from reserve: AccountID, amountMinorUnits: Int64
    ) -> Transfer {
        let hex = transfer.hash.hex
        return Transfer.single(
            id: CBDCAccounts.transferID("offline/" + hex), debit: reserve,
            credit: CBDCAccounts.wallet(transfer.payeeWallet),
            amount: Money(minorUnits: amountMinorUnits, currency: OfflineTransfer.currency),
            userData: TransferUserData(
                paymentID: "offline/" + hex, rail: "cbdc-offline",
                reference: "\(transfer.payerDevice.hex)/\(transfer.counter)/\(transfer.previousHash.hex)"
            )
        )
    }

    /// Checks devices, payer wallets and signatures, in chunks on every core.
    private static func verify(
        _ transfers: [OfflineTransfer], devices: [OfflineDeviceID: RegisteredDevice]
    ) async -> [Verdict] {
        let chunkSize = verificationChunkSize
        guard transfers.count > chunkSize else { return transfers.map { verdict(for: $0, devices: devices) } }
        return await withTaskGroup(of: (Int, [Verdict]).self) { group in
            for start in stride(from: 0, to: transfers.count, by: chunkSize) {
                let end = min(start + chunkSize, transfers.count)
                group.addTask { (start, transfers[start..<end].map { verdict(for: $0, devices: devices) }) }
            }
            var verdicts = [Verdict](repeating: .valid, count: transfers.count)
            for await (start, chunk) in group { verdicts.replaceSubrange(start..<(start + chunk.count), with: chunk) }
            return verdicts
        }
    }

    private static func verdict(for transfer: OfflineTransfer, devices: [OfflineDeviceID: RegisteredDevice]) -> Verdict {
        guard let device = devices[transfer.payerDevice] else { return .rejected(.deviceUnknown(transfer.payerDevice)) }
        guard device.wallet == transfer.payerWallet else { return .rejected(.payerWalletMismatch) }
        guard transfer.signature.count == OfflineTransfer.signatureByteCount,
              device.key.isValidSignature(transfer.signature, for: transfer.signedBytes)
        else { return .rejected(.signatureInvalid) }
        return .valid
    }

    /// The ids among `ids` that are RUB accounts on the ledger.
    private func existingWallets(_ ids: Set<AccountID>) async throws -> Set<AccountID> {
        var found: Set<AccountID> = []
        let all = Array(ids)
        for start in stride(from: 0, to: all.count, by: backend.batchSizeMax) {
            let accounts = try await backend.accounts(Array(all[start..<min(start + backend.batchSizeMax, all.count)]))
            for account in accounts where account.currency == OfflineTransfer.currency { found.insert(account.id) }
        }
        return found
    }

    /// What each reserve can still pay, in kopecks (missing reserves hold nothing).
    private func availableBalances(_ ids: Set<AccountID>) async throws -> [AccountID: Int64] {
        var available: [AccountID: Int64] = [:]
        let all = Array(ids)
        for start in stride(from: 0, to: all.count, by: backend.batchSizeMax) {
            let balances = try await backend.balances(of: Array(all[start..<min(start + backend.batchSizeMax, all.count)]))
            for balance in balances { available[balance.id] = max(0, balance.available.minorUnits) }
        }
        return available
    }

    /// Waits until no other sync runs: the actor is re-entered while a sync awaits the ledger, and two syncs
    /// deciding from the same reserve balances could overspend them.
    private func enterSync() async {
        if isSyncing {
            await withCheckedContinuation { waitingSyncs.append($0) }
        } else {
            isSyncing = true
        }
    }

    /// Hands the turn to the next waiting sync, if any.
    private func leaveSync() {
        if waitingSyncs.isEmpty { isSyncing = false } else { waitingSyncs.removeFirst().resume() }
    }
}
