// Fuzz target `sbp-link`: SBP (Faster Payments System) payment links (DESIGN.md §3), built by Tools/fuzz.sh.
//
// Rules checked on every input, besides "never crash": a decoded link encodes (its guarantees are the encoder's
// rules), decode → encode → decode gives the same value, and encoding it again gives the same text.
import CorridorCore
import CorridorMerchantQR

enum FuzzTarget {
    static func test(_ input: [UInt8]) {
        guard let text = String(validating: input, as: UTF8.self), let link = try? SBPLink(decoding: text) else {
            return
        }
        let encoded: String
        do { encoded = try link.encoded() } catch {
            fuzzFailure("a decoded link does not encode", input: input, detail: "\(link): \(error)")
        }
        let again: SBPLink
        do { again = try SBPLink(decoding: encoded) } catch {
            fuzzFailure("an encoded link does not decode", input: input, detail: "\(encoded): \(error)")
        }
        guard again == link else {
            fuzzFailure("decode → encode → decode changed the link", input: input,
                        detail: "\(link) became \(again)")
        }
        guard (try? again.encoded()) == encoded else {
            fuzzFailure("encoding the re-decoded link gave another text", input: input, detail: encoded)
        }
    }

    /// Links the encoder writes: static without a sum, dynamic with one, and one with extra parameters.
    static func seeds() -> [[UInt8]] {
        let links = [
            SBPLink(identifier: "AS1000670LSS7DN18SJQDNP4B05KLJL2", type: .staticLink,
                    bankMemberIdentifier: "100000000111"),
            SBPLink(identifier: "AD10006M8KH8G3MR9HGA0A1B2C3D4E5F", type: .dynamicLink,
                    bankMemberIdentifier: "100000000004", amount: Money(minorUnits: 158_000, currency: .rub)),
            SBPLink(identifier: "BD10003HM6KDA8I58U3BH2AAPE6HJK7Q", type: .staticLink,
                    bankMemberIdentifier: "100000000007", amount: Money(minorUnits: 1, currency: .rub),
                    otherParameters: [MerchantQRObject(path: "subscriptionId", value: "42")]),
        ]
        return links.map { link in
            do { return Array(try link.encoded().utf8) } catch { fatalError("seed link does not encode: \(error)") }
        }
    }
}
