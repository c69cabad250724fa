import CorridorCore
import CorridorLedger

private typealias Check = ConformanceCheck

extension LedgerConformance {
    /// Account creation: every outcome, idempotency, field limits, batch limits, lookup.
    static let accountCases: [LedgerConformanceCase] = [
        LedgerConformanceCase("accountIsCreatedWithZeroBalances") { f in
            let account = f.accountDescription(.merchant, currency: .cny, userData: "ext-42")
            try Check.expectEqual(try await f.backend.createAccounts([account]), [.created], "outcomes")
            try Check.expectEqual(try await f.backend.accounts([account.id]), [account], "stored account")
            let balance = try await f.balance(account.id)
            try Check.expectEqual(balance, AccountBalance(id: account.id, currency: .cny), "new balance")
        },

        LedgerConformanceCase("accountCreationWithSameBodyIsIdempotent") { f in
            let account = f.accountDescription(.tourist, currency: .jpy)
            try Check.expectEqual(try await f.backend.createAccounts([account]), [.created], "first creation")
            try Check.expectEqual(try await f.backend.createAccounts([account]), [.created], "second creation")
            try Check.expectEqual(
                try await f.backend.createAccounts([account, account]), [.created, .created], "twice in one batch"
            )
            try Check.expectEqual(try await f.backend.allAccounts(after: nil, limit: 10), [account], "all accounts")
        },

        LedgerConformanceCase("accountIDReusedWithDifferentBodyIsRejected") { f in
            let account = f.accountDescription(.merchant)
            try Check.expectEqual(try await f.backend.createAccounts([account]), [.created], "first creation")
            let variants = [
                Account(id: account.id, currency: .cny, owner: account.owner, kind: account.kind),
                Account(id: account.id, currency: .rub, owner: "someone-else", kind: account.kind),
                Account(id: account.id, currency: .rub, owner: account.owner, kind: .wallet),
                Account(id: account.id, currency: .rub, owner: account.owner, kind: account.kind,
                        flags: .creditsMustNotExceedDebits),
                Account(id: account.id, currency: .rub, owner: account.owner, kind: account.kind, userData: "x"),
            ]
            for variant in variants {
                try Check.expectEqual(
                    try await f.backend.createAccounts([variant]), [.rejected(.idReusedWithDifferentBody)],
                    "outcome for \(variant)"
                )
            }
            try Check.expectEqual(try await f.backend.accounts([account.id]), [account], "stored account")
        },

        LedgerConformanceCase("accountWithBothLimitFlagsIsRejected") { f in
            let account = f.accountDescription(flags: [.debitsMustNotExceedCredits, .creditsMustNotExceedDebits])
            try Check.expectEqual(
                try await f.backend.createAccounts([account]), [.rejected(.flagsAreMutuallyExclusive)], "outcomes"
            )
            try Check.expectEqual(try await f.backend.accounts([account.id]), [], "accounts found")
            try Check.expectEqual(try await f.backend.balances(of: [account.id]), [], "balances found")
        },

        LedgerConformanceCase("accountWithoutOwnerIsRejected") { f in
            let account = Account(id: f.nextAccountID(), currency: .rub, owner: "", kind: .wallet)
            try Check.expectEqual(try await f.backend.createAccounts([account]), [.rejected(.ownerMissing)], "outcomes")
            try Check.expectEqual(try await f.backend.accounts([account.id]), [], "accounts found")
        },

        LedgerConformanceCase("accountFieldLongerThanItsLimitIsRejected") { f in
            // Limits count UTF-8 bytes: 64 × "ж" is 128 bytes (accepted), 65 × "ж" is 130 bytes (rejected).
            let ownerAtLimit = Account(
                id: f.nextAccountID(), currency: .rub, owner: String(repeating: "ж", count: 64), kind: .wallet
            )
            let ownerTooLong = Account(
                id: f.nextAccountID(), currency: .rub, owner: String(repeating: "ж", count: 65), kind: .wallet
            )
            let userDataAtLimit = Account(
                id: f.nextAccountID(), currency: .rub, owner: "o", kind: .wallet,
                userData: String(repeating: "u", count: 256)
            )
            let userDataTooLong = Account(
                id: f.nextAccountID(), currency: .rub, owner: "o", kind: .wallet,
                userData: String(repeating: "u", count: 257)
            )
            let outcomes = try await f.backend.createAccounts([ownerAtLimit, ownerTooLong, userDataAtLimit, userDataTooLong])
            try Check.expectEqual(
                outcomes, [.created, .rejected(.fieldTooLong("owner")), .created, .rejected(.fieldTooLong("userData"))],
                "outcomes"
            )
            let found = try await f.backend.accounts([ownerAtLimit.id, ownerTooLong.id, userDataAtLimit.id, userDataTooLong.id])
            try Check.expectEqual(found, [ownerAtLimit, userDataAtLimit], "accounts found")
        },

        LedgerConformanceCase("accountBatchOutcomesAreIndependent") { f in
            let first = f.accountDescription(.tourist)
            let bad = Account(id: f.nextAccountID(), currency: .rub, owner: "", kind: .wallet)
            let third = f.accountDescription(.bank, currency: .kwd)
            let outcomes = try await f.backend.createAccounts([first, bad, third])
            try Check.expectEqual(outcomes, [.created, .rejected(.ownerMissing), .created], "outcomes")
            try Check.expectEqual(
                try await f.backend.accounts([first.id, bad.id, third.id]), [first, third], "accounts found"
            )
        },

        LedgerConformanceCase("accountBatchLargerThanLimitThrowsAndCreatesNothing") { f in
            let accounts = (0...f.backend.batchSizeMax).map { _ in f.accountDescription(.merchant) }
            do {
                _ = try await f.backend.createAccounts(accounts)
                try Check.fail("a batch of \(accounts.count) accounts was accepted (limit \(f.backend.batchSizeMax))")
            } catch let error as LedgerError {
                try Check.expectEqual(
                    error, .batchTooLarge(count: accounts.count, max: f.backend.batchSizeMax), "error"
                )
            }
            try Check.expectEqual(try await f.backend.allAccounts(after: nil, limit: 10), [], "accounts")
            let atLimit = Array(accounts.prefix(f.backend.batchSizeMax))
            let outcomes = try await f.backend.createAccounts(atLimit)
            try Check.expectEqual(outcomes.count, atLimit.count, "outcomes at the limit")
            try Check.expect(outcomes.allSatisfy { $0 == .created }, "a batch at the limit is accepted: \(Set(outcomes))")
        },

        LedgerConformanceCase("accountLookupLeavesOutUnknownIDs") { f in
            let known = try await f.createAccount(.merchant)
            let unknown = f.nextAccountID()
            let found = try await f.backend.accounts([unknown, known, unknown])
            try Check.expectEqual(found.map(\.id), [known], "accounts found")
            let balances = try await f.backend.balances(of: [unknown, known])
            try Check.expectEqual(balances.map(\.id), [known], "balances found")
            try Check.expectEqual(try await f.backend.balance(of: unknown), nil, "balance of an unknown account")
        },

        LedgerConformanceCase("allAccountsPagesInUnsigned128BitIDOrder") { f in
            // Ids that differ only in the high half, and ids on both sides of 2^127: a backend that keeps 64 bits
            // or compares signed halves mixes them up.
            let raw: [UInt128] = [
                1, 2, UInt128(1) << 64 | 1, UInt128(1) << 64 | 2, UInt128(Int64.max), UInt128(UInt64.max),
                UInt128(1) << 127 - 1, UInt128(1) << 127, UInt128(1) << 127 | 1, UInt128.max - 1, UInt128.max,
                UInt128(0x8000_0000_0000_0000) << 64 | UInt128(UInt64.max),
            ]
            var generator = SeededRandom(seed: 7)
            let shuffled = raw.shuffled(using: &generator)
            let accounts = shuffled.enumerated().map { index, value in
                Account(id: AccountID(value), currency: index.isMultiple(of: 2) ? .rub : .jpy,
                        owner: "owner-\(index)", kind: .other)
            }
            let outcomes = try await f.backend.createAccounts(accounts)
            try Check.expectEqual(outcomes, Array(repeating: .created, count: accounts.count), "outcomes")
            let expected = raw.sorted().map { AccountID($0) }
            var pages: [[AccountID]] = []
            var cursor: AccountID?
            for _ in 0..<10 {
                let page = try await f.backend.allAccounts(after: cursor, limit: 5)
                if page.isEmpty { break }
                pages.append(page.map(\.id))
                cursor = page.last?.id
            }
            try Check.expectEqual(pages.map(\.count), [5, 5, 2], "page sizes")
            try Check.expectEqual(pages.flatMap { $0 }, expected, "ids in order")
            let afterSecond = try await f.backend.allAccounts(after: expected[1], limit: 2)
            try Check.expectEqual(afterSecond.map(\.id), Array(expected[2..<4]), "page after the second id")
            let afterUnknown = try await f.backend.allAccounts(after: AccountID(3), limit: 2)
            try Check.expectEqual(afterUnknown.map(\.id), Array(expected[2..<4]), "page after an id not stored")
            try Check.expectEqual(try await f.backend.allAccounts(after: AccountID(.max), limit: 5), [], "after the last")
            try Check.expectEqual(try await f.backend.allAccounts(after: nil, limit: 0), [], "limit 0")
            let found = try await f.backend.accounts(expected)
            try Check.expectEqual(Set(found), Set(accounts), "all accounts with their bodies")
        },
    ]
}
