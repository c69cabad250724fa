import CorridorServer
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Issue 9 §4: participants are isolated on every route. Every operation in openapi.yaml is either exercised here,
/// with participant B's key on participant A's merchants, payments, wallets, accounts, clearing files and
/// simulations, or listed with the reason it cannot be; every exercised call is refused (404, or the status the
/// document gives) and A's balances, accounts, merchants, payment and wallet are the same afterwards.
@Suite("HTTP participant isolation")
struct HTTPIsolationTests {
    /// What B sends on one route and what it must get.
    struct Probe {
        let method: HTTPRequest.Method
        let uri: String
        var body: String? = nil
        var contentType = "application/json"
        /// The statuses allowed (404 unless the document says otherwise).
        var expected: Set<HTTPResponse.Status> = [.notFound]
        /// A check on B's answer when it is a 200 listing (nothing of A's in it).
        var listing: ((String) -> Bool)? = nil
    }

    /// Operations that are not exercised with another participant's ids, and why.
    static let notExercised: [String: String] = [
        "GET /healthz": "public: no key, no participant data",
        "GET /openapi.yaml": "public: the contract",
        "GET /metrics": "public: counts per route pattern, never ids or participants",
        "GET /participants": "the directory is shared knowledge by design (DESIGN.md §6)",
        "GET /participants/{id}": "the directory is shared knowledge by design (DESIGN.md §6)",
        "POST /quotes": "an FX price for an amount and a currency pair: names no participant's resource",
        "POST /wallets/offline/sync":
            "the body is device-signed offline transfers (bearer instruments checked by signature, not by key); "
            + "CorridorCBDCTests cover forged and replayed ones",
        "POST /clearing/runs": "operator only: 403 to every participant (HTTPAPITests), names no resource",
        "GET /ledger/verify": "operator only: 403 to every participant, names no resource",
        "POST /simulations": "runs a scenario file in a sandbox of its own; names no participant's resource",
    ]

    @Test func everyDocumentedOperationIsExercisedOrListed() async throws {
        let documented = HTTPContractTests.documentedOperations(OpenAPIDocument.text)
        let probes = Set(Self.probeKeys)
        let listed = Set(Self.notExercised.keys)
        #expect(documented.subtracting(probes).subtracting(listed).sorted() == [], "neither exercised nor listed")
        #expect(probes.union(listed).subtracting(documented).sorted() == [], "not in openapi.yaml")
        #expect(probes.intersection(listed).isEmpty)
    }

    /// The operations ``probes(_:)`` exercises.
    static let probeKeys = [
        "GET /merchants", "POST /merchants", "GET /merchants/{id}", "GET /merchants/{id}/qr",
        "GET /merchants/{id}/qr.png", "GET /merchants/{id}/qr.svg", "POST /payments", "GET /payments/{id}",
        "GET /payments/{id}/trail", "POST /payments/{id}/refunds", "POST /payments/{id}/reversals", "POST /wallets",
        "GET /wallets/{holder}", "POST /wallets/{holder}/deposits", "POST /wallets/{holder}/conversions",
        "POST /wallets/{holder}/payments", "GET /wallets/{holder}/qr", "GET /ledger/accounts",
        "GET /ledger/accounts/{id}", "GET /ledger/accounts/{id}/history", "GET /ledger/balances",
        "GET /clearing/runs/{date}", "GET /clearing/runs/{date}/files/{name}", "GET /simulations/{id}",
        "GET /simulations/{id}/report", "GET /simulations/{id}/file",
    ]

    /// A's resources, made through the API.
    struct Resources {
        let merchant = "beijing-restaurant"
        let payment = "ISO-CARD-1"
        let holder = "iso-holder"
        var account = ""
        var clearingDate = ""
        var statement = ""
        var simulation = ""
    }

    static let a = "beijing-acquiring"
    static let b = "eurobank"

    static func probes(_ r: Resources) -> [String: Probe] {
        let money = #"{"value":"10.00","currency":"RUB"}"#
        return [
            "GET /merchants": Probe(
                method: .get, uri: "/merchants?limit=500", expected: [.ok],
                listing: { !$0.contains(r.merchant) && !$0.contains(a) }),
            // Naming A as the acquirer is refused (422, field acquirer); A's merchant id is taken (409).
            "POST /merchants": Probe(
                method: .post, uri: "/merchants",
                body: #"{"id":"\#(r.merchant)","name":"Mine now","city":"Beijing","country":"CN","mcc":"5812","currency":"CNY","instruments":["card"],"acquirer":"\#(a)"}"#,
                expected: [.unprocessableContent, .conflict]),
            "GET /merchants/{id}": Probe(method: .get, uri: "/merchants/\(r.merchant)"),
            "GET /merchants/{id}/qr": Probe(method: .get, uri: "/merchants/\(r.merchant)/qr?amount=10.00"),
            "GET /merchants/{id}/qr.png": Probe(method: .get, uri: "/merchants/\(r.merchant)/qr.png"),
            "GET /merchants/{id}/qr.svg": Probe(method: .get, uri: "/merchants/\(r.merchant)/qr.svg"),
            // A card payment at A's merchant: only its acquirer sends those.
            "POST /payments": Probe(
                method: .post, uri: "/payments",
                body: #"{"id":"ISO-B-1","card":{"pan":"2200700000001239","expiry":"2912","merchant":"\#(r.merchant)","amount":{"value":"1.00","currency":"CNY"}}}"#),
            "GET /payments/{id}": Probe(method: .get, uri: "/payments/\(r.payment)"),
            "GET /payments/{id}/trail": Probe(method: .get, uri: "/payments/\(r.payment)/trail"),
            "POST /payments/{id}/refunds": Probe(method: .post, uri: "/payments/\(r.payment)/refunds", body: "{}"),
            "POST /payments/{id}/reversals": Probe(
                method: .post, uri: "/payments/\(r.payment)/reversals", body: "{}"),
            // Opening a wallet at A's wallet bank, for A's holder.
            "POST /wallets": Probe(
                method: .post, uri: "/wallets", body: #"{"holder":"\#(r.holder)","name":"X","bank":"sberbank"}"#),
            "GET /wallets/{holder}": Probe(method: .get, uri: "/wallets/\(r.holder)"),
            "POST /wallets/{holder}/deposits": Probe(
                method: .post, uri: "/wallets/\(r.holder)/deposits",
                body: #"{"bank":"sberbank","amount":\#(money),"reference":"b-1"}"#),
            "POST /wallets/{holder}/conversions": Probe(
                method: .post, uri: "/wallets/\(r.holder)/conversions",
                body: #"{"direction":"toBank","bank":"sberbank","amount":\#(money)}"#),
            "POST /wallets/{holder}/payments": Probe(
                method: .post, uri: "/wallets/\(r.holder)/payments", body: #"{"qr":"anything"}"#),
            "GET /wallets/{holder}/qr": Probe(method: .get, uri: "/wallets/\(r.holder)/qr?amount=10.00"),
            "GET /ledger/accounts": Probe(
                method: .get, uri: "/ledger/accounts?limit=500", expected: [.ok],
                listing: { !$0.contains(r.account) && !$0.contains("\"\(a)\"") }),
            "GET /ledger/accounts/{id}": Probe(method: .get, uri: "/ledger/accounts/\(r.account)"),
            "GET /ledger/accounts/{id}/history": Probe(method: .get, uri: "/ledger/accounts/\(r.account)/history"),
            "GET /ledger/balances": Probe(
                method: .get, uri: "/ledger/balances", expected: [.ok], listing: { !$0.contains("\"\(a)\"") }),
            // A run is everyone's; B's view of it holds only B's positions and files.
            "GET /clearing/runs/{date}": Probe(
                method: .get, uri: "/clearing/runs/\(r.clearingDate)", expected: [.ok],
                listing: { !$0.contains("\"\(a)\"") && !$0.contains(r.statement) }),
            "GET /clearing/runs/{date}/files/{name}": Probe(
                method: .get, uri: "/clearing/runs/\(r.clearingDate)/files/\(r.statement)"),
            "GET /simulations/{id}": Probe(method: .get, uri: "/simulations/\(r.simulation)"),
            "GET /simulations/{id}/report": Probe(method: .get, uri: "/simulations/\(r.simulation)/report"),
            "GET /simulations/{id}/file": Probe(method: .get, uri: "/simulations/\(r.simulation)/file?name=report.md"),
        ]
    }

    @Test func participantBGets404OnEveryOneOfParticipantAsResourcesAndChangesNothing() async throws {
        let world = try await HTTPTestWorld.make()
        let adminKey = world.adminKey
        let aKey = try #require(world.keys[Self.a])
        let bKey = try #require(world.keys[Self.b])
        try await world.application().test(.live) { client in
            func call(_ key: String, _ method: HTTPRequest.Method, _ uri: String, _ body: String? = nil,
                      type: String = "application/json") async throws -> TestResponse
            {
                var headers = HTTPTestWorld.headers(key)
                if body != nil { headers[.contentType] = type }
                return try await client.execute(
                    uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
            }
            var r = Resources()
            // A's payment, wallet (opened at sberbank by the operator, funded and converted), clearing run,
            // simulation; one of A's accounts.
            let paid = try await call(
                aKey, .post, "/payments",
                #"{"id":"\#(r.payment)","card":{"pan":"2200700000001239","expiry":"2912","merchant":"\#(r.merchant)","amount":{"value":"20.00","currency":"CNY"}}}"#)
            try #require(paid.status == .created, "\(paid.text)")
            let opened = try await call(
                adminKey, .post, "/wallets", #"{"holder":"\#(r.holder)","name":"Iso Holder","bank":"sberbank"}"#)
            try #require(opened.status == .created, "\(opened.text)")
            let deposited = try await call(
                adminKey, .post, "/wallets/\(r.holder)/deposits",
                #"{"bank":"sberbank","amount":{"value":"100.00","currency":"RUB"},"reference":"iso-1"}"#)
            try #require(deposited.status == .created, "\(deposited.text)")
            let accounts = try await call(aKey, .get, "/ledger/accounts?limit=500")
            let items = try #require(try accounts.json()["items"] as? [[String: Any]])
            r.account = try #require(items.first { $0["owner"] as? String == Self.a }?["id"] as? String)
            let run = try await call(adminKey, .post, "/clearing/runs", "{}")
            try #require(run.status == .created, "\(run.text)")
            r.clearingDate = try #require(try run.json()["businessDate"] as? String)
            let aRun = try await call(aKey, .get, "/clearing/runs/\(r.clearingDate)")
            let files = try #require(try aRun.json()["files"] as? [[String: Any]])
            r.statement = try #require(files.first?["name"] as? String, "A has a file in the run: \(aRun.text)")
            let scenario = try String(
                contentsOf: SampleFilesRoot.url("Samples/scenarios/wallet-to-merchant.yaml"), encoding: .utf8)
            let simulation = try await call(aKey, .post, "/simulations", scenario, type: "application/yaml")
            try #require(simulation.status == .accepted, "\(simulation.text)")
            r.simulation = try #require(try simulation.json()["id"] as? String)

            func snapshot() async throws -> [String] {
                var texts: [String] = []
                for (key, uri) in [
                    (adminKey, "/ledger/balances"), (adminKey, "/ledger/accounts?limit=500"),
                    (aKey, "/merchants?limit=500"), (aKey, "/payments/\(r.payment)"),
                    (aKey, "/payments/\(r.payment)/trail"), (adminKey, "/wallets/\(r.holder)"),
                    (aKey, "/ledger/accounts/\(r.account)/history?limit=500"),
                ] {
                    let response = try await call(key, .get, uri)
                    #expect(response.status == .ok, "\(uri): \(response.text)")
                    texts.append(response.text)
                }
                return texts
            }
            let before = try await snapshot()
            let probes = Self.probes(r)
            #expect(Set(probes.keys) == Set(Self.probeKeys))
            for (operation, probe) in probes.sorted(by: { $0.key < $1.key }) {
                let response = try await call(bKey, probe.method, probe.uri, probe.body, type: probe.contentType)
                #expect(probe.expected.contains(response.status), "\(operation): \(response.status) \(response.text)")
                if response.status.code >= 400 {
                    #expect(response.headers[.contentType] == "application/problem+json", "\(operation)")
                }
                if let listing = probe.listing {
                    #expect(listing(response.text), "\(operation) shows A's data to B: \(response.text.prefix(400))")
                }
            }
            let after = try await snapshot()
            #expect(before == after, "A's state changed")
            // B's attempts made nothing of B's either.
            #expect(try await call(adminKey, .get, "/payments/ISO-B-1").status == .notFound)
            let merchant = try await call(adminKey, .get, "/merchants/\(r.merchant)")
            #expect(try merchant.json()["acquirer"] as? String == Self.a)
        }
    }
}

/// The checkout's root, for sample files.
enum SampleFilesRoot {
    static func url(_ relativePath: String) -> URL {
        HTTPTestWorld.checkoutRoot.appendingPathComponent(relativePath)
    }
}
