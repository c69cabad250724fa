import Foundation
import Testing

/// `corridor wallet …` as a script uses it: one process per step over one SQLite file (issue 6 §5).
@Suite("wallet commands")
struct WalletCommandTests {
    static func common(_ scratch: Scratch) -> [String] {
        ["--backend", "sqlite:" + scratch.path("corridor.sqlite")]
    }

    @Test func aTouristConvertsPaysByQRPaysOfflineAndSyncs() throws {
        let scratch = try Scratch()
        let common = Self.common(scratch)
        let opened = try CorridorBinary.json(["wallet", "open", "--holder", "ivan", "--name", "Иван Петров", "--bank", "sberbank",
                                              "--json"] + common)
        let ivan = try #require(opened.object["id"] as? String)
        let cafe = try #require(CorridorBinary.json([
            "wallet", "open", "--holder", "cafe-pushkin", "--name", "Cafe Pushkin", "--type", "company", "--bank", "vtbbank",
            "--mcc", "5812", "--json"] + common).object["id"] as? String)
        #expect(try CorridorBinary.run(["wallet", "deposit", "--holder", "ivan", "--bank", "sberbank", "--amount", "10000.00 RUB",
                                        "--reference", "salary"] + common).status == 0)
        let converted = try CorridorBinary.json(["wallet", "convert", "--holder", "ivan", "--bank", "sberbank", "--amount",
                                                 "3000.00 RUB", "--id", "CNV-1", "--json"] + common)
        #expect(converted.object["status"] as? String == "approved")

        // The merchant shows a dynamic QR; zbar-free here: the payload itself is what a bank app scans.
        let qr = try CorridorBinary.run(["wallet", "qr", "--merchant", "cafe-pushkin", "--amount", "450.00 RUB"] + common)
        let payload = try #require(qr.lines.first)
        #expect(payload.hasPrefix("000201") && payload.contains("ru.cbr.digitalruble") && payload.contains(cafe))
        let paid = try CorridorBinary.json(["wallet", "pay", "--from", "ivan", "--qr", payload, "--json"] + common)
        #expect(paid.object["status"] as? String == "approved" && paid.object["payee"] as? String == cafe)
        // vtbbank charges 20 bps: 0.90 RUB on 450.00.
        #expect((paid.object["fee"] as? [String: Any])?["minorUnits"] as? Int == 90)
        let again = try CorridorBinary.json(["wallet", "pay", "--from", "ivan", "--qr", payload, "--json"] + common)
        #expect(again.object["transferID"] as? String == paid.object["transferID"] as? String)

        // Offline on a train: a reserve, two signed payments with no platform contact, a sync at arrival.
        let device = scratch.path("ivan.device")
        let train = scratch.path("train.txt")
        #expect(try CorridorBinary.run(["wallet", "offline-reserve", "--holder", "ivan", "--device", device, "--amount", "1000.00 RUB",
                                        "--id", "RSV-1"] + common).status == 0)
        let attributes = try FileManager.default.attributesOfItem(atPath: device)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let clone = scratch.path("clone.device")
        try FileManager.default.copyItem(atPath: device, toPath: clone)
        for amount in ["120.00 RUB", "80.00 RUB"] {
            #expect(try CorridorBinary.run(["wallet", "offline-pay", "--device", device, "--to", "cafe-pushkin", "--amount", amount,
                                            "--out", train]).status == 0)
        }
        let synced = try CorridorBinary.json(["wallet", "sync", train, "--json"] + common)
        #expect(synced.result.status == 0 && synced.object["posted"] as? Int == 2 && synced.object["posted_minor_units"] as? Int == 20_000)
        let replayed = try CorridorBinary.json(["wallet", "sync", train, "--json"] + common)
        #expect(replayed.object["duplicates"] as? Int == 2 && replayed.object["posted"] as? Int == 0)

        // A cloned device signs counter 1 again: the next process still sees the double spend and flags ivan.
        let forged = try CorridorBinary.run(["wallet", "offline-pay", "--device", clone, "--to", "cafe-pushkin", "--amount", "500.00 RUB"])
        let caught = try CorridorBinary.json(["wallet", "sync", "-", "--json"] + common, input: forged.standardOutput)
        #expect(caught.result.status == 1 && caught.object["conflicts"] as? Int == 1)
        #expect(caught.object["flagged"] as? [String] == [ivan])

        // Balances: 3000 − 450 − 1000 into the reserve; the cafe got 450 − 0.90 + 120 + 80 + what the reserve covered of 500.
        let balance = try CorridorBinary.json(["wallet", "balance", "--holder", "ivan", "--json"] + common)
        #expect(balance.object["balance"] as? String == "1550.00")
        #expect((balance.object["deposits"] as? [String: String])?["sberbank"] == "7000.00")
        let cafeBalance = try CorridorBinary.json(["wallet", "balance", "--holder", "cafe-pushkin", "--json"] + common)
        #expect(cafeBalance.object["balance"] as? String == "1149.10")
        let history = try CorridorBinary.run(["wallet", "history", "--holder", "ivan"] + common)
        #expect(history.lines.count == 3 && history.lines[0].contains("+3000.00 RUB") && history.lines[1].contains("-450.00 RUB"))
    }

    @Test func refusalsAreClearAndChangeNothing() throws {
        let scratch = try Scratch()
        let common = Self.common(scratch)
        #expect(try CorridorBinary.run(["wallet", "open", "--holder", "anna", "--name", "Anna", "--bank", "sberbank"] + common).status == 0)
        let noMoney = try CorridorBinary.json(["wallet", "convert", "--holder", "anna", "--bank", "sberbank", "--amount", "5.00 RUB",
                                               "--json"] + common)
        #expect(noMoney.result.status == 1 && noMoney.object["status"] as? String == "declined")
        let unknownBank = try CorridorBinary.run(["wallet", "open", "--holder", "oleg", "--name", "Oleg", "--bank", "nobank"] + common)
        #expect(unknownBank.status == 1 && unknownBank.standardError.contains("no participant bank nobank"))
        let wrongCurrency = try CorridorBinary.run(["wallet", "convert", "--holder", "anna", "--bank", "sberbank", "--amount",
                                                   "5.00 CNY"] + common)
        #expect(wrongCurrency.status == 64 && wrongCurrency.standardError.contains("RUB"))
        let badPlatform = scratch.path("platform.yaml")
        try "banks:\n  - id: x\n    reserves: \"1.00\"\n    colour: red\n".write(toFile: badPlatform, atomically: true, encoding: .utf8)
        let unknownKey = try CorridorBinary.run(["wallet", "balance", "--holder", "anna", "--platform", badPlatform] + common)
        #expect(unknownKey.status == 64 && unknownKey.standardError.contains("line 4: unknown key `colour`"))
        let balance = try CorridorBinary.json(["wallet", "balance", "--holder", "anna", "--json"] + common)
        #expect(balance.object["balance"] as? String == "0.00")
    }
}
