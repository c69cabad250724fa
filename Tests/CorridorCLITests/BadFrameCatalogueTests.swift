import Foundation
import Testing

/// Issue 9 §3, the ISO 8583 rows of `docs/bad-inputs.md` (TCP-01…08): broken and hostile frames sent to a running
/// `corridor serve` on SQLite. Each gets its documented answer (or the connection is closed), the server keeps
/// serving, and the ledger holds exactly what it held before — except the one approval the replay row makes once.
@Suite("bad-frame catalogue", .serialized)
struct BadFrameCatalogueTests {
    /// A valid authorization for the sample Mir card, as the pyiso8583 peer sends it (field 4 = 12.00 RUB).
    static func authorization(stan: String, overrides: [String: String] = [:]) -> [String: String] {
        var fields = [
            "t": "0100", "2": "2200700000001239", "3": "000000", "4": "000000001200", "7": "1130120000", "11": stan,
            "12": "120000", "13": "1130", "18": "5812", "22": "071", "32": "4000001", "41": "BADTERM1",
            "42": "BADMERCHANT0001", "43": "CAFE NEVSKY              MOSCOW       RU", "49": "643",
        ]
        for (key, value) in overrides { fields[key] = value }
        return fields
    }

    /// The packed message, made by `corridor iso8583 encode --raw`.
    static func pack(_ fields: [String: String]) throws -> [UInt8] {
        let json = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
        let packed = try CorridorBinary.run(["iso8583", "encode", "--json", "-", "--raw"], input: Array(json))
        try #require(packed.status == 0, "\(packed)")
        return packed.standardOutput
    }

    /// `message` with the first occurrence of `text` replaced by `replacement` (same length): a field our own encoder
    /// would refuse to write.
    static func patch(_ message: [UInt8], _ text: String, _ replacement: String) throws -> [UInt8] {
        let target = Array(text.utf8)
        let offset = try #require((0...(message.count - target.count)).first { Array(message[$0..<($0 + target.count)]) == target })
        var patched = message
        patched.replaceSubrange(offset..<(offset + target.count), with: Array(replacement.utf8))
        return patched
    }

    /// Field 39 of a 0110 answer (ASCII 1987: fixed two characters), read with `corridor iso8583 decode --json`.
    static func responseCode(_ reply: RawTCPClient.Reply) throws -> String? {
        guard case .frame(let bytes) = reply else { return nil }
        let hex = bytes.map { String(format: "%02X", $0) }.joined()
        let decoded = try CorridorBinary.json(["iso8583", "decode", "--json", hex])
        return decoded.object["39"] as? String
    }

    /// The server answers an echo after the bad input: it is still serving.
    static func stillServes(port: Int) throws -> Bool {
        let client = try RawTCPClient(port: port)
        try client.sendFrame(try pack(["t": "0800", "7": "1130120000", "11": "999999", "70": "301"]))
        guard case .frame(let bytes) = client.receiveFrame() else { return false }
        return bytes.starts(with: Array("0810".utf8))
    }

    @Test func brokenFramesAreRefusedAndPostNothing() throws {
        let scratch = try Scratch()
        let database = "sqlite:" + scratch.path("corridor.sqlite")
        let server = try ServeProcess(["--backend", database, "--frame-size-max", "2048",
                                       "--cards", CorridorBinary.sample("issuer/cards.yaml")], scratch: scratch)
        defer { server.stop() }
        let ledger = { try CorridorBinary.run(["ledger", "export", "--backend", database]).output }
        let before = try ledger()

        // TCP-01: a length prefix above --frame-size-max: the connection is closed, nothing read.
        do {
            let client = try RawTCPClient(port: server.port)
            try client.send([0xFF, 0xFF] + Array(repeating: 0x30, count: 64))
            #expect(client.receiveFrame() == .closed, "TCP-01")
        }
        // TCP-02: a frame cut short by the client closing: no answer, nothing posted.
        do {
            let client = try RawTCPClient(port: server.port)
            let message = try Self.pack(Self.authorization(stan: "000102"))
            try client.send([UInt8(message.count >> 8), UInt8(message.count & 0xFF)] + message.prefix(20))
            client.finishSending()
            #expect(client.receiveFrame() == .closed, "TCP-02")
        }
        // TCP-03: bytes that are no message at all (no readable MTI): the connection is closed.
        do {
            let client = try RawTCPClient(port: server.port)
            try client.sendFrame(Array("\u{1}\u{2}GARBAGE<xml/>' OR 1=1".utf8))
            #expect(client.receiveFrame() == .closed, "TCP-03")
        }
        // TCP-04…07: readable requests with a bad field: a 0110 with the documented code.
        let cases: [(row: String, message: [UInt8], code: String)] = [
            ("TCP-04", try Self.patch(Self.pack(Self.authorization(stan: "000104")), "000000001200", "00000000120X"), "30"),
            ("TCP-05", Array(try Self.pack(Self.authorization(stan: "000105")).prefix(60)), "30"),
            ("TCP-06", try Self.pack(Self.authorization(stan: "000106", overrides: ["49": "999"])), "30"),
            ("TCP-07", try Self.pack(Self.authorization(stan: "000107", overrides: ["2": "2200700000001238"])), "14"),
        ]
        for item in cases {
            let client = try RawTCPClient(port: server.port)
            try client.sendFrame(item.message)
            let reply = client.receiveFrame()
            #expect(try Self.responseCode(reply) == item.code, "\(item.row): \(reply)")
            // An 0110 echoes field 2 as the acquirer sent it (ISO 8583 practice); the log must not (checked below).
            if case .frame(let bytes) = reply { #expect(bytes.starts(with: Array("0110".utf8)), "\(item.row)") }
        }
        #expect(try Self.stillServes(port: server.port))
        #expect(try ledger() == before, "a refused frame changed the ledger")
        #expect(!server.standardError.contains("2200700000001239"), "a full PAN in the server's log")
    }

    @Test func aReplayedAuthorizationIsApprovedOnceAndAChangedOneIsADuplicate() throws {
        let scratch = try Scratch()
        let database = "sqlite:" + scratch.path("corridor.sqlite")
        let server = try ServeProcess(["--backend", database, "--cards", CorridorBinary.sample("issuer/cards.yaml")],
                                      scratch: scratch)
        defer { server.stop() }
        let message = try Self.pack(Self.authorization(stan: "000201"))
        let client = try RawTCPClient(port: server.port)
        try client.sendFrame(message)
        let first = client.receiveFrame()
        #expect(try Self.responseCode(first) == "00")
        let afterFirst = try CorridorBinary.run(["ledger", "export", "--backend", database]).output
        // TCP-08: the same request again answers the same and posts nothing more; a changed body under the same
        // key is a duplicate transmission (94).
        try client.sendFrame(message)
        #expect(client.receiveFrame() == first, "TCP-08: the replay's answer")
        try client.sendFrame(try Self.pack(Self.authorization(stan: "000201", overrides: ["4": "000000009900"])))
        #expect(try Self.responseCode(client.receiveFrame()) == "94", "TCP-08: a changed body")
        #expect(try CorridorBinary.run(["ledger", "export", "--backend", database]).output == afterFirst)
    }
}
