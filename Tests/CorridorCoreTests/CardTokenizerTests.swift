import CorridorCore
import Crypto
import Foundation
import Testing

@Suite("Card tokens")
struct CardTokenizerTests {
    static let key = Data("corridor-test-tokenization-key-1".utf8)
    static let otherKey = Data("corridor-test-tokenization-key-2".utf8)

    @Test func tokenIsTheTruncatedHMACOfThePAN() throws {
        // Computed independently of Corridor and swift-crypto, with Python's standard library:
        //   python3 -c "import hmac,hashlib;print(hmac.new(b'corridor-test-tokenization-key-1',
        //               b'4111111111111111',hashlib.sha256).hexdigest())"
        //   → f6ec2415fd2594277a9e70164fa08c5d8ecdff347fe23309ec8d3bb32ce8d139
        // The token keeps the first 16 bytes (32 hex digits) of that MAC.
        let token = CardTokenizer(key: Self.key).token(for: try PrimaryAccountNumber("4111111111111111"))
        #expect(token.token == "tok_f6ec2415fd2594277a9e70164fa08c5d")
    }

    @Test(arguments: TestCard.published)
    func sameKeyAndPANGiveTheSameToken(_ card: TestCard) throws {
        let pan = try PrimaryAccountNumber(card.pan)
        let first = CardTokenizer(key: Self.key).token(for: pan)
        let second = CardTokenizer(key: Self.key).token(for: try PrimaryAccountNumber(card.pan))
        #expect(first == second)
    }

    @Test(arguments: TestCard.published)
    func differentKeyGivesADifferentToken(_ card: TestCard) throws {
        let pan = try PrimaryAccountNumber(card.pan)
        let token = CardTokenizer(key: Self.key).token(for: pan)
        let otherToken = CardTokenizer(key: Self.otherKey).token(for: pan)
        #expect(token.token != otherToken.token)
    }

    @Test func freshRandomKeysGiveDifferentTokens() throws {
        let pan = try PrimaryAccountNumber("4111111111111111")
        #expect(CardTokenizer().token(for: pan).token != CardTokenizer().token(for: pan).token)
    }

    @Test func differentPANsGetDifferentTokens() throws {
        let tokenizer = CardTokenizer(key: Self.key)
        let tokens = try TestCard.published.map { tokenizer.token(for: try PrimaryAccountNumber($0.pan)).token }
        #expect(Set(tokens).count == tokens.count)
    }

    @Test(arguments: TestCard.published)
    func tokenIsPrefixedLowercaseHexAndKeepsLastFourAndScheme(_ card: TestCard) throws {
        let token = CardTokenizer(key: Self.key).token(for: try PrimaryAccountNumber(card.pan))
        #expect(token.token.hasPrefix("tok_"))
        let hex = token.token.dropFirst(4)
        #expect(hex.utf8.count == 32)
        #expect(hex.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        #expect(token.lastFour == String(card.pan.suffix(4)))
        #expect(token.scheme == card.scheme)
    }

    @Test(arguments: TestCard.published)
    func tokenAndItsTextFormsNeverHoldThePAN(_ card: TestCard) throws {
        let token = CardTokenizer(key: Self.key).token(for: try PrimaryAccountNumber(card.pan))
        let json = String(decoding: try JSONEncoder().encode(token), as: UTF8.self)
        for form in [token.token, token.description, "\(token)", String(reflecting: token), json] {
            #expect(!form.contains(card.pan), "\(form)")
            #expect(!form.contains(card.pan.dropLast(4)), "\(form)")
        }
    }

    @Test func tokenSurvivesAJSONRoundTrip() throws {
        let token = CardTokenizer(key: Self.key).token(for: try PrimaryAccountNumber("6200000000000005"))
        let decoded = try JSONDecoder().decode(CardToken.self, from: try JSONEncoder().encode(token))
        #expect(decoded == token)
        #expect(decoded.scheme == .unionPay)
    }
}

@Suite("CardTokenizer agrees with swift-crypto's HMAC")
struct CardTokenizerHMACTests {
    @Test("Tokens are the first 128 bits of HMAC-SHA256 for keys of 16, 32, 64 and 100 bytes", arguments: [16, 32, 64, 100])
    func matchesHMAC(keyLength: Int) throws {
        var random = SeededRandom(seed: UInt64(keyLength))
        let key = Data((0..<keyLength).map { _ in UInt8(truncatingIfNeeded: random.next()) })
        let tokenizer = CardTokenizer(key: key)
        for index in 0..<200 {
            let digits = try #require(Luhn.appendingCheckDigit(to: "22007\(10_000_000_000 + index * 7_919)"))
            let mac = HMAC<SHA256>.authenticationCode(for: Data(digits.utf8), using: SymmetricKey(data: key))
            let expected = "tok_" + mac.prefix(16).map { String(format: "%02x", $0) }.joined()
            #expect(tokenizer.token(for: try PrimaryAccountNumber(digits)).token == expected)
        }
    }
}
