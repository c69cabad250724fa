#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization
import Testing

/// Issue 9 §2: `corridor serve` on SQLite and on PostgreSQL killed with SIGKILL while an acquirer streams authorizations over ISO
/// 8583. After each restart every authorization sent is replayed with its own key: each one — acknowledged before
/// the kill or lost in flight — ends up posted exactly once (the card's holds equal the number of distinct
/// requests), acknowledged ones are answered 00 again, and the ledger verifies.
@Suite("serve crash test", .serialized)
struct ServeCrashTests {
    static let killCount = 4
    /// 1.00 RUB per authorization, on the sample Mir card …1239.
    static let amountMinorUnits = 100

    /// Requests that differ only in their STAN (field 11): one packed template with the STAN patched in.
    struct Requests {
        let template: [UInt8]
        let stanOffset: Int

        init() throws {
            let packed = try BadFrameCatalogueTests.pack(BadFrameCatalogueTests.authorization(
                stan: "987654", overrides: ["4": "000000000100", "41": "CRASHT01"]))
            let marker = Array("987654".utf8)
            stanOffset = try #require((0...(packed.count - 6)).first { Array(packed[$0..<($0 + 6)]) == marker })
            template = packed
        }

        func message(stan: Int) -> [UInt8] {
            var bytes = template
            bytes.replaceSubrange(stanOffset..<(stanOffset + 6), with: Array(String(format: "%06d", stan).utf8))
            return bytes
        }
    }

    /// What the sender saw: the STANs it sent and those answered before the kill.
    final class Traffic: Sendable {
        let sent = Mutex<[Int]>([])
        let answered = Mutex<Set<Int>>([])
    }

    @Test(arguments: ["sqlite", "postgres"])
    func everyAuthorizationIsPostedExactlyOnceAcrossSIGKILL(backend: String) throws {
        let scratch = try Scratch()
        let database: String
        var scratchDatabase: ScratchPostgresDatabase?
        if backend == "postgres" {
            guard let created = try ScratchPostgresDatabase.create() else { return }
            scratchDatabase = created
            database = "postgres:" + created.url
        } else {
            database = "sqlite:" + scratch.path("corridor.sqlite")
        }
        defer { scratchDatabase?.drop() }
        let arguments = ["--backend", database, "--cards", CorridorBinary.sample("issuer/cards.yaml")]
        let requests = try Requests()
        let traffic = Traffic()
        var nextStan = 1
        var seed: UInt64 = 20_261_130
        for round in 0..<Self.killCount {
            let server = try ServeProcess(arguments, scratch: scratch)
            let firstStan = nextStan
            nextStan += 1_000_000 / Self.killCount / 10
            let done = DispatchSemaphore(value: 0)
            let port = server.port
            Thread.detachNewThread {
                defer { done.signal() }
                guard let client = try? RawTCPClient(port: port, timeout: 5) else { return }
                var stan = firstStan
                while true {
                    traffic.sent.withLock { $0.append(stan) }
                    guard (try? client.sendFrame(requests.message(stan: stan))) != nil,
                        case .frame(let reply) = client.receiveFrame()
                    else { return }
                    if reply.starts(with: Array("0110".utf8)) { traffic.answered.withLock { _ = $0.insert(stan) } }
                    stan += 1
                }
            }
            // A seeded moment between 150 and 650 ms into the traffic.
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            Thread.sleep(forTimeInterval: 0.15 + Double((seed >> 33) % 500) / 1000)
            kill(server.process.processIdentifier, SIGKILL)
            server.process.waitUntilExit()
            done.wait()
            #expect(server.process.terminationReason == .uncaughtSignal, "round \(round): the server was not killed")
        }
        let sent = traffic.sent.withLock { $0 }
        let answeredBeforeKills = traffic.answered.withLock { $0 }
        #expect(answeredBeforeKills.count >= Self.killCount, "too little traffic before the kills")

        // Restart and replay every request sent, acknowledged or not, on one connection.
        let server = try ServeProcess(arguments, scratch: scratch)
        defer { server.stop() }
        let client = try RawTCPClient(port: server.port, timeout: 30)
        for stan in sent {
            try client.sendFrame(requests.message(stan: stan))
            let reply = client.receiveFrame()
            let code = try BadFrameCatalogueTests.responseCode(reply)
            #expect(code == "00", "STAN \(stan) (answered before: \(answeredBeforeKills.contains(stan))): \(reply)")
        }
        // Exactly once: the card's holds are one amount per distinct request.
        let accounts = try CorridorBinary.run(["ledger", "accounts", "--json", "--backend", database])
        let card = try #require(accounts.lines.first { $0.contains("\"cardAccount\"") && $0.contains("…1239") })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(card.utf8)) as? [String: Any])
        let id = try #require(object["id"] as? String)
        let balance = try CorridorBinary.json(["ledger", "balances", id, "--json", "--backend", database])
        #expect(Self.minorUnits(balance.object["debitsPending"]) == Int64(Set(sent).count * Self.amountMinorUnits),
                "\(balance.object)")
        let verify = try CorridorBinary.run(["ledger", "verify", "--backend", database])
        #expect(verify.status == 0, "\(verify)")
    }

    /// A balance figure as `ledger balances --json` prints it (a number of minor units, or an object holding one).
    static func minorUnits(_ value: Any?) -> Int64? {
        if let number = value as? NSNumber { return number.int64Value }
        if let text = value as? String { return Int64(text) }
        if let object = value as? [String: Any] { return minorUnits(object["minorUnits"]) }
        return nil
    }
}
