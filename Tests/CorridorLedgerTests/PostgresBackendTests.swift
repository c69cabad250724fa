import CorridorCore
import CorridorLedger
import Foundation
import Testing

@testable import CorridorLedgerPostgres

/// What only the PostgreSQL backend promises: several pools (processes) writing to one database, its migrations,
/// its configuration and error messages, and its row encoding. The ledger rules are checked by the conformance suite.
@Suite("PostgreSQL backend")
struct PostgresBackendTests {
    private static let rub = Currency.rub
    private static let bank = AccountID(UInt128(0xB0) << 120 | 1)
    private static let tourist = AccountID(UInt128(0xB0) << 120 | 2)
    private static let merchants = (3...6).map { AccountID(UInt128(0xB0) << 120 | UInt128($0)) }

    private static func money(_ minorUnits: Int64) -> Money { Money(minorUnits: minorUnits, currency: rub) }

    // MARK: Several writers

    /// Two backends (two pools, as two processes would have) drain one `debitsMustNotExceedCredits` wallet at once,
    /// with some transfer ids posted by both: every committed id is stored once, the wallet never goes below zero,
    /// and the debits equal exactly the committed transfers.
    @Test(.enabled(if: PostgresTestEnvironment.shouldRun))
    func twoPoolsDrainingOneWalletLoseNothingAndDoubleSpendNothing() async throws {
        let schema = PostgresTestEnvironment.randomSchema()
        let first = try await PostgresTestEnvironment.makeBackend(schema: schema)
        let second = try await PostgresTestEnvironment.makeBackend(schema: schema)
        let funding: Int64 = 10_000
        let amount: Int64 = 7
        let batchCount = 20
        let batchSize = 50
        let accounts = [
            Account(id: Self.bank, currency: Self.rub, owner: "bank", kind: .settlement),
            Account(id: Self.tourist, currency: Self.rub, owner: "tourist", kind: .wallet, flags: .debitsMustNotExceedCredits),
        ] + Self.merchants.map { Account(id: $0, currency: Self.rub, owner: "merchant \($0)", kind: .merchant) }
        #expect(try await first.createAccounts(accounts).allSatisfy { $0 == .created })
        let fund = Transfer.single(id: TransferID(1), debit: Self.bank, credit: Self.tourist, amount: Self.money(funding))
        #expect(try await second.post([fund]) == [.committed])

        let committed = try await withThrowingTaskGroup(of: Set<TransferID>.self) { group in
            for (writer, backend) in [(UInt128(1), first), (UInt128(2), second)] {
                group.addTask {
                    var ids = Set<TransferID>()
                    for number in 0..<batchCount {
                        let transfers = Self.drainBatch(writer: writer, number: number, size: batchSize, amount: amount)
                        let outcomes = try await backend.post(transfers)
                        for (transfer, outcome) in zip(transfers, outcomes) where outcome == .committed {
                            ids.insert(transfer.id)
                        }
                        for outcome in outcomes where outcome != .committed {
                            #expect(outcome == .rejected(.exceedsCredits(Self.tourist)))
                        }
                    }
                    return ids
                }
            }
            var all = Set<TransferID>()
            for try await ids in group { all.formUnion(ids) }
            return all
        }

        let wallet = try #require(try await first.balance(of: Self.tourist))
        #expect(wallet.debitsPosted == Int64(committed.count) * amount)
        #expect(wallet.debitsPosted <= wallet.creditsPosted)
        // Demand (2 × 20 × 50 × 7, minus the shared ids) exceeds the funds, so the wallet ends with less than one transfer.
        #expect(wallet.creditsPosted - wallet.debitsPosted < amount)
        let merchantCredits = try await second.balances(of: Self.merchants).map(\.creditsPosted).reduce(0, +)
        #expect(merchantCredits == wallet.debitsPosted)
        let records = try await first.lookup(transfers: Array(committed))
        #expect(records.count == committed.count)
        // Sequences strictly increase, each committed record once (numbers of rolled-back attempts are skipped).
        var sequences: [UInt64] = []
        var cursor: UInt64?
        while true {
            let page = try await second.allTransfers(after: cursor, limit: 500)
            guard let last = page.last else { break }
            sequences += page.map(\.sequence)
            cursor = last.sequence
        }
        #expect(sequences.count == committed.count + 1)
        #expect(zip(sequences, sequences.dropFirst()).allSatisfy { $0 < $1 })
        #expect(sequences.first ?? 0 >= 1)
        let verification = try await first.verify()
        #expect(verification.problems == [])
        await second.shutdown()
        try await first.dropSchemaAndShutdown()
    }

    /// Writer `writer`'s batch `number`: every fifth transfer id is shared by both writers (same body), the rest are
    /// the writer's own.
    private static func drainBatch(writer: UInt128, number: Int, size: Int, amount: Int64) -> [Transfer] {
        (0..<size).map { index in
            let serial = UInt128(number * 1000 + index)
            let id = index % 5 == 0 ? 1_000_000 + serial : writer * 10_000_000 + serial
            return .single(
                id: TransferID(id), debit: tourist, credit: merchants[index % merchants.count],
                amount: money(amount), userData: .init(paymentID: "p\(id)")
            )
        }
    }

    /// History read while writers run never skips a record: every page continues where the last ended.
    @Test(.enabled(if: PostgresTestEnvironment.shouldRun))
    func historyCursorSeesEveryRecordWhileWritersRun() async throws {
        let schema = PostgresTestEnvironment.randomSchema()
        let writerA = try await PostgresTestEnvironment.makeBackend(schema: schema)
        let writerB = try await PostgresTestEnvironment.makeBackend(schema: schema)
        let accounts = [
            Account(id: Self.bank, currency: Self.rub, owner: "bank", kind: .settlement),
            Account(id: Self.merchants[0], currency: Self.rub, owner: "merchant", kind: .merchant),
        ]
        _ = try await writerA.createAccounts(accounts)
        let perWriter = 30
        let seen = try await withThrowingTaskGroup(of: [TransferID].self) { group in
            for (offset, backend) in [(UInt128(0), writerA), (UInt128(1_000), writerB)] {
                group.addTask {
                    for index in 0..<perWriter {
                        let transfers = (0..<5).map { leg in
                            Transfer.single(
                                id: TransferID(10_000 + offset + UInt128(index * 5 + leg)), debit: Self.bank,
                                credit: Self.merchants[0], amount: Self.money(1)
                            )
                        }
                        _ = try await backend.post(transfers)
                    }
                    return []
                }
            }
            group.addTask {
                // A reader following the merchant's history with a cursor, until it has seen everything.
                var ids: [TransferID] = []
                var cursor: UInt64?
                var rounds = 0
                while ids.count < 2 * perWriter * 5 && rounds < 100_000 {
                    rounds += 1
                    let page = try await writerA.history(of: Self.merchants[0], after: cursor, limit: 7)
                    ids += page.map(\.transfer.id)
                    cursor = page.last?.sequence ?? cursor
                    if page.isEmpty { try await Task.sleep(for: .milliseconds(2)) }
                }
                return ids
            }
            var reader: [TransferID] = []
            for try await ids in group where !ids.isEmpty { reader = ids }
            return reader
        }
        #expect(seen.count == 2 * perWriter * 5)
        #expect(Set(seen).count == seen.count)
        await writerB.shutdown()
        try await writerA.dropSchemaAndShutdown()
    }

    /// A replay posted in a later batch, when the rules would now reject it (the wallet is empty), still returns the
    /// original outcome; a first attempt that does not load the batch's records finds the id and retries exactly.
    @Test(.enabled(if: PostgresTestEnvironment.shouldRun))
    func aReplayTheRulesWouldNowRejectReturnsTheOriginalOutcome() async throws {
        let backend = try await PostgresTestEnvironment.makeBackend()
        let accounts = [
            Account(id: Self.bank, currency: Self.rub, owner: "bank", kind: .settlement),
            Account(
                id: Self.tourist, currency: Self.rub, owner: "tourist", kind: .wallet,
                flags: .debitsMustNotExceedCredits
            ),
            Account(id: Self.merchants[0], currency: Self.rub, owner: "merchant", kind: .merchant),
        ]
        #expect(try await backend.createAccounts(accounts).allSatisfy { $0 == .created })
        func pay(_ id: UInt128, _ debit: AccountID, _ credit: AccountID, _ amount: Int64) -> Transfer {
            .single(id: TransferID(id), debit: debit, credit: credit, amount: Self.money(amount))
        }
        let fund = pay(1, Self.bank, Self.tourist, 100)
        let spend = pay(2, Self.tourist, Self.merchants[0], 100)
        #expect(try await backend.post([fund, spend]) == [.committed, .committed])
        let altered = pay(2, Self.tourist, Self.merchants[0], 99)
        let fresh = pay(3, Self.tourist, Self.merchants[0], 1)
        #expect(try await backend.post([spend, altered, fresh]) == [
            .committed, .rejected(.idReusedWithDifferentBody), .rejected(.exceedsCredits(Self.tourist)),
        ])
        let wallet = try #require(try await backend.balance(of: Self.tourist))
        #expect(wallet.debitsPosted == 100 && wallet.creditsPosted == 100)
        #expect(try await backend.verify().problems == [])
        try await backend.dropSchemaAndShutdown()
    }

    /// An unflagged account's counter enters a batch as a delta from zero; when the stored counter plus the delta would
    /// pass `Int64.max`, the batch retries with the account locked and rejects exactly the overflowing transfer.
    @Test(.enabled(if: PostgresTestEnvironment.shouldRun))
    func aStoredCounterOverflowIsRejectedAndChangesNothing() async throws {
        let backend = try await PostgresTestEnvironment.makeBackend()
        let accounts = [Self.bank, Self.tourist, Self.merchants[0]].map {
            Account(id: $0, currency: Self.rub, owner: "owner \($0)", kind: .settlement)
        }
        #expect(try await backend.createAccounts(accounts).allSatisfy { $0 == .created })
        func pay(_ id: UInt128, _ debit: AccountID, _ credit: AccountID, _ amount: Int64) -> Transfer {
            .single(id: TransferID(id), debit: debit, credit: credit, amount: Self.money(amount))
        }
        #expect(try await backend.post([pay(1, Self.bank, Self.merchants[0], .max - 10)]) == [.committed])
        let small = pay(2, Self.tourist, Self.bank, 5)
        let overflowing = pay(3, Self.tourist, Self.merchants[0], 20)
        #expect(
            try await backend.post([small, overflowing]) == [.committed, .rejected(.balanceOverflow(Self.merchants[0]))]
        )
        let merchant = try #require(try await backend.balance(of: Self.merchants[0]))
        #expect(merchant.creditsPosted == .max - 10)
        let tourist = try #require(try await backend.balance(of: Self.tourist))
        #expect(tourist.debitsPosted == 5)
        #expect(try await backend.lookup(transfers: [TransferID(3)]).isEmpty)
        try await backend.dropSchemaAndShutdown()
    }

    // MARK: Migrations

    @Test(.enabled(if: PostgresTestEnvironment.shouldRun))
    func concurrentConnectsMigrateOnceAndReconnectingIsANoOp() async throws {
        let schema = PostgresTestEnvironment.randomSchema()
        let url = try PostgresTestEnvironment.requireURL()
        let backends = try await withThrowingTaskGroup(of: PostgresSettlementBackend.self) { group in
            for _ in 0..<4 {
                group.addTask { try await PostgresSettlementBackend.connect(url: url, schema: schema, poolSize: 2) }
            }
            var all: [PostgresSettlementBackend] = []
            for try await backend in group { all.append(backend) }
            return all
        }
        let versions = try await PostgresLedgerAdmin.texts(
            url: url, sql: #"SELECT version::text FROM "\#(schema)".schema_migrations ORDER BY version"#
        )
        #expect(versions == (1...PostgresLedgerSchema.versionSupported).map(String.init))
        // Connecting again changes nothing and sees what the others wrote.
        let account = Account(id: Self.bank, currency: Self.rub, owner: "bank", kind: .settlement)
        #expect(try await backends[0].createAccounts([account]) == [.created])
        let again = try await PostgresSettlementBackend.connect(url: url, schema: schema, poolSize: 1)
        #expect(try await again.accounts([Self.bank]) == [account])
        #expect(try await PostgresLedgerAdmin.texts(
            url: url, sql: #"SELECT count(*)::text FROM "\#(schema)".schema_migrations"#
        ) == [String(PostgresLedgerSchema.versionSupported)])
        for backend in backends { await backend.shutdown() }
        try await again.dropSchemaAndShutdown()
    }

    /// A version-1 ledger (sequence numbers from a counter row) migrates to the SEQUENCE: numbering continues after the
    /// counter, so no new record reuses a number and cursors taken before the upgrade stay valid.
    @Test(.enabled(if: PostgresTestEnvironment.shouldRun))
    func aVersionOneLedgerKeepsNumberingAfterItsCounter() async throws {
        let schema = PostgresTestEnvironment.randomSchema()
        let url = try PostgresTestEnvironment.requireURL()
        let versionOne = try #require(PostgresLedgerSchema.migrations(schema: schema).first { $0.version == 1 })
        let setUp = [
            #"CREATE SCHEMA "\#(schema)""#,
            #"CREATE TABLE "\#(schema)".schema_migrations (version int4 PRIMARY KEY, applied_at timestamptz)"#,
        ] + versionOne.statements + [
            #"INSERT INTO "\#(schema)".schema_migrations VALUES (1, now())"#,
            #"UPDATE "\#(schema)".ledger_counter SET next_sequence = 42"#,
        ]
        for statement in setUp { _ = try await PostgresLedgerAdmin.texts(url: url, sql: statement) }
        let backend = try await PostgresSettlementBackend.connect(url: url, schema: schema, poolSize: 2)
        let accounts = [Self.bank, Self.merchants[0]].map {
            Account(id: $0, currency: Self.rub, owner: "owner \($0)", kind: .settlement)
        }
        #expect(try await backend.createAccounts(accounts).allSatisfy { $0 == .created })
        let transfers = (1...2).map {
            Transfer.single(
                id: TransferID(UInt128($0)), debit: Self.bank, credit: Self.merchants[0], amount: Self.money(5)
            )
        }
        #expect(try await backend.post(transfers) == [.committed, .committed])
        #expect(try await backend.allTransfers(after: nil, limit: 10).map(\.sequence) == [42, 43])
        #expect(try await backend.history(of: Self.bank, after: 42, limit: 10).map(\.sequence) == [43])
        #expect(try await PostgresLedgerAdmin.texts(
            url: url, sql: #"SELECT version::text FROM "\#(schema)".schema_migrations ORDER BY version"#
        ) == (1...PostgresLedgerSchema.versionSupported).map(String.init))
        try await backend.dropSchemaAndShutdown()
    }

    @Test(.enabled(if: PostgresTestEnvironment.shouldRun))
    func aSchemaFromANewerBuildIsRefused() async throws {
        let schema = PostgresTestEnvironment.randomSchema()
        let url = try PostgresTestEnvironment.requireURL()
        let backend = try await PostgresSettlementBackend.connect(url: url, schema: schema, poolSize: 1)
        await backend.shutdown()
        _ = try await PostgresLedgerAdmin.texts(
            url: url, sql: #"INSERT INTO "\#(schema)".schema_migrations (version) VALUES (99) RETURNING 'ok'"#
        )
        await #expect(throws: LedgerError.schemaTooNew(found: 99, supported: PostgresLedgerSchema.versionSupported)) {
            _ = try await PostgresSettlementBackend.connect(url: url, schema: schema, poolSize: 1)
        }
        try await PostgresLedgerAdmin.dropSchema(url: url, schema: schema)
    }

    // MARK: Configuration and errors (no server needed)

    @Test(arguments: [
        "mysql://localhost/db", "not a url", "postgres:///nohost",
        "postgres://u@127.0.0.1:5432/db?schema=ledger", "postgres://u@127.0.0.1/db?sslmode=sometimes",
    ])
    func malformedURLsAreConfigurationErrors(_ url: String) async throws {
        await #expect {
            _ = try await PostgresSettlementBackend.connect(url: url, schema: "corridor")
        } throws: { error in
            guard case LedgerError.invalidConfiguration = error else { return false }
            return true
        }
    }

    @Test(arguments: ["", "Corridor", "1ledger", "ledger-1", "a\"b", String(repeating: "s", count: 64)])
    func schemaNamesThatAreNotPlainIdentifiersAreRefused(_ schema: String) async throws {
        await #expect {
            _ = try await PostgresSettlementBackend.connect(url: "postgres://u@127.0.0.1:1/db", schema: schema)
        } throws: { error in
            guard case LedgerError.invalidConfiguration = error else { return false }
            return true
        }
    }

    @Test func anUnreachableServerIsAStorageErrorThatHidesTheCredentials() async throws {
        let secret = "s3cret-Pa55"
        do {
            _ = try await PostgresSettlementBackend.connect(url: "postgres://alice:\(secret)@127.0.0.1:1/corridor")
            Issue.record("connecting to port 1 succeeded")
        } catch let error as LedgerError {
            guard case .storage(let message) = error else {
                Issue.record("expected a storage error, got \(error)")
                return
            }
            #expect(!message.contains(secret))
            #expect(!"\(error)".contains(secret))
            #expect(message.contains("127.0.0.1:1"))
        }
    }

    // MARK: Row encoding

    @Test func transferBodiesRoundTripForEveryKind() throws {
        let leg = TransferLeg(debit: AccountID(UInt128.max), credit: AccountID(2), amount: Money(minorUnits: 5, currency: .jpy))
        let transfers: [Transfer] = [
            .single(id: TransferID(1), debit: AccountID(1), credit: AccountID(2), amount: Self.money(1)),
            Transfer(id: TransferID(2), kind: .pending(timeoutSeconds: nil), legs: [leg, leg]),
            Transfer(id: TransferID(3), kind: .pending(timeoutSeconds: 30), legs: [leg],
                     userData: .init(paymentID: "пл-1", rail: "sbp", reference: String(repeating: "r", count: 128))),
            Transfer(id: TransferID(4), kind: .postPending(TransferID(3), amounts: nil), legs: []),
            Transfer(id: TransferID(5), kind: .postPending(TransferID(3), amounts: [0, Int64.max]), legs: []),
            Transfer(id: TransferID(6), kind: .voidPending(TransferID(UInt128.max)), legs: []),
        ]
        for transfer in transfers {
            let bytes = TransferBodyCoding.encoded(transfer)
            #expect(try TransferBodyCoding.decodeTransfer(id: transfer.id, bytes: bytes) == transfer)
        }
        let truncated = Array(TransferBodyCoding.encoded(transfers[2]).dropLast())
        #expect(throws: LedgerError.self) { try TransferBodyCoding.decodeTransfer(id: TransferID(3), bytes: truncated) }
    }

    @Test func idsMapToUUIDsInTheSameOrder() throws {
        let ids = [UInt128(1), UInt128(0xFF), UInt128(1) << 64, UInt128(1) << 127, UInt128.max].map(AccountID.init)
        let uuids = ids.map(PostgresRowCoding.uuid)
        #expect(try uuids.map(PostgresRowCoding.identifier) == ids)
        #expect(uuids.map { $0.uuidString.lowercased() } == ids.map(\.description))
    }
}
