import CorridorCore
import Testing

/// Published test card numbers (Stripe and Adyen test-card documentation), with the scheme each one belongs to.
struct TestCard: Sendable, CustomTestStringConvertible {
    let pan: String
    let scheme: CardScheme
    var testDescription: String { "\(scheme) \(pan.prefix(6))…" }

    /// Mir's published test number 2200 0000 0000 0004, rebuilt with the test-local Luhn so that its check digit does
    /// not come from the code under test.
    static let mir = TestCard(pan: IndependentLuhn.complete("220000000000000"), scheme: .mir)

    static let published: [TestCard] = [
        TestCard(pan: "4111111111111111", scheme: .visa),
        TestCard(pan: "4242424242424242", scheme: .visa),
        TestCard(pan: "5555555555554444", scheme: .mastercard),
        TestCard(pan: "2223003122003222", scheme: .mastercard),
        TestCard(pan: "5105105105105100", scheme: .mastercard),
        TestCard(pan: "378282246310005", scheme: .amex),
        TestCard(pan: "371449635398431", scheme: .amex),
        TestCard(pan: "3530111333300000", scheme: .jcb),
        TestCard(pan: "3566002020360505", scheme: .jcb),
        TestCard(pan: "6011111111111117", scheme: .discover),
        TestCard(pan: "6011000990139424", scheme: .discover),
        TestCard(pan: "30569309025904", scheme: .diners),
        TestCard(pan: "6200000000000005", scheme: .unionPay),
        mir,
    ]
}

@Suite("Primary account numbers")
struct PrimaryAccountNumberTests {
    @Test func mirTestNumberMatchesThePublishedOne() {
        #expect(TestCard.mir.pan == "2200000000000004")
    }

    @Test(arguments: TestCard.published)
    func publishedTestCardIsAcceptedWithItsScheme(_ card: TestCard) throws {
        let pan = try PrimaryAccountNumber(card.pan)
        #expect(pan.scheme == card.scheme)
        #expect(pan.unmaskedDigits == card.pan)
        #expect(pan.bin == String(card.pan.prefix(6)))
        #expect(pan.lastFour == String(card.pan.suffix(4)))
    }

    @Test(arguments: 2200...2204)
    func everyMirBINIsRecognised(_ bin: Int) throws {
        let pan = try PrimaryAccountNumber(IndependentLuhn.complete(String(bin) + "00000000000"))
        #expect(pan.scheme == .mir)
    }

    @Test(arguments: TestCard.published)
    func wrongCheckDigitIsRejectedWithoutTheFullPAN(_ card: TestCard) throws {
        let last = Int(String(card.pan.last!))!
        let wrong = String(card.pan.dropLast()) + String((last + 1) % 10)
        let error = try #require(throws: CardError.self) { try PrimaryAccountNumber(wrong) }
        #expect(error == .luhnCheckFailed(masked: PrimaryAccountNumber.mask(wrong)))
        #expect(!error.description.contains(wrong))
        #expect(!String(reflecting: error).contains(wrong))
        #expect(!"\(error)".contains(wrong))
    }

    @Test func luhnFailureCarriesTheMaskedNumber() {
        #expect(throws: CardError.luhnCheckFailed(masked: "411111******1112")) {
            try PrimaryAccountNumber("4111111111111112")
        }
    }

    @Test(arguments: [
        ("4111 1111 1111 1111", 4),
        ("4111-1111-1111-1111", 4),
        ("x411111111111111", 0),
        ("411111111111111\n", 15),
        ("41111111111111１1", 14),
        (" 4111111111111111", 0),
    ])
    func nonDigitIsRejectedAtItsOffset(_ text: String, _ offset: Int) {
        #expect(throws: CardError.nonDigit(offset: offset)) { try PrimaryAccountNumber(text) }
    }

    @Test(arguments: [0, 1, 11, 20, 25])
    func lengthOutsideTwelveToNineteenIsRejected(_ length: Int) {
        var random = SeededRandom(seed: UInt64(length))
        let text = length == 0 ? "" : IndependentLuhn.complete(RandomDigits.make(count: length - 1, using: &random))
        #expect(throws: CardError.badLength(length)) { try PrimaryAccountNumber(text) }
    }

    @Test(arguments: 12...19)
    func lengthFromTwelveToNineteenIsAccepted(_ length: Int) throws {
        var random = SeededRandom(seed: UInt64(length))
        let text = IndependentLuhn.complete("4" + RandomDigits.make(count: length - 2, using: &random))
        let pan = try PrimaryAccountNumber(text)
        #expect(pan.unmaskedDigits.count == length)
    }

    @Test func maskKeepsFirstSixAndLastFour() throws {
        #expect(try PrimaryAccountNumber("4111111111111111").masked == "411111******1111")
        #expect(try PrimaryAccountNumber("378282246310005").masked == "378282*****0005")
        #expect(try PrimaryAccountNumber("30569309025904").masked == "305693****5904")
        #expect(PrimaryAccountNumber.mask("1234") == "1234")
        #expect(PrimaryAccountNumber.mask("123456") == "**3456")
    }

    @Test(arguments: TestCard.published)
    func textFormsNeverHoldTheFullPAN(_ card: TestCard) throws {
        let pan = try PrimaryAccountNumber(card.pan)
        struct Envelope { let pan: PrimaryAccountNumber; let amount: Int }
        let forms = [
            pan.description,
            pan.debugDescription,
            "\(pan)",
            String(describing: pan),
            String(reflecting: pan),
            "\([pan])",
            "\(Optional(pan) as Any)",
            "\(Envelope(pan: pan, amount: 1))",
        ]
        for form in forms {
            #expect(!form.contains(card.pan), "\(form)")
            #expect(form.contains(pan.masked), "\(form)")
        }
    }

    @Test func equalDigitsMakeEqualPANs() throws {
        #expect(try PrimaryAccountNumber("4111111111111111") == PrimaryAccountNumber("4111111111111111"))
        #expect(try PrimaryAccountNumber("4111111111111111") != PrimaryAccountNumber("4242424242424242"))
    }

    @Test func reflectionNeverExposesTheFullPAN() throws {
        let pan = try PrimaryAccountNumber("4111111111111111")
        var dumped = ""
        dump(pan, to: &dumped)
        let children = Mirror(reflecting: pan).children.map { "\($0.value)" }.joined(separator: " ")
        // Booleans, so that a failure message does not print the number either.
        let dumpLeaks = dumped.contains(pan.unmaskedDigits)
        let mirrorLeaks = children.contains(pan.unmaskedDigits)
        #expect(!dumpLeaks)
        #expect(!mirrorLeaks)
    }
}
