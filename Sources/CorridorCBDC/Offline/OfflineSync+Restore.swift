import CorridorCore
import CorridorLedger

extension OfflineSync {
    /// The `userData` start of a device registration account; the public key follows as hex.
    public static let deviceRegistrationTag = "cbdc-device/"

    /// Registers a device key for a wallet and records the registration on the ledger (a zero-balance account,
    /// ``CBDCAccounts/deviceRegistration(_:)``, owned by the wallet, `userData` ``deviceRegistrationTag`` + the public
    /// key), so that ``restore()`` in another process knows the key.
    /// - Returns: the device id.
    /// - Throws: ``OfflineError/deviceRegisteredToAnotherWallet(_:)``; ``LedgerError`` when the store fails or the
    ///   ledger holds another registration for this device.
    @discardableResult
    public func registerDurably(device publicKey: OfflineDeviceKey, wallet: WalletID) async throws -> OfflineDeviceID {
        let id = try register(device: publicKey, wallet: wallet)
        let account = Account(
            id: CBDCAccounts.deviceRegistration(id.hex), currency: .rub, owner: wallet, kind: .other,
            userData: Self.deviceRegistrationTag + OfflineHex.encode(publicKey.rawBytes))
        if case .rejected(let rejection) = try await backend.createAccounts([account])[0] {
            throw LedgerError.storage("device \(id) registration: \(rejection)")
        }
        return id
    }

    /// What ``restore()`` rebuilt.
    public struct RestoreSummary: Sendable, Hashable {
        /// Devices registered from the ledger.
        public var devices = 0
        /// Offline transfers found posted (their hashes are duplicates from now on, their links are known).
        public var transfers = 0
    }

    /// Rebuilds the sync state from the ledger, so a sync in a new process judges transfers as the last one would
    /// have: registered devices (from their registration accounts) and, from every posted offline transfer, its hash
    /// (a duplicate from now on), and its device, counter and previous hash (the chain links that reveal a second
    /// history or a reused counter). Not rebuilt: conflicts and flagged wallets reported before, and transfers that
    /// posted nothing (their reserve was empty). Reads every account and every transfer: for a CLI or a server start.
    /// - Throws: ``LedgerError`` when the store fails or a registration does not decode.
    @discardableResult
    public func restore() async throws -> RestoreSummary {
        var summary = RestoreSummary()
        let page = backend.batchSizeMax
        var accountCursor: AccountID?
        while true {
            let accounts = try await backend.allAccounts(after: accountCursor, limit: page)
            for account in accounts where account.kind == .other && account.userData.hasPrefix(Self.deviceRegistrationTag) {
                let hex = String(account.userData.dropFirst(Self.deviceRegistrationTag.count))
                guard let bytes = OfflineHex.decode(hex), let key = try? OfflineDeviceKey(rawBytes: bytes) else {
                    throw LedgerError.storage("device registration \(account.id) holds no valid key")
                }
                try register(device: key, wallet: account.owner)
                summary.devices += 1
            }
            guard accounts.count == page, let last = accounts.last else { break }
            accountCursor = last.id
        }
        var transferCursor: UInt64?
        while true {
            let records = try await backend.allTransfers(after: transferCursor, limit: page)
            for record in records {
                let data = record.transfer.userData
                guard data.rail == "cbdc-offline", data.paymentID.hasPrefix("offline/"),
                      let hashBytes = OfflineHex.decode(String(data.paymentID.dropFirst("offline/".count))),
                      let hash = OfflineTransferHash(bytes: hashBytes)
                else { continue }
                let parts = data.reference.split(separator: "/").map(String.init)
                guard parts.count == 3, let device = OfflineDeviceID(hex: parts[0]), let counter = UInt64(parts[1]),
                      let previousBytes = OfflineHex.decode(parts[2]), let previous = OfflineTransferHash(bytes: previousBytes)
                else { continue }
                handled[hash] = record.appliedLegs.reduce(0) { $0 + $1.amount.minorUnits }
                var chain = chains[device] ?? DeviceChain()
                chain.links[counter] = Link(hash: hash, previous: previous)
                chain.highestCounter = max(chain.highestCounter, counter)
                chains[device] = chain
                summary.transfers += 1
            }
            guard records.count == page, let last = records.last else { break }
            transferCursor = last.sequence
        }
        return summary
    }
}
