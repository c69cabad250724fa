import CorridorGatewaySQLite
import CorridorLedgerSQLite
import CorridorServer
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// The HTTP rows of `docs/bad-inputs.md` (HTTP-01…): each request goes to the API over one seeded SQLite world (an
/// approved card payment `P1`, made under `Idempotency-Key: seed-1`), and must get its status and problem field,
/// never a full card number, and leave every table but the HTTP face's own (`http_kv`: stored answers, keys and
/// merchants) exactly as it was — its SQL dump compares equal.
@Suite("bad-input catalogue: HTTP", .serialized)
struct HTTPBadInputCatalogueTests {
    /// One row: the request, what must come back, and a check of the answer beyond status and field.
    struct Row: Sendable, CustomStringConvertible {
        let id: String
        var method: HTTPRequest.Method = .post
        let uri: String
        /// Whose key: a participant, `"admin"`, `"wrong"` (a key nobody holds) or nil (none).
        var caller: String? = "beijing-acquiring"
        var idempotencyKey: String? = nil
        let body: [UInt8]
        let status: HTTPResponse.Status
        /// The problem's `field`, when the row names one.
        var field: String? = nil
        /// Words the answer must contain.
        var contains: [String] = []

        var description: String { id }
    }

    static let pan = HTTPPaymentTests.pan

    static func card(amount: String, currency: String = "CNY", pan: String = pan, extra: String = "") -> [UInt8] {
        Array(
            (#"{"card":{"pan":"\#(pan)","expiry":"2912","merchant":"beijing-restaurant","amount":{"value":"\#(amount)","currency":"\#(currency)"}}\#(extra)}"#)
                .utf8)
    }

    static func merchant(id: String, name: String) -> [UInt8] {
        let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return Array(
            #"{"id":"\#(id)","name":"\#(escaped)","city":"Beijing","country":"CN","mcc":"5812","currency":"CNY","instruments":["card"]}"#
                .utf8)
    }

    static let xmlName = #"<script>alert(1)</script> & "Tea" <Co>"#
    static let sqlName = "x'); DROP TABLE http_kv; DELETE FROM gateway_payments; --"

    static let rows: [Row] = [
        Row(id: "HTTP-01", uri: "/payments",
            body: Array("{\"card\":{}}".utf8) + [UInt8](repeating: 0x20, count: 300 * 1024),
            status: .contentTooLarge, contains: ["262144"]),
        Row(id: "HTTP-02", uri: "/payments", body: Array(#"{"card":{"pan":"22007"#.utf8), status: .badRequest),
        Row(id: "HTTP-03", uri: "/payments",
            body: Array(#"{"card":{"pan":"\#(pan)","expiry":"2912","merchant":"beijing-restaurant","amount":{"value":12.5,"currency":"CNY"}}}"#.utf8),
            status: .badRequest, contains: ["value"]),
        Row(id: "HTTP-04", uri: "/payments", body: card(amount: "100.001"), status: .unprocessableContent,
            field: "card.amount.value"),
        Row(id: "HTTP-05", uri: "/payments", body: card(amount: "99999999999999999999.00"),
            status: .unprocessableContent, field: "card.amount.value"),
        Row(id: "HTTP-06", uri: "/payments", body: card(amount: "-5.00"), status: .unprocessableContent,
            contains: ["card.amount"]),
        Row(id: "HTTP-07", uri: "/payments", body: card(amount: "0.00"), status: .unprocessableContent,
            contains: ["card.amount"]),
        Row(id: "HTTP-08", uri: "/payments", body: card(amount: "1.00", currency: "XYZ"),
            status: .unprocessableContent, field: "card.amount.currency"),
        Row(id: "HTTP-09", uri: "/payments",
            body: Array(#"{"card":{"pan":"22007\#u{FF}"#.utf8.prefix(17)) + [0xFF, 0xFE] + Array(#""}}"#.utf8),
            status: .badRequest),
        Row(id: "HTTP-10", uri: "/payments", body: card(amount: "1.00", pan: "2200700000001238"),
            status: .unprocessableContent, field: "card.pan"),
        Row(id: "HTTP-11", uri: "/payments/P1/refunds", body: Array(#"{"ammount":{"value":"1.00","currency":"CNY"}}"#.utf8),
            status: .badRequest, field: "ammount", contains: ["unknown field"]),
        Row(id: "HTTP-12", uri: "/payments", body: card(amount: "1.00", extra: #","card":{"pan":"x"}"#),
            status: .badRequest, field: "card", contains: ["twice"]),
        Row(id: "HTTP-13", uri: "/payments", idempotencyKey: "seed-1", body: card(amount: "2.00"),
            status: .unprocessableContent, field: "Idempotency-Key"),
        Row(id: "HTTP-14", uri: "/payments", caller: nil, body: card(amount: "1.00"), status: .unauthorized),
        Row(id: "HTTP-15", uri: "/payments", caller: "wrong", body: card(amount: "1.00"), status: .unauthorized),
        Row(id: "HTTP-16", uri: "/payments/P1/refunds", caller: "moscow-acquiring",
            body: Array(#"{"amount":{"value":"1.00","currency":"CNY"}}"#.utf8), status: .notFound),
        Row(id: "HTTP-17", uri: "/merchants", body: merchant(id: "xml-tea", name: xmlName), status: .created),
        Row(id: "HTTP-18", uri: "/merchants", body: merchant(id: "sql-tea", name: sqlName), status: .created),
    ]

    /// The seeded world's folder and the service over it.
    struct World {
        let folder: URL
        let database: String
        let http: HTTPTestWorld

        static func make() async throws -> World {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-http-bad-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let database = folder.appendingPathComponent("corridor.sqlite").path
            let http = try await HTTPTestWorld.make(
                backend: try SQLiteSettlementBackend(path: database), store: try SQLitePaymentStore(path: database),
                table: try SQLiteKeyValueStore(path: database))
            try await http.application().test(.router) { client in
                let seeded = try await client.execute(
                    uri: "/payments", method: .post,
                    headers: HTTPTestWorld.headers(http.keys["beijing-acquiring"], json: true, idempotencyKey: "seed-1"),
                    body: HTTPPaymentTests.cardPayment(amount: "10.00", id: "P1"))
                #expect(seeded.status == .created)
                #expect(try seeded.json()["status"] as? String == "approved")
            }
            return World(folder: folder, database: database, http: http)
        }

        /// Every row of every table but `http_kv`, as SQL.
        func dump() throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [
                "python3", "-c",
                "import sqlite3,sys\nfor line in sqlite3.connect(sys.argv[1]).iterdump():\n"
                    + "    if 'http_kv' not in line: print(line)",
                database,
            ]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "python3 cannot dump \(database)")
            return String(decoding: data, as: UTF8.self)
        }
    }

    @Test(arguments: rows)
    func theAnswerIsTheOneCataloguedAndNothingElseChanged(_ row: Row) async throws {
        let world = try await World.make()
        defer { try? FileManager.default.removeItem(at: world.folder) }
        let before = try world.dump()
        #expect(before.contains("gateway_payments") && before.contains("'P1'"), "the seeded world has P1")
        let key: String? =
            switch row.caller {
            case nil: nil
            case "wrong": "ckp_" + String(repeating: "0", count: 40)
            case "admin": world.http.adminKey
            case let owner?: world.http.keys[owner]
            }
        let headers = HTTPTestWorld.headers(key, json: true, idempotencyKey: row.idempotencyKey)
        if row.caller != nil { #expect(key != nil, "\(row.id): no key for \(row.caller ?? "")") }
        try await world.http.application().test(.router) { client in
            let response = try await client.execute(
                uri: row.uri, method: row.method, headers: headers, body: ByteBuffer(bytes: row.body))
            let text = response.text
            #expect(response.status == row.status, "\(row.id): \(text)")
            #expect(!text.contains(Self.pan), "\(row.id): a full card number in the answer")
            for word in row.contains { #expect(text.contains(word), "\(row.id): \(word) not in \(text)") }
            if response.status.code >= 400 {
                #expect(response.headers[.contentType] == "application/problem+json", "\(row.id)")
                if let field = row.field { #expect(try response.json()["field"] as? String == field, "\(row.id): \(text)") }
            }
            // Names are data: stored and answered as given, never run (the dump below shows every table intact).
            for (id, name) in [("xml-tea", Self.xmlName), ("sql-tea", Self.sqlName)] where row.status == .created {
                guard row.body == Self.merchant(id: id, name: name) else { continue }
                let stored = try await client.execute(
                    uri: "/merchants/\(id)", method: .get, headers: HTTPTestWorld.headers(key))
                #expect(try stored.json()["name"] as? String == name)
            }
        }
        let after = try world.dump()
        #expect(after == before, "\(row.id): a table changed")
    }

    /// Every row here is in the document, and the CLI catalogue's check knows them (``BadInputCatalogueTests``).
    @Test func theDocumentListsEveryHTTPRow() throws {
        let document = try String(
            contentsOf: HTTPTestWorld.checkoutRoot.appendingPathComponent("docs/bad-inputs.md"), encoding: .utf8)
        let documented = Set(
            document.split(separator: "\n").compactMap { line -> String? in
                guard line.hasPrefix("| HTTP-") else { return nil }
                return line.dropFirst(2).split(separator: " ").first.map(String.init)
            })
        #expect(documented == Set(Self.rows.map(\.id)))
    }
}
