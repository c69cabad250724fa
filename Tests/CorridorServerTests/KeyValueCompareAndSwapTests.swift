import CorridorLedgerPostgres
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import CorridorServer

/// `HTTPKeyValueStore.replaceValue` is a compare-and-swap on every store, and the idempotency middleware takes a
/// lapsed claim over with it: of several requests (in several servers sharing one table) taking one lapsed claim over
/// at once, exactly one runs; and a request that ran past its lease never overwrites the answer of the one that took
/// its claim over.
@Suite("Key-value compare-and-swap")
struct KeyValueCompareAndSwapTests {
    static let postgresURL: String? = {
        let value = ProcessInfo.processInfo.environment["CORRIDOR_POSTGRES_URL"] ?? ""
        return value.isEmpty ? nil : value
    }()

    static let isCI = !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty

    /// Checks one store: replace on a match, refuse on a mismatch or a missing key, remove with nil, and one winner
    /// among concurrent swaps of the same value.
    static func checkCompareAndSwap(_ store: any HTTPKeyValueStore) async throws {
        let key = "cas:\(UUID().uuidString)"
        #expect(try await store.replaceValue("a", with: "b", for: key) == false, "a missing key is not replaced")
        #expect(try await store.value(for: key) == nil)
        #expect(try await store.insertIfAbsent("a", for: key) == nil)
        #expect(try await store.replaceValue("x", with: "b", for: key) == false, "a different value is not replaced")
        #expect(try await store.value(for: key) == "a")
        #expect(try await store.replaceValue("a", with: "b", for: key) == true)
        #expect(try await store.value(for: key) == "b")
        #expect(try await store.replaceValue("a", with: "c", for: key) == false, "the old value no longer matches")
        #expect(try await store.replaceValue("x", with: nil, for: key) == false)
        #expect(try await store.value(for: key) == "b")
        #expect(try await store.replaceValue("b", with: nil, for: key) == true, "nil removes")
        #expect(try await store.value(for: key) == nil)

        let raced = "race:\(UUID().uuidString)"
        #expect(try await store.insertIfAbsent("start", for: raced) == nil)
        let winners = try await withThrowingTaskGroup(of: String?.self) { group in
            for contender in 0..<16 {
                group.addTask {
                    try await store.replaceValue("start", with: "won-\(contender)", for: raced) ? "won-\(contender)" : nil
                }
            }
            var winners: [String] = []
            for try await winner in group { if let winner { winners.append(winner) } }
            return winners
        }
        #expect(winners.count == 1, "exactly one concurrent swap wins: \(winners)")
        #expect(try await store.value(for: raced) == winners.first)
    }

    @Test func inMemoryStoreSwapsAtomically() async throws {
        try await Self.checkCompareAndSwap(InMemoryKeyValueStore())
    }

    @Test func sqliteStoreSwapsAtomically() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kv-cas-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        try await Self.checkCompareAndSwap(try SQLiteKeyValueStore(path: path))
        // Two stores on one file (two processes) still see one winner.
        let first = try SQLiteKeyValueStore(path: path)
        let second = try SQLiteKeyValueStore(path: path)
        #expect(try await first.insertIfAbsent("v1", for: "shared") == nil)
        async let a = first.replaceValue("v1", with: "first", for: "shared")
        async let b = second.replaceValue("v1", with: "second", for: "shared")
        let results = try await [a, b]
        #expect(results.filter { $0 }.count == 1)
        #expect(try await first.value(for: "shared") == (results[0] ? "first" : "second"))
    }

    @Test(.enabled(if: postgresURL != nil || isCI, "CORRIDOR_POSTGRES_URL is not set"))
    func postgresStoreSwapsAtomically() async throws {
        let url = try #require(Self.postgresURL, "CORRIDOR_POSTGRES_URL must be set in CI")
        let schema = "kv_cas_\(UInt32.random(in: 0...UInt32.max))"
        let first = try await PostgresKeyValueStore.connect(url: url, schema: schema)
        let second = try await PostgresKeyValueStore.connect(url: url, schema: schema)
        do {
            try await Self.checkCompareAndSwap(first)
            #expect(try await first.insertIfAbsent("v1", for: "shared") == nil)
            async let a = first.replaceValue("v1", with: "first", for: "shared")
            async let b = second.replaceValue("v1", with: "second", for: "shared")
            let results = try await [a, b]
            #expect(results.filter { $0 }.count == 1)
            #expect(try await second.value(for: "shared") == (results[0] ? "first" : "second"))
        } catch {
            Issue.record(error)
        }
        await second.shutdown()
        await first.shutdown()
        try await Self.dropSchema(schema, url: url)
    }

    /// Drops the test's schema (through a ledger on it, which drops the whole schema).
    static func dropSchema(_ schema: String, url: String) async throws {
        try await PostgresSettlementBackend.connect(url: url, schema: schema).dropSchemaAndShutdown()
    }

    // MARK: The middleware

    static let caller = IdempotencyClaimTests.caller

    /// Several servers sharing one table each receive the retry of a request whose claim lapsed, at the same moment
    /// (the table holds every takeover until all have read the lapsed claim): one runs it, the others answer 409.
    @Test func oneOfSeveralServersTakesALapsedClaimOver() async throws {
        let contenders = 3
        let table = GatedKeyValueStore(parties: contenders)
        var worlds: [HTTPTestWorld] = [try await HTTPTestWorld.make(table: table)]
        for _ in 1..<contenders { worlds.append(try await HTTPTestWorld.make(table: table, issueKeys: false)) }
        let key = try #require(worlds[0].keys[Self.caller])
        let lease = IdempotencyMiddleware.pendingLeaseMillisecondsDefault
        let storeKey = "idem:participant:\(Self.caller):takeover-1"
        await table.inner.setValue(IdempotencyClaimTests.claim(ageMs: lease + 1_000), for: storeKey)
        await table.arm()
        let headers = HTTPTestWorld.headers(key, json: true, idempotencyKey: "takeover-1")
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for world in worlds {
                group.addTask {
                    try await world.application().test(.router) { client in
                        let response = try await client.execute(
                            uri: "/payments", method: .post, headers: headers,
                            body: .json(IdempotencyClaimTests.body))
                        return Int(response.status.code)
                    }
                }
            }
            var statuses: [Int] = []
            for try await status in group { statuses.append(status) }
            return statuses.sorted()
        }
        #expect(statuses == [201] + Array(repeating: 409, count: contenders - 1), "\(statuses)")
        let stored = try #require(await table.inner.value(for: storeKey))
        #expect(stored.contains(#""pending":false"#), "the winner's answer is stored: \(stored)")
    }

    /// A request that ran past its lease, whose claim another server took over and answered meanwhile, leaves that
    /// answer in place: a replay gets the answer of the request that took over.
    @Test func aRequestPastItsLeaseDoesNotOverwriteTheTakeoversAnswer() async throws {
        let table = OvertakingKeyValueStore()
        let world = try await HTTPTestWorld.make(table: table)
        let headers = HTTPTestWorld.headers(world.keys[Self.caller], json: true, idempotencyKey: "overtaken-1")
        try await world.application().test(.router) { client in
            let first = try await client.execute(
                uri: "/payments", method: .post, headers: headers, body: .json(IdempotencyClaimTests.body))
            #expect(first.status == .created, "\(first.text)")
            let replay = try await client.execute(
                uri: "/payments", method: .post, headers: headers, body: .json(IdempotencyClaimTests.body))
            #expect(replay.headers[IdempotencyMiddleware.replayedHeaderName] == "true")
            #expect(replay.text == OvertakingKeyValueStore.otherAnswer, "the takeover's answer stays")
        }
    }
}

/// An in-memory table whose compare-and-swaps wait until `parties` of them have arrived once armed, so concurrent
/// takeovers of one claim really race.
actor GatedKeyValueStore: HTTPKeyValueStore {
    let inner = InMemoryKeyValueStore()
    private let parties: Int
    private var armed = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(parties: Int) { self.parties = parties }

    func arm() { armed = true }

    func value(for key: String) async throws -> String? { await inner.value(for: key) }
    func insertIfAbsent(_ value: String, for key: String) async throws -> String? {
        await inner.insertIfAbsent(value, for: key)
    }
    func setValue(_ value: String, for key: String) async throws { await inner.setValue(value, for: key) }
    func removeValue(for key: String) async throws { await inner.removeValue(for: key) }
    func values(withKeyPrefix prefix: String) async throws -> [(key: String, value: String)] {
        await inner.values(withKeyPrefix: prefix)
    }

    func replaceValue(_ expected: String, with replacement: String?, for key: String) async throws -> Bool {
        if armed && expected.contains(#""pending":true"#) && !expected.contains(#""claim""#) {
            // A takeover of the lapsed claim (which carries no claim id): wait for every contender.
            if waiting.count + 1 < parties {
                await withCheckedContinuation { waiting.append($0) }
            } else {
                armed = false
                for waiter in waiting { waiter.resume() }
                waiting = []
            }
        }
        return await inner.replaceValue(expected, with: replacement, for: key)
    }
}

/// An in-memory table where, right after a request stores its claim, another server takes it over and stores its
/// own answer (as if the request had outlived its lease).
actor OvertakingKeyValueStore: HTTPKeyValueStore {
    static let otherAnswer = #"{"answeredBy":"the other server"}"#
    private let inner = InMemoryKeyValueStore()

    func value(for key: String) async throws -> String? { await inner.value(for: key) }
    func insertIfAbsent(_ value: String, for key: String) async throws -> String? {
        let existing = await inner.insertIfAbsent(value, for: key)
        if existing == nil, key.hasPrefix("idem:"), value.contains(#""pending":true"#) {
            let decoded = try JSONDecoder().decode(IdempotencyMiddleware.Stored.self, from: Data(value.utf8))
            let other = IdempotencyMiddleware.Stored(
                fingerprint: decoded.fingerprint, pending: false, status: 201, contentType: "application/json",
                body: Data(Self.otherAnswer.utf8).base64EncodedString())
            await inner.setValue(IdempotencyMiddleware.encode(other), for: key)
        }
        return existing
    }
    func setValue(_ value: String, for key: String) async throws { await inner.setValue(value, for: key) }
    func removeValue(for key: String) async throws { await inner.removeValue(for: key) }
    func values(withKeyPrefix prefix: String) async throws -> [(key: String, value: String)] {
        await inner.values(withKeyPrefix: prefix)
    }
    func replaceValue(_ expected: String, with replacement: String?, for key: String) async throws -> Bool {
        await inner.replaceValue(expected, with: replacement, for: key)
    }
}
