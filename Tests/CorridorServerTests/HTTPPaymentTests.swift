import CorridorServer
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("HTTP payments")
struct HTTPPaymentTests {
    static let pan = "2200700000001239"

    static func qrPayment(_ payload: String, id: String? = nil) -> ByteBuffer {
        let idPart = id.map { #""id":"\#($0)","# } ?? ""
        return .json(
            #"{\#(idPart)"qr":{"payload":"\#(payload)","payer":{"bank":"mirbank","reference":"anna.smirnova"}}}"#)
    }

    static func cardPayment(amount: String, id: String) -> ByteBuffer {
        .json(
            #"{"id":"\#(id)","card":{"pan":"\#(pan)","expiry":"2912","cvv":"123","merchant":"beijing-restaurant","amount":{"value":"\#(amount)","currency":"CNY"}}}"#
        )
    }

    @Test func aQRPaymentIsApprovedAndMovesThePayersLedgerBalance() async throws {
        let world = try await HTTPTestWorld.make()
        try await world.application().test(.router) { client in
            let mirbank = HTTPTestWorld.headers(world.keys["mirbank"], json: true)
            let before = try await Self.customerBalance(client, key: world.keys["mirbank"]!, reference: "anna.smirnova")
            #expect(before == "250000.00")
            let code = try await client.execute(
                uri: "/merchants/beijing-restaurant/qr?amount=100.00", method: .get,
                headers: HTTPTestWorld.headers(world.adminKey))
            let payload = try #require(try code.json()["payload"] as? String)
            let paid = try await client.execute(
                uri: "/payments", method: .post, headers: mirbank,
                body: Self.qrPayment(payload, id: "QR-HTTP-1"))
            #expect(paid.status == .created)
            let payment = try paid.json()
            #expect(payment["status"] as? String == "approved")
            let payer = try #require(payment["payerAmount"] as? [String: Any])
            #expect(payer["currency"] as? String == "RUB")
            let after = try await Self.customerBalance(client, key: world.keys["mirbank"]!, reference: "anna.smirnova")
            let expected = (Decimal(string: "250000.00")! - Decimal(string: payer["value"] as! String)!)
            #expect(Decimal(string: after!) == expected)

            let seenByBank = try await client.execute(uri: "/payments/QR-HTTP-1", method: .get, headers: mirbank)
            #expect(seenByBank.status == .ok)
            let seenByAcquirer = try await client.execute(
                uri: "/payments/QR-HTTP-1/trail", method: .get,
                headers: HTTPTestWorld.headers(world.keys["beijing-acquiring"]))
            #expect(seenByAcquirer.status == .ok)
            #expect(try seenByAcquirer.json()["qrPayload"] as? String == payload)
            let stranger = try await client.execute(
                uri: "/payments/QR-HTTP-1", method: .get,
                headers: HTTPTestWorld.headers(world.keys["eurobank"]))
            #expect(stranger.status == .notFound)
        }
    }

    @Test func aCardPaymentNeverReturnsThePANOnlyTheLastFour() async throws {
        let world = try await HTTPTestWorld.make()
        try await world.application().test(.router) { client in
            let acquirer = HTTPTestWorld.headers(world.keys["beijing-acquiring"], json: true)
            let paid = try await client.execute(
                uri: "/payments", method: .post, headers: acquirer,
                body: Self.cardPayment(amount: "50.00", id: "CARD-HTTP-1"))
            #expect(paid.status == .created)
            #expect(!paid.text.contains(Self.pan))
            let card = try #require(try paid.json()["card"] as? [String: Any])
            #expect(card["lastFour"] as? String == "1239")
            #expect(try paid.json()["status"] as? String == "approved")
            let trail = try await client.execute(uri: "/payments/CARD-HTTP-1/trail", method: .get, headers: acquirer)
            #expect(trail.status == .ok)
            #expect(!trail.text.contains(Self.pan))
            let bad = try await client.execute(
                uri: "/payments", method: .post, headers: acquirer,
                body: .json(
                    #"{"card":{"pan":"2200700000001238","expiry":"2912","merchant":"beijing-restaurant","amount":{"value":"5.00","currency":"CNY"}}}"#
                ))
            #expect(bad.status == .unprocessableContent)
            #expect(try bad.json()["field"] as? String == "card.pan")
            #expect(!bad.text.contains("2200700000001238"))
            // The acquirer of another merchant cannot charge this one.
            let other = try await client.execute(
                uri: "/payments", method: .post,
                headers: HTTPTestWorld.headers(world.keys["moscow-acquiring"], json: true),
                body: Self.cardPayment(amount: "5.00", id: "CARD-HTTP-2"))
            #expect(other.status == .notFound)
        }
    }

    @Test func noPANReachesALogLineEvenWhenTheCardIsRefused() async throws {
        let logs = LogCapture()
        let world = try await HTTPTestWorld.make(logs: logs)
        try await world.application(logs: logs).test(.router) { client in
            let acquirer = HTTPTestWorld.headers(world.keys["beijing-acquiring"], json: true)
            _ = try await client.execute(
                uri: "/payments", method: .post, headers: acquirer,
                body: Self.cardPayment(amount: "15.00", id: "CARD-LOG-1"))
            _ = try await client.execute(
                uri: "/payments", method: .post, headers: acquirer,
                body: .json(
                    #"{"card":{"pan":"2200700000001238","expiry":"2912","merchant":"beijing-restaurant","amount":{"value":"5.00","currency":"CNY"}}}"#
                ))
            _ = try await client.execute(
                uri: "/payments", method: .post, headers: acquirer,
                body: .json(
                    #"{"card":{"pan":"2200700000001239","expiry":"29","merchant":"beijing-restaurant","amount":{"value":"5.00","currency":"CNY"}}}"#
                ))
        }
        // The gateway logs at trace level here, so there are lines to check.
        #expect(logs.all.count > 0)
        for pan in [Self.pan, "2200700000001238"] {
            #expect(!logs.all.contains { $0.contains(pan) })
        }
    }

    @Test func aQuotedQRPaymentPaysAtTheQuote() async throws {
        let world = try await HTTPTestWorld.make()
        try await world.application().test(.router) { client in
            let mirbank = HTTPTestWorld.headers(world.keys["mirbank"], json: true)
            let quote = try await client.execute(
                uri: "/quotes", method: .post, headers: mirbank,
                body: .json(
                    #"{"amount":{"value":"100.00","currency":"CNY"},"payerCurrency":"RUB"}"#)
            ).json()
            let quoteID = try #require(quote["id"] as? String)
            let payerAmount = try #require((quote["payerAmount"] as? [String: Any])?["value"] as? String)
            let code = try await client.execute(
                uri: "/merchants/beijing-restaurant/qr?amount=100.00", method: .get,
                headers: HTTPTestWorld.headers(world.adminKey))
            let payload = try #require(try code.json()["payload"] as? String)
            let paid = try await client.execute(
                uri: "/payments", method: .post, headers: mirbank,
                body: .json(
                    #"{"quoteId":"\#(quoteID)","qr":{"payload":"\#(payload)","payer":{"bank":"mirbank","reference":"anna.smirnova"}}}"#
                )
            ).json()
            #expect(paid["status"] as? String == "approved")
            #expect((paid["payerAmount"] as? [String: Any])?["value"] as? String == payerAmount)
        }
    }

    @Test func anAccountsHistoryIsPagedByCursorAndHiddenFromOthers() async throws {
        let world = try await HTTPTestWorld.make()
        try await world.application().test(.router) { client in
            let acquirer = HTTPTestWorld.headers(world.keys["beijing-acquiring"], json: true)
            for index in 1...3 {
                _ = try await client.execute(
                    uri: "/payments", method: .post, headers: acquirer,
                    body: Self.cardPayment(amount: "\(index).00", id: "CARD-HIST-\(index)"))
            }
            let accounts = try await client.execute(uri: "/ledger/accounts?limit=500", method: .get, headers: acquirer)
            let items = try #require(try accounts.json()["items"] as? [[String: Any]])
            #expect(items.allSatisfy { $0["owner"] as? String == "beijing-acquiring" })
            let busy = try #require(items.first { ($0["creditsPosted"] as? Int ?? 0) > 0 }?["id"] as? String)
            var seen: [Int] = []
            var cursor: String?
            for _ in 0..<100 {
                let uri = "/ledger/accounts/\(busy)/history?limit=1" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await client.execute(uri: uri, method: .get, headers: acquirer).json()
                let transfers = try #require(page["items"] as? [[String: Any]])
                #expect(transfers.count <= 1)
                seen += transfers.compactMap { $0["sequence"] as? Int }
                cursor = page["nextCursor"] as? String
                if cursor == nil { break }
            }
            #expect(seen.count >= 3)
            #expect(seen == seen.sorted())
            let stranger = try await client.execute(
                uri: "/ledger/accounts/\(busy)/history", method: .get,
                headers: HTTPTestWorld.headers(world.keys["mirbank"]))
            #expect(stranger.status == .notFound)
        }
    }

    @Test func aRefundIsBookedAndShownOnTheOriginal() async throws {
        let world = try await HTTPTestWorld.make()
        try await world.application().test(.router) { client in
            let acquirer = HTTPTestWorld.headers(world.keys["beijing-acquiring"], json: true)
            _ = try await client.execute(
                uri: "/payments", method: .post, headers: acquirer,
                body: Self.cardPayment(amount: "80.00", id: "CARD-HTTP-R"))
            let refund = try await client.execute(
                uri: "/payments/CARD-HTTP-R/refunds", method: .post, headers: acquirer,
                body: .json(#"{"id":"CARD-HTTP-R-1","amount":{"value":"20.00","currency":"CNY"}}"#))
            #expect(refund.status == .created)
            let original = try await client.execute(uri: "/payments/CARD-HTTP-R", method: .get, headers: acquirer)
                .json()
            #expect((original["refundedAmount"] as? [String: Any])?["value"] as? String == "20.00")
            let tooMuch = try await client.execute(
                uri: "/payments/CARD-HTTP-R/refunds", method: .post, headers: acquirer,
                body: .json(#"{"amount":{"value":"500.00","currency":"CNY"}}"#))
            #expect(tooMuch.status == .conflict)
            let byIssuer = try await client.execute(
                uri: "/payments/CARD-HTTP-R/reversals", method: .post,
                headers: HTTPTestWorld.headers(world.keys["mirbank"], json: true), body: .json("{}"))
            #expect(byIssuer.status == .forbidden || byIssuer.status == .notFound)
        }
    }

    @Test func theSameIdempotencyKeyReplaysTheResponseAndRefusesAnotherBody() async throws {
        let world = try await HTTPTestWorld.make()
        try await world.application().test(.router) { client in
            let headers = HTTPTestWorld.headers(world.keys["beijing-acquiring"], json: true, idempotencyKey: "order-42")
            let first = try await client.execute(
                uri: "/payments", method: .post, headers: headers,
                body: Self.cardPayment(amount: "10.00", id: "CARD-IDEM-1"))
            let second = try await client.execute(
                uri: "/payments", method: .post, headers: headers,
                body: Self.cardPayment(amount: "10.00", id: "CARD-IDEM-1"))
            #expect(first.status == .created)
            #expect(second.status == first.status)
            #expect(second.text == first.text)
            #expect(second.headers[HTTPFields.Element.Name("Idempotency-Replayed")!] == "true")
            let different = try await client.execute(
                uri: "/payments", method: .post, headers: headers,
                body: Self.cardPayment(amount: "11.00", id: "CARD-IDEM-2"))
            #expect(different.status == .unprocessableContent)
            #expect(try different.json()["field"] as? String == "Idempotency-Key")
        }
    }

    @Test func anIdempotentResponseSurvivesARestartOnSQLite() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-http-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let table = folder.appendingPathComponent("corridor.sqlite").path
        let first = try await HTTPTestWorld.make(table: try SQLiteKeyValueStore(path: table))
        let headers = HTTPTestWorld.headers(first.keys["beijing-acquiring"], json: true, idempotencyKey: "restart-1")
        let answer = try await first.application().test(.router) { client in
            let response = try await client.execute(
                uri: "/payments", method: .post, headers: headers,
                body: Self.cardPayment(amount: "12.00", id: "CARD-RESTART"))
            #expect(response.status == .created)
            return response.text
        }
        // A new server over the same file: the key still authenticates and the response is replayed, not re-run.
        let second = try await HTTPTestWorld.make(table: try SQLiteKeyValueStore(path: table), issueKeys: false)
        try await second.application().test(.router) { client in
            let response = try await client.execute(
                uri: "/payments", method: .post, headers: headers,
                body: Self.cardPayment(amount: "12.00", id: "CARD-RESTART"))
            #expect(response.status == .created)
            #expect(response.text == answer)
        }
    }

    @Test func aStaticAndADynamicQRCodeDecodeToTheMerchantsPayload() async throws {
        let zbarimg = "/usr/bin/zbarimg"
        try #require(
            FileManager.default.isExecutableFile(atPath: zbarimg) || ProcessInfo.processInfo.environment["CI"] == nil)
        guard FileManager.default.isExecutableFile(atPath: zbarimg) else { return }
        let world = try await HTTPTestWorld.make()
        try await world.application().test(.router) { client in
            let admin = HTTPTestWorld.headers(world.adminKey)
            for query in ["", "?amount=88.00"] {
                let payload = try #require(
                    try await client.execute(
                        uri: "/merchants/spb-cafe/qr\(query)", method: .get,
                        headers: admin
                    ).json()["payload"] as? String)
                let png = try await client.execute(
                    uri: "/merchants/spb-cafe/qr.png\(query)", method: .get, headers: admin)
                #expect(png.status == .ok)
                #expect(png.headers[.contentType] == "image/png")
                let file = FileManager.default.temporaryDirectory.appendingPathComponent(
                    "corridor-qr-\(UUID().uuidString).png")
                try Data(png.body.readableBytesView).write(to: file)
                defer { try? FileManager.default.removeItem(at: file) }
                let process = Process()
                process.executableURL = URL(fileURLWithPath: zbarimg)
                process.arguments = ["--raw", "-q", file.path]
                let pipe = Pipe()
                process.standardOutput = pipe
                try process.run()
                let output = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                #expect(String(decoding: output, as: UTF8.self).trimmingCharacters(in: .newlines) == payload)
                let svg = try await client.execute(
                    uri: "/merchants/spb-cafe/qr.svg\(query)", method: .get, headers: admin)
                #expect(svg.headers[.contentType] == "image/svg+xml")
                #expect(svg.text.contains("<svg"))
            }
        }
    }

    @Test func clearingRunsOnlyForTheOperatorAndItsFilesDownload() async throws {
        let world = try await HTTPTestWorld.make()
        try await world.application().test(.router) { client in
            let acquirer = HTTPTestWorld.headers(world.keys["beijing-acquiring"], json: true)
            let paid = try await client.execute(
                uri: "/payments", method: .post, headers: acquirer,
                body: Self.cardPayment(amount: "30.00", id: "CARD-CLR"))
            let date = try #require(try paid.json()["businessDate"] as? String)
            let refused = try await client.execute(
                uri: "/clearing/runs", method: .post, headers: acquirer,
                body: .json(#"{"businessDate":"\#(date)"}"#))
            #expect(refused.status == .forbidden)
            let run = try await client.execute(
                uri: "/clearing/runs", method: .post,
                headers: HTTPTestWorld.headers(world.adminKey, json: true),
                body: .json(#"{"businessDate":"\#(date)"}"#))
            #expect(run.status == .created)
            let files = try #require(try run.json()["files"] as? [[String: Any]])
            let href = try #require(files.first?["href"] as? String)
            let file = try await client.execute(uri: href, method: .get, headers: HTTPTestWorld.headers(world.adminKey))
            #expect(file.status == .ok)
            #expect(file.headers[.contentDisposition]?.hasPrefix("attachment") == true)
            let own = try await client.execute(uri: "/clearing/runs/\(date)", method: .get, headers: acquirer).json()
            let positions = try #require(own["positions"] as? [[String: Any]])
            #expect(positions.allSatisfy { $0["participant"] as? String == "beijing-acquiring" })
        }
    }
}

extension HTTPPaymentTests {
    /// A bank customer's ledger balance, found through `GET /ledger/accounts` with the bank's key.
    static func customerBalance(_ client: some TestClientProtocol, key: String, reference: String) async throws
        -> String?
    {
        var cursor: String?
        for _ in 0..<50 {
            let page = try await client.execute(
                uri: "/ledger/accounts?limit=500" + (cursor.map { "&cursor=\($0)" } ?? ""),
                method: .get, headers: HTTPTestWorld.headers(key)
            ).json()
            for account in page["items"] as? [[String: Any]] ?? []
            where account["userData"] as? String == "customer \(reference)" {
                return (account["balance"] as? [String: Any])?["value"] as? String
            }
            cursor = page["nextCursor"] as? String
            if cursor == nil { return nil }
        }
        return nil
    }
}
