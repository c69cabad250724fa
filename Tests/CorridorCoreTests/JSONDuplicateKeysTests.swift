import CorridorCore
import Foundation
import Testing

@Suite("JSON duplicate keys")
struct JSONDuplicateKeysTests {
    @Test func aRepeatedTopLevelNameIsFoundAtItsSecondOccurrence() throws {
        let text = #"{"t":"0100","4":"000000010000","4":"000000020000"}"#
        let duplicate = try #require(JSONDuplicateKeys.first(in: Array(text.utf8)))
        #expect(duplicate.key == "4")
        let second = try #require(text.range(of: #""4":"000000020000""#))
        #expect(duplicate.offset == text.utf8.distance(from: text.startIndex, to: second.lowerBound))
        #expect(duplicate.description.contains("duplicate key \"4\""))
    }

    @Test func namesRepeatedInDifferentObjectsOrAsValuesAreFine() {
        let text = #"{"a":{"b":1,"c":"b"},"b":[{"a":1},{"a":2}],"c":"a","d":"\"a\""}"#
        #expect(JSONDuplicateKeys.first(in: Array(text.utf8)) == nil)
        // Foundation agrees the text is valid, so the check is not passing it for being unreadable.
        #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil)
    }

    @Test func aNestedDuplicateAndOneAfterAnArrayAreFound() {
        #expect(JSONDuplicateKeys.first(in: Array(#"{"x":{"amount":1,"amount":2}}"#.utf8))?.key == "amount")
        #expect(JSONDuplicateKeys.first(in: Array(#"{"list":[1,2,{"k":1}],"list":3}"#.utf8))?.key == "list")
        #expect(JSONDuplicateKeys.first(in: Array(#"[{"k":1,"k":1}]"#.utf8))?.key == "k")
    }

    @Test func escapedQuotesInsideNamesDoNotEndThem() {
        #expect(JSONDuplicateKeys.first(in: Array(#"{"a\"b":1,"a\"b":2}"#.utf8))?.key == #"a\"b"#)
        #expect(JSONDuplicateKeys.first(in: Array(#"{"a\"b":1,"a":2}"#.utf8)) == nil)
    }

    @Test func unterminatedTextStopsQuietly() {
        #expect(JSONDuplicateKeys.first(in: Array(#"{"a":1,"a"#.utf8)) == nil)
        #expect(JSONDuplicateKeys.first(in: [UInt8]()) == nil)
    }
}
