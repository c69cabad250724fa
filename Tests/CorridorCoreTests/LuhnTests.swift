import CorridorCore
import Testing

@Suite("Luhn check digit")
struct LuhnTests {
    @Test func checkDigitAgreesWithAnIndependentImplementation() {
        var random = SeededRandom(seed: 7_812)
        for _ in 0..<5_000 {
            let payload = RandomDigits.make(count: Int.random(in: 1...30, using: &random), using: &random)
            let expected = IndependentLuhn.checkDigit(for: payload)
            #expect(Luhn.checkDigit(for: payload) == expected, "\(payload)")
            #expect(Luhn.appendingCheckDigit(to: payload) == payload + String(expected))
        }
    }

    @Test func onlyTheCorrectCheckDigitIsValid() {
        var random = SeededRandom(seed: 7_813)
        for _ in 0..<1_000 {
            let payload = RandomDigits.make(count: Int.random(in: 1...25, using: &random), using: &random)
            let correct = IndependentLuhn.checkDigit(for: payload)
            for digit in 0...9 {
                #expect(Luhn.isValid(payload + String(digit)) == (digit == correct), "\(payload)\(digit)")
            }
        }
    }

    @Test(arguments: ["79927398713", "4111111111111111", "0000000000000000", "00", "18", "59"])
    func knownValidNumbersPass(_ digits: String) {
        #expect(Luhn.isValid(digits))
    }

    @Test(arguments: ["", "0", "79927398710", "4111 1111 1111 1111", "411111111111111a", "-18", "１８"])
    func emptyShortOrNonDigitTextIsNotValid(_ text: String) {
        #expect(!Luhn.isValid(text))
    }

    @Test(arguments: ["", "12a", " 1", "1.2", "٣"])
    func checkDigitOfEmptyOrNonDigitPayloadIsNil(_ payload: String) {
        #expect(Luhn.checkDigit(for: payload) == nil)
        #expect(Luhn.appendingCheckDigit(to: payload) == nil)
    }

    @Test func documentedExampleGetsItsCheckDigit() {
        // The classic example from ISO/IEC 7812-1 Annex B and most textbooks: 7992739871 → 3.
        #expect(Luhn.checkDigit(for: "7992739871") == 3)
    }
}
