import CorridorCore
import CorridorLedger

/// What ``DigitalRublePlatform/restore()`` rebuilt from the ledger.
public struct CBDCRestoreSummary: Sendable, Hashable, Codable {
    /// Participant banks found (their fee income accounts).
    public var banks = 0
    /// Wallets found (their registration accounts).
    public var wallets = 0
    /// Customer deposit accounts found.
    public var deposits = 0
    /// Ledger records read to rebuild this period's limit counters.
    public var recordsRead = 0
}

extension DigitalRublePlatform {
    /// Rebuilds what the platform keeps in memory from the ledger, so a new process (the `corridor wallet` CLI, a
    /// restarted server) carries on where the last one stopped: participant banks (from their fee income accounts; a
    /// bank's fee rate is the cap until ``registerBank(id:reserves:c2bFeeRateBps:reference:)`` sets it again), wallets
    /// and the banks serving them (from ``CBDCWalletRegistration`` accounts), customer deposit accounts, and each
    /// wallet's daily spend and monthly top-up for the current period (from its history on the ledger).
    ///
    /// Not rebuilt: stored operation results and trails (an operation id replayed in a new process is run again and the
    /// ledger answers it idempotently, by the transfer id derived from the operation id). Reading every account and
    /// each wallet's history makes this proportional to the ledger's size: right for the CLI and a server's start.
    /// - Throws: ``CBDCPlatformError/registrationCorrupt(_:)``, or ``LedgerError`` when the store fails.
    @discardableResult
    public func restore() async throws -> CBDCRestoreSummary {
        var summary = CBDCRestoreSummary()
        var registrations: [WalletID: [CBDCWalletRegistration]] = [:]
        var cursor: AccountID?
        let page = backend.batchSizeMax
        while true {
            let accounts = try await backend.allAccounts(after: cursor, limit: page)
            for account in accounts {
                if account.id == CBDCAccounts.issuance {
                    issuanceCreated = true
                } else if account.kind == .feeIncome, account.id == CBDCAccounts.feeIncome(of: account.owner) {
                    if banks[account.owner] == nil { banks[account.owner] = parameters.c2bFeeCapBps }
                    summary.banks += 1
                } else if let registration = try CBDCWalletRegistration(account: account) {
                    registrations[account.owner, default: []].append(registration)
                } else if account.kind == .other, account.userData == Self.depositUserData {
                    depositAccounts.insert(account.id)
                    summary.deposits += 1
                }
            }
            guard accounts.count == page, let last = accounts.last else { break }
            cursor = last.id
        }
        let periods = Self.periods(atMs: clock.now().unixMilliseconds)
        for (walletID, found) in registrations.sorted(by: { $0.key < $1.key }) {
            let ordered = found.sorted { ($0.ordinal, $0.bank) < ($1.ordinal, $1.bank) }
            let first = ordered[0]
            var wallet = wallets[walletID] ?? CBDCWallet(
                id: walletID, holder: first.holder, name: first.name, type: first.type, banks: [],
                merchantCategoryCode: first.merchantCategoryCode)
            for registration in ordered where !wallet.banks.contains(registration.bank) {
                wallet.banks.append(registration.bank)
            }
            wallets[walletID] = wallet
            walletByHolder[wallet.holder] = walletID
            summary.wallets += 1
            summary.recordsRead += try await restoreCounters(of: walletID, day: periods.day, month: periods.month)
        }
        return summary
    }

    /// Sets a wallet's daily spend and monthly top-up from its records on the ledger in the current day and month.
    /// - Returns: how many records were read.
    private func restoreCounters(of wallet: WalletID, day: Int, month: Int) async throws -> Int {
        let account = CBDCAccounts.wallet(wallet)
        var spent: Int64 = 0
        var toppedUp: Int64 = 0
        var read = 0
        var cursor: UInt64?
        let page = backend.batchSizeMax
        while true {
            let records = try await backend.history(of: account, after: cursor, limit: page)
            for record in records {
                read += 1
                let data = record.transfer.userData
                guard data.rail == "cbdc", let kind = CBDCPaymentKind(rawValue: data.reference) else { continue }
                let periods = Self.periods(atMs: record.timestampMs)
                guard periods.month == month, let first = record.appliedLegs.first else { continue }
                switch kind {
                case .p2p, .c2b, .b2b, .g2p:
                    if periods.day == day, first.debit == account { spent += first.amount.minorUnits }
                case .toDigital:
                    if first.credit == account { toppedUp += first.amount.minorUnits }
                case .toDeposit, .refund:
                    break
                }
            }
            guard records.count == page, let last = records.last else { break }
            cursor = last.sequence
        }
        dailySpend[wallet] = PeriodTotal(period: day, totalMinorUnits: spent)
        monthlyTopUp[wallet] = PeriodTotal(period: month, totalMinorUnits: toppedUp)
        return read
    }
}
