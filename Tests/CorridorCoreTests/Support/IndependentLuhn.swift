/// A deliberately separate Luhn implementation (ISO/IEC 7812-1 Annex B), written from the definition and not from
/// `Luhn.swift`, so that the tests compare the code under test with a second opinion instead of with itself.
enum IndependentLuhn {
    /// The check digit for `payload`: double every second digit starting with the rightmost payload digit, add the
    /// digits of each product, and pick the digit that brings the total to a multiple of ten.
    static func checkDigit(for payload: String) -> Int {
        let digits = payload.map { Int(String($0))! }
        var total = 0
        for (position, digit) in digits.reversed().enumerated() {
            if position % 2 == 0 {
                let doubled = digit * 2
                total += doubled / 10 + doubled % 10
            } else {
                total += digit
            }
        }
        return (10 - total % 10) % 10
    }

    /// `payload` with its check digit appended.
    static func complete(_ payload: String) -> String {
        payload + String(checkDigit(for: payload))
    }
}

/// Random digit strings for the property-style tests; callers pass a seeded generator so failures reproduce.
enum RandomDigits {
    /// A string of `count` random ASCII digits.
    static func make<G: RandomNumberGenerator>(count: Int, using generator: inout G) -> String {
        String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
    }
}
