import CorridorCore
import Testing

/// ``BoxedDictionary``: a dictionary's answers, with value semantics although the values live in boxes.
@Suite struct BoxedDictionaryTests {
    @Test("it answers as a Dictionary does over 10,000 random sets, updates (with the value replaced) and removals")
    func answersAsADictionary() {
        var boxed = BoxedDictionary<String, [Int]>()
        var reference: [String: [Int]] = [:]
        var random = SystemRandomNumberGenerator()
        for step in 0..<10_000 {
            let key = "k\(Int.random(in: 0..<500, using: &random))"
            if Int.random(in: 0..<5, using: &random) == 0 {
                boxed[key] = nil
                reference[key] = nil
            } else if step.isMultiple(of: 2) {
                boxed[key] = [step, step * 2]
                reference[key] = [step, step * 2]
            } else {
                #expect(boxed.updateValue([step], forKey: key) == reference.updateValue([step], forKey: key))
            }
        }
        #expect(boxed.count == reference.count)
        for index in 0..<500 { #expect(boxed["k\(index)"] == reference["k\(index)"]) }
    }

    @Test("a copy keeps its values when the original is changed, in place or by a new value")
    func copiesAreIndependent() {
        var original = BoxedDictionary<String, [Int]>()
        original["a"] = [1]
        original["b"] = [2]
        let copy = original
        original["a"]?.append(10)
        original["b"] = nil
        original["c"] = [3]
        #expect(original["a"] == [1, 10] && original["b"] == nil && original["c"] == [3] && original.count == 2)
        #expect(copy["a"] == [1] && copy["b"] == [2] && copy["c"] == nil && copy.count == 2)
    }
}
