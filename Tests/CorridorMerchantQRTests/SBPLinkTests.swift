import CorridorCore
import CorridorMerchantQR
import Testing

@Suite("SBP links")
struct SBPLinkTests {
    @Test func crcCoversTheLinkUpToAmpersandCrc() throws {
        // A real dynamic link from Raiffeisen's SDK README; its crc follows the rule in DESIGN.md.
        let link = validLink
        let signed = String(link[..<link.range(of: "&crc=")!.lowerBound])
        #expect(CRC16.hexText(CRC16.checksum(signed)) == "AB75")
        let decoded = try SBPLink(decoding: link)
        #expect(decoded.type == .dynamicLink)
        #expect(decoded.amount == Money(minorUnits: 1, currency: .rub))
        #expect(try decoded.encoded() == link)
    }

    @Test func staticLinkWithoutSumRoundTrips() throws {
        let link = SBPLink(identifier: "AS10003P3RH0LJ2A9ROO038L6NT5RU1M", type: .staticLink,
                           bankMemberIdentifier: "100000000001")
        let text = try link.encoded()
        #expect(!text.contains("sum="))
        #expect(try SBPLink(decoding: text) == link)
    }

    @Test func randomLinksRoundTrip() throws {
        var random = SeededRandom(seed: 7)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        for _ in 0..<1_000 {
            let id = String((0..<32).map { _ in alphabet[Int(random.next() % 36)] })
            let bank = String((0..<12).map { _ in alphabet[26 + Int(random.next() % 10)] })
            let dynamic = random.next() % 2 == 0
            let sum = dynamic || random.next() % 2 == 0
                ? Money(minorUnits: Int64(1 + random.next() % 10_000_000), currency: .rub) : nil
            let link = SBPLink(identifier: id, type: dynamic ? .dynamicLink : .staticLink,
                               bankMemberIdentifier: bank, amount: sum)
            #expect(try SBPLink(decoding: link.encoded()) == link)
        }
    }

    @Test func dynamicLinkWithoutSumCannotBeEncoded() {
        let link = SBPLink(identifier: "AD100004BAL7227F9BNP6KNE007J9B3K", type: .dynamicLink,
                           bankMemberIdentifier: "100000000007")
        #expect(throws: MerchantQRError.cannotEncode(tag: "sum", reason: "a dynamic link needs a sum")) {
            try link.encoded()
        }
    }

    @Test func unknownParametersAreKeptInOrder() throws {
        var link = SBPLink(identifier: "AD100004BAL7227F9BNP6KNE007J9B3K", type: .dynamicLink,
                           bankMemberIdentifier: "100000000007", amount: Money(minorUnits: 500, currency: .rub))
        link.otherParameters = [MerchantQRObject(path: "redirect", value: "shop"), .init(path: "x", value: "1")]
        let decoded = try SBPLink(decoding: link.encoded())
        #expect(decoded.otherParameters.map(\.path) == ["redirect", "x"])
    }
}
