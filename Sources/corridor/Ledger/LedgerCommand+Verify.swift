import ArgumentParser
import CorridorLedger

extension LedgerCommand {
    /// `corridor ledger verify`: checks the invariants; exit status 1 when any is broken.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the ledger's invariants; exits 1 and lists the problems when one is broken."
        )

        @OptionGroup var options: LedgerOptions

        func run() async throws {
            let verification = try await options.withBackend { try await $0.verify() }
            if options.json {
                LedgerOutput.line(try LedgerOutput.jsonLine(verification))
            } else {
                for total in verification.totals {
                    LedgerOutput.line("\(total.currency.alphaCode)\tdebits=\(total.debitsPosted)"
                        + "\tcredits=\(total.creditsPosted)\tpending_debits=\(total.debitsPending)"
                        + "\tpending_credits=\(total.creditsPending)")
                }
                for problem in verification.problems { LedgerOutput.line("problem: \(problem)") }
                let verdict = verification.isBalanced ? "ok" : "FAILED (\(verification.problems.count) problems)"
                LedgerOutput.line("\(verdict): \(verification.accountCount) accounts, "
                    + "\(verification.transferCount) transfers")
            }
            if !verification.isBalanced { throw ExitCode.failure }
        }
    }
}
