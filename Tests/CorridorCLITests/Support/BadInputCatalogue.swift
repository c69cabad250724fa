import Foundation

/// The rows of `docs/bad-inputs.md` that go through the `corridor` command line and scenario files.
///
/// Every stateful row runs against a copy of one seeded world (``BadInputWorld``): an approved card payment `P1`,
/// two digital-ruble wallets with money, an offline device with a signed transfer not yet synced and one synced.
enum BadInputCatalogue {
    static let common = ["--backend", "{db}", "--token-key-file", "{key}"]
    static let wallet = ["--backend", "{db}"]
    static let card = ["pay", "card", "--pan", "2200700000001239", "--expiry", "2912", "--merchant", "beijing-restaurant"]

    /// `body` + `6304` + its CRC: a payload whose only fault is the one the row puts in it.
    static func emv(_ body: String) -> String {
        let text = body + "6304"
        var crc: UInt16 = 0xFFFF
        for byte in text.utf8 {
            crc ^= UInt16(byte) << 8
            for _ in 0..<8 { crc = crc & 0x8000 != 0 ? (crc << 1) ^ 0x1021 : crc << 1 }
        }
        return text + String(format: "%04X", crc)
    }

    /// A valid static UnionPay payload's objects before the CRC, with `amount` (tag 54) inserted when given.
    static func emvBody(amount: String? = nil, currency: String = "156") -> String {
        let amountObject = amount.map { "54" + String(format: "%02d", $0.count) + $0 } ?? ""
        return "000201010211151362291000000015204581253" + "03" + currency + amountObject + "5802CN5904Cafe6007BEIJING"
    }

    static let scenarioHead = """
        name: bad
        world:
          gateway: {samples}/gateway
          cards: {samples}/issuer/cards.yaml
          cbdc: {samples}/cbdc/platform.yaml

        """

    static func scenario(_ id: String, _ yaml: String, error: [String]) -> BadInput {
        BadInput(
            id: id, arguments: ["simulate", "{dir}/s.yaml", "--backend", "memory"], files: ["s.yaml": yaml],
            status: 2, error: error, proof: .stateless)
    }

    static let rows: [BadInput] = cardRows + qrRows + iso8583Rows + walletRows + ledgerRows + scenarioRows

    static let cardRows: [BadInput] = [
        BadInput(id: "CLI-01", arguments: card + ["--amount", "100.001 CNY"] + common, status: 64,
                 error: ["--amount", "more than 2 fraction digits", "CNY"], proof: .databaseUnchanged),
        BadInput(id: "CLI-02", arguments: card + ["--amount", "99999999999999999999 CNY"] + common, status: 64,
                 error: ["--amount", "overflows"], proof: .databaseUnchanged),
        BadInput(id: "CLI-03", arguments: card + ["--amount", "100.00 XYZ"] + common, status: 64,
                 error: ["--amount", "unknown ISO 4217 currency \"XYZ\""], proof: .databaseUnchanged),
        BadInput(id: "CLI-04", arguments: card + ["--amount=-5.00 CNY"] + common, status: 1,
                 error: ["-5.00 CNY must be positive", "30/FF01"], proof: .ledgerUnchanged),
        BadInput(id: "CLI-05", arguments: card + ["--amount", "0.00 CNY"] + common, status: 1,
                 error: ["0.00 CNY must be positive"], proof: .ledgerUnchanged),
        BadInput(id: "CLI-06", arguments: ["pay", "card", "--pan", "2200700000001238", "--expiry", "2912", "--merchant",
                                           "beijing-restaurant", "--amount", "1.00 CNY"] + common, status: 64,
                 error: ["--pan", "220070******1238", "Luhn"], proof: .databaseUnchanged),
        BadInput(id: "CLI-07", arguments: ["pay", "card", "--pan", "1234", "--expiry", "2912", "--merchant",
                                           "beijing-restaurant", "--amount", "1.00 CNY"] + common, status: 64,
                 error: ["--pan", "4 digits", "12 to 19"], proof: .databaseUnchanged),
        BadInput(id: "CLI-08", arguments: card + ["--amount", "1.00 CNY", "--cvv", "12a"] + common, status: 1,
                 error: ["CVV must be 3 or 4 digits"], proof: .ledgerUnchanged),
        BadInput(id: "CLI-09", arguments: ["pay", "card", "--pan", "2200700000001239", "--expiry", "2913", "--merchant",
                                           "beijing-restaurant", "--amount", "1.00 CNY"] + common, status: 1,
                 error: ["expired card", "54"], proof: .ledgerUnchanged),
        BadInput(id: "CLI-10", arguments: ["pay", "card", "--pan", "2200700000001239", "--expiry", "2912", "--merchant",
                                           "x'; DROP TABLE payments;--", "--amount", "1.00 CNY"] + common, status: 1,
                 error: ["unknown merchant x'; DROP TABLE payments;--"], proof: .ledgerUnchanged),
        // Replayed: the same id with another body is refused; P1 itself stays approved (checked by the proof).
        BadInput(id: "CLI-11", arguments: card + ["--amount", "200.00 CNY", "--id", "P1"] + common, status: 1,
                 error: ["payment id P1 already names another payment"], proof: .ledgerUnchanged),
        // Replayed: the same id and body answers the original result and moves nothing.
        BadInput(id: "CLI-12", arguments: card + ["--amount", "100.00 CNY", "--id", "P1"] + common, status: 0,
                 error: ["payment P1: approved"], proof: .ledgerUnchanged),
        BadInput(id: "CLI-13", arguments: ["refund", "NOPE"] + common, status: 1,
                 error: ["no payment NOPE"], proof: .ledgerUnchanged),
        BadInput(id: "CLI-14", arguments: ["refund", "P1", "--amount", "100.01 CNY"] + common, status: 1,
                 error: ["cannot be refunded", "100.00 CNY left"], proof: .ledgerUnchanged),
        BadInput(id: "CLI-15", arguments: ["refund", "P1", "--amount", "1.00 RUB"] + common, status: 1,
                 error: ["cannot be refunded", "1.00 RUB"], proof: .ledgerUnchanged),
        BadInput(id: "CLI-16", arguments: ["pay", "qr", "-", "--payer", "mirbank/anna.smirnova"] + common,
                 input: Array("000201\u{FF}".utf8).dropLast(2) + [0xFF, 0xFE], status: 64,
                 error: ["standard input", "UTF-8", "offset 6"], proof: .databaseUnchanged),
        BadInput(id: "CLI-17", arguments: ["pay", "qr", emv(emvBody()).dropLast(4) + "0000", "--payer",
                                           "mirbank/anna.smirnova", "--amount", "10.00 CNY"] + common, status: 1,
                 error: ["tag 63", "computed"], proof: .ledgerUnchanged),
        BadInput(id: "CLI-18", arguments: ["pay", "qr", "{sbp}", "--payer", "mirbank/nobody", "--amount",
                                           "10.00 RUB"] + common, status: 1,
                 error: ["mirbank/nobody"], proof: .ledgerUnchanged),
    ]

    static let qrRows: [BadInput] = [
        BadInput(id: "QR-01", arguments: ["qr", "make", "emv", "--name", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123", "--city",
                                          "BEIJING", "--country", "CN", "--mcc", "5812", "--currency", "CNY", "--network",
                                          "unionpay", "--account", "6229100000001"], status: 64,
                 error: ["--name", "30 characters, at most 25"], proof: .stateless),
        BadInput(id: "QR-02", arguments: ["qr", "make", "emv", "--name", "Кафе", "--city", "BEIJING", "--country", "CN",
                                          "--mcc", "5812", "--currency", "CNY", "--network", "unionpay", "--account", "1"],
                 status: 64, error: ["--name", "outside its character set"], proof: .stateless),
        BadInput(id: "QR-03", arguments: ["qr", "make", "emv", "--name", "Cafe", "--city", "TOKYO", "--country", "JP",
                                          "--mcc", "5812", "--currency", "JPY", "--amount", "100.5", "--network",
                                          "unionpay", "--account", "1"], status: 64,
                 error: ["--amount", "more than 0 fraction digits", "JPY"], proof: .stateless),
        BadInput(id: "QR-04", arguments: ["qr", "make", "emv", "--name", "Cafe", "--city", "BEIJING", "--country", "CN",
                                          "--mcc", "5812", "--currency", "CNY", "--amount=-1", "--network", "unionpay",
                                          "--account", "1"], status: 64,
                 error: ["--amount", "not a positive amount"], proof: .stateless),
        BadInput(id: "QR-05", arguments: ["qr", "make", "emv", "--name", "Cafe", "--city", "BEIJING", "--country", "XX",
                                          "--mcc", "12a4", "--currency", "CNY", "--network", "unionpay", "--account", "1"],
                 status: 64, error: ["is not"], proof: .stateless),
        BadInput(id: "QR-06", arguments: ["qr", "make", "sbp", "--id", "SHORT", "--bank", "100000000001"], status: 64,
                 error: ["--id", "32 characters"], proof: .stateless),
        BadInput(id: "QR-07", arguments: ["qr", "make", "sbp", "--id", "AS10003P3RH0LJ2A9ROO038L6NT5RU1M", "--bank",
                                          "100000000001", "--sum", "10.001"], status: 64,
                 error: ["--sum", "more than 2 fraction digits"], proof: .stateless),
        BadInput(id: "QR-08", arguments: ["qr", "make", "gost", "--name", "ООО Ромашка", "--personal-acc",
                                          "4070281090000000000", "--bank-name", "Сбербанк", "--bic", "044525225",
                                          "--corresp-acc", "30101810400000000225"], status: 64,
                 error: ["--personal-acc", "20 digits"], proof: .stateless),
        BadInput(id: "QR-09", arguments: ["qr", "make", "gost", "--name", "A|B", "--personal-acc", "40702810900000000001",
                                          "--bank-name", "Bank", "--bic", "044525225", "--corresp-acc",
                                          "30101810400000000225"], status: 64,
                 error: ["--name", "separator"], proof: .stateless),
        BadInput(id: "QR-10", arguments: ["qr", "make", "gost", "--name", "ООО Ромашка", "--personal-acc",
                                          "40702810900000000001", "--bank-name", "Bank", "--bic", "044525225",
                                          "--corresp-acc", "30101810400000000225", "--encoding", "1", "--purpose", "漢字"],
                 status: 64, error: ["--encoding", "windows-1251"], proof: .stateless),
        BadInput(id: "QR-11", arguments: ["qr", "decode", String(emv(emvBody()).prefix(40))], status: 1,
                 error: ["tag 53", "offset 37", "truncated_object"], proof: .stateless),
        BadInput(id: "QR-12", arguments: ["qr", "decode", emv(emvBody() + "5904Cafe")], status: 1,
                 error: ["tag 59", "again", "duplicate_tag"], proof: .stateless),
        BadInput(id: "QR-13", arguments: ["qr", "decode", emv(emvBody(amount: "100.001"))], status: 1,
                 error: ["tag 54", "100.001"], proof: .stateless),
        BadInput(id: "QR-14", arguments: ["qr", "decode", emv(emvBody(currency: "999"))], status: 1,
                 error: ["tag 53", "999 is not an ISO 4217 currency"], proof: .stateless),
        BadInput(id: "QR-15", arguments: ["qr", "decode", "0002010102115X09ABCDEFGHI"], status: 1,
                 error: ["\"5X\"", "offset 12", "not two digits"], proof: .stateless),
        BadInput(id: "QR-16", arguments: ["qr", "decode", "-"], input: Array(String(repeating: "0", count: 100_000).utf8),
                 status: 1, error: ["100000", "at most"], proof: .stateless),
        BadInput(id: "QR-17", arguments: ["qr", "decode", "-"], input: Array("000201".utf8) + [0xFF, 0xFE] + Array("0102".utf8),
                 status: 1, error: ["not UTF-8", "byte offset 6", "invalid_utf8"], proof: .stateless),
        BadInput(id: "QR-18", arguments: ["qr", "decode", "https://qr.nspk.ru/AS10003P3RH0LJ2A9ROO038L6NT5RU1M?type=02&bank="
                                          + "100000000001&sum=abc&cur=RUB&crc=1234"], status: 1,
                 error: ["sum", "offset 78"], proof: .stateless),
        BadInput(id: "QR-19", arguments: ["qr", "decode", "ST0009|Name=x"], status: 1,
                 error: ["unknown_format"], proof: .stateless),
    ]

    static let iso8583Rows: [BadInput] = [
        BadInput(id: "ISO-01", arguments: ["iso8583", "decode", "0100ABC"], status: 64,
                 error: ["not an even number of hex digits"], proof: .stateless),
        BadInput(id: "ISO-02", arguments: ["iso8583", "decode", "3031303070"], status: 1,
                 error: ["offset 4", "bitmap"], proof: .stateless),
        BadInput(id: "ISO-03", arguments: ["iso8583", "decode", "303130303730323030303030303038303830303031363232303037303030"],
                 status: 1, error: ["field 2", "offset 22", "past the end"], proof: .stateless),
        BadInput(id: "ISO-04", arguments: ["iso8583", "encode", "--json", "-"], input: Array(#"{"t":"0100","129":"x"}"#.utf8),
                 status: 1, error: ["\"129\"", "field number 1...128"], proof: .stateless),
        BadInput(id: "ISO-05", arguments: ["iso8583", "encode", "--json", "-"], input: Array(#"{"t":"0100","4":10000}"#.utf8),
                 status: 1, error: ["field 4", "not a string"], proof: .stateless),
        BadInput(id: "ISO-06", arguments: ["iso8583", "encode", "--json", "-"],
                 input: Array(#"{"t":"0100","4":"0000000100000"}"#.utf8), status: 1,
                 error: ["field 4", "offset 20", "wrong length"], proof: .stateless),
        BadInput(id: "ISO-07", arguments: ["iso8583", "encode", "--json", "-"],
                 input: Array(#"{"t":"0100","4":"00000001000a"}"#.utf8), status: 1,
                 error: ["field 4", "not a digit"], proof: .stateless),
        BadInput(id: "ISO-08", arguments: ["iso8583", "encode", "--json", "-"],
                 input: Array(#"{"t":"0100","4":"000000010000","#.utf8), status: 1,
                 error: ["not valid JSON"], proof: .stateless),
        BadInput(id: "ISO-09", arguments: ["iso8583", "encode", "--json", "-"],
                 input: Array(#"{"t":"0100","4":"000000010000","4":"000000020000"}"#.utf8), status: 1,
                 error: ["duplicate key \"4\"", "offset 31"], proof: .stateless),
        BadInput(id: "ISO-10", arguments: ["iso8583", "encode", "--json", "-"], input: Array(#"{"t":"01X0"}"#.utf8),
                 status: 1, error: ["MTI", "four valid digits"], proof: .stateless),
        BadInput(id: "ISO-11", arguments: ["iso8583", "encode", "--json", "-"],
                 input: Array(#"{"t":"0100","2":"22007000000012391234567"}"#.utf8), status: 1,
                 error: ["field 2", "above the spec's maximum"], proof: .stateless),
    ]

    static let walletRows: [BadInput] = [
        BadInput(id: "CBDC-01", arguments: ["wallet", "pay", "--from", "ivan", "--to", "cafe", "--kind", "c2b", "--amount",
                                            "999999.00 RUB"] + wallet, status: 1,
                 error: ["single-payment limit"], proof: .ledgerUnchanged),
        BadInput(id: "CBDC-02", arguments: ["wallet", "pay", "--from", "ivan", "--to", "cafe", "--amount", "1.00 CNY"]
                 + wallet, status: 64, error: ["--amount", "RUB"], proof: .databaseUnchanged),
        BadInput(id: "CBDC-03", arguments: ["wallet", "pay", "--from", "ivan", "--to", "cafe", "--amount", "0.00 RUB"]
                 + wallet, status: 1, error: ["positive RUB amount"], proof: .ledgerUnchanged),
        BadInput(id: "CBDC-04", arguments: ["wallet", "pay", "--from", "ivan", "--to", "cafe", "--amount", "2999.999 RUB"]
                 + wallet, status: 64, error: ["--amount", "more than 2 fraction digits"], proof: .databaseUnchanged),
        BadInput(id: "CBDC-05", arguments: ["wallet", "pay", "--from", "ivan", "--to", "nobody", "--amount", "1.00 RUB"]
                 + wallet, status: 1, error: ["no wallet"], proof: .ledgerUnchanged),
        BadInput(id: "CBDC-06", arguments: ["wallet", "pay", "--from", "ivan", "--to", "cafe", "--kind", "c2b", "--amount", "5000.00 RUB"]
                 + wallet, status: 1, error: ["51"], proof: .ledgerUnchanged),
        BadInput(id: "CBDC-07", arguments: ["wallet", "convert", "--holder", "ivan", "--bank", "vtbbank", "--amount",
                                            "1.00 RUB"] + wallet, status: 1,
                 error: ["vtbbank does not serve this wallet"], proof: .ledgerUnchanged),
        BadInput(id: "CBDC-08", arguments: ["wallet", "open", "--holder", "rob'); DROP TABLE accounts;--", "--name", "Rob",
                                            "--bank", "sberbank"] + wallet, status: 1,
                 error: ["invalid identifier"], proof: .databaseUnchanged),
        BadInput(id: "CBDC-09", arguments: ["wallet", "sync", "{dir}/garbage.txt"] + wallet,
                 files: ["garbage.txt": "not a transfer\n"], status: 64,
                 error: ["garbage.txt:1", "not hex"], proof: .databaseUnchanged),
        BadInput(id: "CBDC-10", arguments: ["wallet", "sync", "{dir}/transfer-truncated.txt", "--json"] + wallet, status: 64,
                 error: ["transfer-truncated.txt:1"], proof: .databaseUnchanged),
        BadInput(id: "CBDC-11", arguments: ["wallet", "sync", "{dir}/transfer-forged.txt", "--json"] + wallet, status: 1,
                 error: ["signature"], proof: .ledgerUnchanged),
        // Replayed: a transfer already synced is a duplicate and moves nothing.
        BadInput(id: "CBDC-12", arguments: ["wallet", "sync", "{dir}/transfer-synced.txt", "--json"] + wallet, status: 0,
                 error: ["duplicate"], proof: .ledgerUnchanged),
        BadInput(id: "CBDC-13", arguments: ["wallet", "pay", "--from", "ivan", "--qr", "{qr-tampered}"] + wallet, status: 1,
                 error: ["tag 63", "computed"], proof: .ledgerUnchanged),
    ]

    static let ledgerRows: [BadInput] = [
        BadInput(id: "LED-01", arguments: ["ledger", "history", "NOPE", "--backend", "{db}"], status: 64,
                 error: ["'NOPE'", "<account>"], proof: .databaseUnchanged),
        BadInput(id: "LED-02", arguments: ["ledger", "balances", "--backend", "mysql:x"], status: 64,
                 error: ["'mysql:x'", "--backend"], proof: .databaseUnchanged),
        BadInput(id: "LED-03", arguments: ["ledger", "verify", "--backend", "sqlite:/nonexistent/dir/c.sqlite"], status: 1,
                 error: ["/nonexistent/dir/c.sqlite", "cannot open"], proof: .databaseUnchanged),
        BadInput(id: "LED-04", arguments: ["pay", "card", "--pan", "2200700000001239", "--expiry", "2912", "--merchant",
                                           "beijing-restaurant", "--amount", "1.00 CNY", "--cards", "{dir}/cards.yaml"]
                 + common, files: ["cards.yaml": "issuers: []\ncards: []\nsurprise: 1\n"], status: 64,
                 error: ["cards.yaml", "surprise"], proof: .databaseUnchanged),
    ]

    static let scenarioRows: [BadInput] = [
        scenario("SCN-01", scenarioHead + "steps:\n  - clear: { id: EOD }\nexpect: []\nsurprise: 1\n",
                 error: ["line 9", "surprise", "unknown key"]),
        scenario("SCN-02", scenarioHead + "steps:\n  - card: { id: C1, pan: 2200700000001239, expiry: \"2912\", merchant: beijing-restaurant, amount: \"1.001 CNY\" }\n",
                 error: ["line 7", "steps[0].card.amount", "1.001"]),
        scenario("SCN-03", scenarioHead + "steps:\n  - qr: { id: Q1, payer: huaxiabank/li.wei, merchant: moscow-souvenirs, amount: \"-5.00 RUB\" }\n",
                 error: ["line 7", "steps[0].qr.amount", "not negative"]),
        scenario("SCN-04", scenarioHead + "steps:\n  - qr: { id: Q1, payer: huaxiabank/li.wei, merchant: moscow-souvenirs, amount: \"99999999999999999999.00 RUB\" }\n",
                 error: ["line 7", "steps[0].qr.amount", "overflows"]),
        scenario("SCN-05", scenarioHead + "steps:\n  - teleport: { id: T1 }\n", error: ["line 7", "steps[0].teleport", "unknown action"]),
        scenario("SCN-06", scenarioHead + "seed: [1, 2]\nsteps: []\n", error: ["line 6", "seed", "whole number"]),
        scenario("SCN-07", scenarioHead + "steps:\n  - clear: { id: A }\n  - clear: { id: A }\n", error: ["line 8", "steps[1].id", "id A is used by an earlier step"]),
        scenario("SCN-08", "name: a\nname: b\n", error: ["duplicated key", "name"]),
        scenario("SCN-09", scenarioHead + "steps: [\n", error: ["line"]),
        scenario("SCN-10", scenarioHead + "steps: []\nexpect:\n  - payment: { id: NOPE, status: approved }\n",
                 error: ["NOPE"]),
        scenario("SCN-11", scenarioHead + "steps:\n  - qr: { id: Q1, payer: huaxiabank/li.wei, merchant: moscow-souvenirs, amount: \"5.00 RUB\", tip: 1 }\n",
                 error: ["line 7", "steps[0].qr.tip", "unknown key"]),
        scenario("SCN-12", "name: \"<script>alert(1)</script>\"\nworld:\n  gateway: {dir}/../../../etc\nsteps: []\n",
                 error: ["gateway"]),
    ]
}
