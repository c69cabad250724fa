import CorridorCore
import Foundation
import Testing

/// ``JSONUnknownKeys``: keys a decoded value does not have are found with their path; null keys, known keys and
/// arrays of known objects are not.
@Suite("JSON unknown keys")
struct JSONUnknownKeysTests {
    struct Amount: Codable { let value: String; let currency: String }
    struct Line: Codable { let sku: String }
    struct Refund: Codable { let id: String?; let amount: Amount?; let lines: [Line]? }

    static func unknown(_ json: String) throws -> String? {
        let data = Data(json.utf8)
        return JSONUnknownKeys.first(in: data, decoded: try JSONDecoder().decode(Refund.self, from: data))
    }

    @Test func knownKeysAndNullsPass() throws {
        #expect(try Self.unknown(#"{"id":"R1","amount":{"value":"1.00","currency":"CNY"},"lines":[{"sku":"a"}]}"#) == nil)
        #expect(try Self.unknown(#"{"id":null,"amount":null}"#) == nil)
        #expect(try Self.unknown("{}") == nil)
    }

    @Test func unknownKeysAreNamedByPath() throws {
        #expect(try Self.unknown(#"{"ammount":{"value":"1.00","currency":"CNY"}}"#) == "ammount")
        #expect(try Self.unknown(#"{"amount":{"value":"1.00","currency":"CNY","valeu":"2"}}"#) == "amount.valeu")
        #expect(try Self.unknown(#"{"lines":[{"sku":"a"},{"sku":"b","qty":2}]}"#) == "lines[1].qty")
        // A key the type has, but whose value is absent in the decoded value, still counts as known only when null.
        #expect(try Self.unknown(#"{"id":"R1","extra":null}"#) == nil)
    }

    @Test func documentsThatAreNotObjectsHaveNone() {
        #expect(JSONUnknownKeys.first(in: Data("[1,2]".utf8), decoded: [1, 2]) == nil)
        #expect(JSONUnknownKeys.first(in: Data("not json".utf8), decoded: "x") == nil)
    }
}
