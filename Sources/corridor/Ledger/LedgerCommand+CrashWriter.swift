import ArgumentParser
import CorridorCore
import CorridorLedger
import Foundation

extension LedgerCommand {
    /// `corridor ledger crash-writer` (hidden): the child process of the crash tests. Creates `--accounts` accounts,
    /// then posts batches of two-leg transfers forever, printing each committed transfer id on its own line as soon
    /// as `post` returned. The parent kills it at random moments and checks every printed id survived.
    ///
    /// Transfer `n` of seed `s` has id `s << 64 | n` and a body derived from (s, n) alone, so a restarted writer
    /// re-derives the same transfers; it resumes after the last committed one (found by binary search with `lookup`).
    struct CrashWriter: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "crash-writer",
            abstract: "Post transfers until killed, printing committed ids (for crash tests).",
            shouldDisplay: false
        )

        @Option(name: .long, help: "sqlite:PATH, postgres:URL or memory.")
        var backend: BackendLocation = .defaultLocation

        @Option(help: "How many accounts to create and use (2...\(Self.accountCountMax)).")
        var accounts: Int

        @Option(help: "The seed: the high 64 bits of every transfer id, and the source of the bodies.")
        var seed: UInt64

        @Option(help: "Transfers per batch.")
        var batch = 100

        /// The most accounts the writer creates.
        static let accountCountMax = 100_000
        /// The high 64 bits of the writer's account ids.
        static let accountIDHigh: UInt128 = 0xC0 << 64

        func validate() throws {
            guard (2...Self.accountCountMax).contains(accounts) else {
                throw ValidationError("--accounts must be in 2...\(Self.accountCountMax)")
            }
            guard batch > 0 else { throw ValidationError("--batch must be positive") }
            guard seed > 0 else { throw ValidationError("--seed must be positive") }
        }

        func run() async throws {
            try await backend.withBackend { ledger in
                guard batch <= ledger.batchSizeMax else {
                    throw ValidationError("--batch exceeds the backend's limit of \(ledger.batchSizeMax)")
                }
                try await createAccounts(ledger)
                var counter = try await lastCommitted(ledger)
                while true {
                    let transfers = (0..<UInt64(batch)).map { transfer(counter + 1 + $0) }
                    let outcomes = try await ledger.post(transfers)
                    for (transfer, outcome) in zip(transfers, outcomes) where !outcome.isCommitted {
                        LedgerOutput.error("crash-writer: transfer \(transfer.id) was rejected: \(outcome)")
                        throw ExitCode.failure
                    }
                    // One write(2) per batch, straight to the file descriptor: nothing is buffered in the process.
                    let lines = transfers.map { $0.id.description + "\n" }.joined()
                    FileHandle.standardOutput.write(Data(lines.utf8))
                    counter += UInt64(batch)
                }
            }
        }

        private func createAccounts(_ ledger: any SettlementBackend) async throws {
            let all = (1...accounts).map { index in
                Account(id: AccountID(Self.accountIDHigh | UInt128(index)), currency: .rub, owner: "crash-\(index)",
                        kind: .wallet)
            }
            let size = min(ledger.batchSizeMax, 1000)
            for start in stride(from: 0, to: all.count, by: size) {
                let outcomes = try await ledger.createAccounts(Array(all[start..<min(start + size, all.count)]))
                guard outcomes.allSatisfy({ $0 == .created }) else {
                    LedgerOutput.error("crash-writer: accounts exist with other descriptions")
                    throw ExitCode.failure
                }
            }
        }

        /// The highest `n` whose transfer is committed (0 for none): batches commit whole and in order, so the
        /// committed counters are exactly 1...n.
        private func lastCommitted(_ ledger: any SettlementBackend) async throws -> UInt64 {
            func exists(_ n: UInt64) async throws -> Bool {
                try await !ledger.lookup(transfers: [transferID(n)]).isEmpty
            }
            var high: UInt64 = 1
            while try await exists(high) { high *= 2 }
            var low: UInt64 = high / 2  // committed (or 0)
            while high - low > 1 {
                let middle = low + (high - low) / 2
                if try await exists(middle) { low = middle } else { high = middle }
            }
            return low
        }

        private func transferID(_ n: UInt64) -> TransferID {
            TransferID(UInt128(seed) << 64 | UInt128(n))
        }

        /// Transfer `n`: a → b and b → c, with amounts and accounts drawn from (seed, n).
        private func transfer(_ n: UInt64) -> Transfer {
            var random = SeededRandom(seed: seed &* 0x9E37_79B9_7F4A_7C15 ^ n)
            let count = UInt64(accounts)
            let a = random.next() % count
            var b = random.next() % (count - 1)
            if b >= a { b += 1 }
            var c = random.next() % (count - 1)
            if c >= b { c += 1 }
            func account(_ index: UInt64) -> AccountID { AccountID(Self.accountIDHigh | UInt128(index + 1)) }
            func amount() -> Money { Money(minorUnits: Int64(random.next() % 10_000) + 1, currency: .rub) }
            return Transfer(
                id: transferID(n), kind: .single,
                legs: [TransferLeg(debit: account(a), credit: account(b), amount: amount()),
                       TransferLeg(debit: account(b), credit: account(c), amount: amount())],
                userData: TransferUserData(paymentID: "crash-\(seed)-\(n)", rail: "test")
            )
        }
    }
}
