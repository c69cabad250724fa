import CorridorCore
import Foundation
import Testing

/// `StreamingJSONEncoder` against Foundation: what it writes decodes with `JSONDecoder` into the same value, and
/// parses (`JSONSerialization`) into the same objects as `JSONEncoder`'s output.
@Suite struct StreamingJSONEncoderTests {
    enum Kind: String, Codable, Hashable { case card, qr = "QR" }

    enum Event: Codable, Hashable {
        case screened(hit: Bool, list: String?)
        case quoted(Int64, String)
        case posted
    }

    struct Leg: Codable, Hashable {
        var account: String
        var minorUnits: Int64
        var note: String?
    }

    struct Record: Codable, Hashable {
        var id: String
        var kind: Kind
        var legs: [Leg]
        var events: [Event]
        var tags: Set<String>
        var byName: [String: Int]
        var byNumber: [Int: String]
        var byKind: [Kind: Int]
        var optionals: [Int?]
        var nested: [[UInt8]]
        var data: Data
        var date: Date
        var url: URL
        var rate: Decimal
        var ratio: Double
        var small: Float
        var flags: [Bool]
        var empty: Empty
        var unsigned: UInt64
        var signed: Int8
    }

    struct Empty: Codable, Hashable {}

    static func sample(name: String) -> Record {
        Record(
            id: name, kind: .qr,
            legs: [
                Leg(account: "payer/\(name)", minorUnits: -12_345, note: nil),
                Leg(account: "merchant \"quoted\" \\ slash/", minorUnits: 12_345, note: "line\nbreak\ttab\u{01}\u{1F}"),
            ],
            events: [.screened(hit: false, list: nil), .quoted(-9_223_372_036_854_775_808, "RUB→CNY"), .posted],
            tags: ["a", "Б", "北"], byName: ["Иван": 1, "王伟": 2, "<&>": 3], byNumber: [7: "seven", -1: "minus"],
            byKind: [.card: 1, .qr: 2], optionals: [1, nil, 3], nested: [[], [0, 255]],
            data: Data([0, 1, 2, 250, 251, 252]), date: Date(timeIntervalSince1970: 1_782_000_000.125),
            url: URL(string: "https://example.com/a?b=c&d=é")!, rate: Decimal(string: "12.3456789")!, ratio: 0.1 + 0.2,
            small: 1.5e-7, flags: [true, false], empty: Empty(), unsigned: .max, signed: -128)
    }

    @Test(arguments: ["plain", "Шереметьево", "北京 \"Hotel\"", "", "emoji 🙂 and \u{7F}"])
    func roundTripsThroughJSONDecoder(name: String) throws {
        let record = Self.sample(name: name)
        let bytes = try StreamingJSONEncoder().encode(record)
        let decoded = try JSONDecoder().decode(Record.self, from: Data(bytes))
        #expect(decoded == record)
    }

    @Test func parsesLikeFoundationsOutput() throws {
        let record = Self.sample(name: "Пекин")
        let ours = try JSONSerialization.jsonObject(with: Data(try StreamingJSONEncoder().encode(record)))
        let foundations = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(record))
        #expect((ours as? NSDictionary) == (foundations as? NSDictionary))
    }

    @Test func topLevelValuesAndEmptyContainers() throws {
        let encoder = StreamingJSONEncoder()
        #expect(try encoder.encodeString("a\"b") == #""a\"b""#)
        #expect(try encoder.encodeString(42) == "42")
        #expect(try encoder.encodeString(Optional<Int>.none) == "null")
        #expect(try encoder.encodeString([Int]()) == "[]")
        #expect(try encoder.encodeString([String: Int]()) == "{}")
        #expect(try encoder.encodeString(Empty()) == "{}")
        #expect(try encoder.encodeString([[1], [], [2, 3]]) == "[[1],[],[2,3]]")
        #expect(try encoder.encodeString(-0.5) == "-0.5")
        #expect(try encoder.encodeString(100.0) == "100")
    }

    @Test func controlCharactersAreEscaped() throws {
        let text = "\u{00}\u{08}\u{0C}\r\n\t\u{1B}"
        let json = try StreamingJSONEncoder().encodeString(text)
        #expect(json == #""\u0000\b\f\r\n\t\u001b""#)
        #expect(try JSONDecoder().decode(String.self, from: Data(json.utf8)) == text)
    }

    @Test func nonFiniteNumbersAreErrorsWithThePath() throws {
        let legs = ["ok": 1.0, "bad": .infinity]
        do {
            _ = try StreamingJSONEncoder().encode(["outer": legs])
            Issue.record("infinity encoded")
        } catch EncodingError.invalidValue(_, let context) {
            #expect(context.codingPath.map(\.stringValue) == ["outer", "bad"])
        }
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder().encode([Float.nan]) }
    }

    /// A class hierarchy encoding its superclass through `superEncoder()`, and a subclass sharing its parent's
    /// container, as hand-written `encode(to:)` methods do.
    class Base: Encodable {
        var base = "b"
        private enum Keys: String, CodingKey { case base }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(base, forKey: .base)
        }
    }

    final class Shared: Base {
        var extra = [1, 2]
        private enum Keys: String, CodingKey { case extra }
        override func encode(to encoder: any Encoder) throws {
            try super.encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(extra, forKey: .extra)
        }
    }

    final class Separate: Base {
        var own = true
        private enum Keys: String, CodingKey { case own }
        override func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(own, forKey: .own)
            try super.encode(to: container.superEncoder())
        }
    }

    @Test func classHierarchies() throws {
        let shared = try JSONSerialization.jsonObject(with: Data(try StreamingJSONEncoder().encode(Shared())))
        #expect((shared as? NSDictionary) == ["base": "b", "extra": [1, 2]] as NSDictionary)
        let separate = try JSONSerialization.jsonObject(with: Data(try StreamingJSONEncoder().encode(Separate())))
        #expect((separate as? NSDictionary) == ["own": true, "super": ["base": "b"]] as NSDictionary)
    }
}
