import CorridorCore
import Testing

/// The byte-level lookups and parser give exactly what their `String` twins give.
@Suite("Byte-level lookups match their String twins")
struct ByteLookupTests {
    static func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var copy = text
        return copy.withUTF8(body)
    }

    @Test func numericCodeBytesFindTheSameCurrencyAsNumericText() {
        for code in 0..<1_000 {
            let text = String(repeating: "0", count: code < 10 ? 2 : code < 100 ? 1 : 0) + String(code)
            #expect(ByteLookupTests.withBytes(text) { Currency(numericCodeUTF8: $0) } == Currency(numericText: text))
        }
        for text in ["", "64", "6430", "64A", " 643", "-43"] {
            #expect(ByteLookupTests.withBytes(text) { Currency(numericCodeUTF8: $0) } == nil)
        }
    }

    @Test func numericCodeDigitsSpellNumericText() {
        for currency in Currency.all {
            let digits = currency.numericCodeDigits
            #expect(String(decoding: [digits.0, digits.1, digits.2], as: UTF8.self) == currency.numericText)
        }
    }

    @Test func alpha2BytesFindTheSameCountryAsCode() {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        for first in letters {
            for second in letters {
                let text = String([first, second])
                let found = ByteLookupTests.withBytes(text) { Country(alpha2UTF8: $0) }
                #expect(found == Country(code: text) && found?.name == Country(code: text)?.name, "\(text)")
            }
        }
        for text in ["", "C", "CHN", "C1", "Ç N"] {
            #expect(ByteLookupTests.withBytes(text) { Country(alpha2UTF8: $0) } == nil)
        }
    }

    @Test func decimalBytesParseLikeDecimalText() {
        let inputs = [
            "0", "1", "100.5", "100.50", "1.234", "1.", ".5", "-1.25", "--1", "1.2.3", "", "12a", "٣",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "92233720368547758.07",
            String(repeating: "1", count: 65), "0.001", "00012.30",
        ]
        for currency in [Currency.jpy, .rub, .kwd] {
            for text in inputs {
                let viaBytes: Result<Money, MoneyError> = ByteLookupTests.withBytes(text) { bytes in
                    do throws(MoneyError) { return .success(try Money(decimalUTF8: bytes, currency: currency)) } catch {
                        return .failure(error)
                    }
                }
                let viaText: Result<Money, MoneyError>
                do throws(MoneyError) { viaText = .success(try Money(decimal: text, currency: currency)) } catch {
                    viaText = .failure(error)
                }
                #expect(viaBytes == viaText, "\(text) \(currency)")
            }
        }
    }
}
