import CorridorCore
import CorridorISO8583
import CorridorIssuer
import CorridorLedger
import Testing

@Suite("Issuer host: authorizations and financial requests")
struct AuthorizationTests {
    @Test("0100 approved: 0110/00 with approval code and RRN, and a hold on the card account")
    func authorizationHolds() async throws {
        let fixture = try await IssuerFixture()
        let response = try #require(await fixture.send(IssuerFixture.request(amount: 123_45, stan: 1)))
        #expect(response.mti == "0110")
        #expect(response[text: 39] == "00")
        #expect(response[text: 38]?.count == 6)
        #expect(response[text: 37]?.count == 12)
        #expect(response[text: 11] == "000001")
        #expect(response[text: 4] == "000000012345")
        let balance = try await fixture.cardBalance(IssuerFixture.mirPAN)
        #expect(balance.debitsPending == 123_45)
        #expect(balance.debitsPosted == 0)
        #expect(balance.creditsPosted == 150_000_00)
    }

    @Test("0200 approved posts the debit at once")
    func financialPosts() async throws {
        let fixture = try await IssuerFixture()
        let response = try #require(await fixture.send(IssuerFixture.request(mti: "0200", amount: 50_00, stan: 2)))
        #expect(response.mti == "0210")
        #expect(response[text: 39] == "00")
        let balance = try await fixture.cardBalance(IssuerFixture.mirPAN)
        #expect(balance.debitsPosted == 50_00)
        #expect(balance.debitsPending == 0)
    }

    @Test("More than the balance: 51 from the ledger, nothing held")
    func insufficientFunds() async throws {
        let fixture = try await IssuerFixture()
        let response = try #require(await fixture.send(IssuerFixture.request(pan: IssuerFixture.mirSmallPAN, amount: 500_01, stan: 3)))
        #expect(response[text: 39] == "51")
        #expect(response[text: 38] == nil)
        let balance = try await fixture.cardBalance(IssuerFixture.mirSmallPAN)
        #expect(balance.debitsPending == 0)
        // Exactly the balance is fine.
        let exact = try #require(await fixture.send(IssuerFixture.request(pan: IssuerFixture.mirSmallPAN, amount: 500_00, stan: 4)))
        #expect(exact[text: 39] == "00")
    }

    @Test("Per-transaction and daily limits: 61")
    func limits() async throws {
        let fixture = try await IssuerFixture()
        // UnionPay card: CNY 8,000 per transaction, 10,000 a day.
        let over = try #require(await fixture.send(IssuerFixture.request(pan: IssuerFixture.unionPayPAN, amount: 8_000_01, currency: "156", stan: 5)))
        #expect(over[text: 39] == "61")
        let first = try #require(await fixture.send(IssuerFixture.request(pan: IssuerFixture.unionPayPAN, amount: 6_000_00, currency: "156", stan: 6)))
        #expect(first[text: 39] == "00")
        let second = try #require(await fixture.send(IssuerFixture.request(pan: IssuerFixture.unionPayPAN, amount: 4_000_01, currency: "156", stan: 7)))
        #expect(second[text: 39] == "61")
        let fits = try #require(await fixture.send(IssuerFixture.request(pan: IssuerFixture.unionPayPAN, amount: 4_000_00, currency: "156", stan: 8)))
        #expect(fits[text: 39] == "00")
        // The next UTC day starts a new daily total.
        fixture.clock.advance(by: 86_400)
        let tomorrow = try #require(await fixture.send(IssuerFixture.request(pan: IssuerFixture.unionPayPAN, amount: 5_000_00, currency: "156", stan: 9)))
        #expect(tomorrow[text: 39] == "00")
    }

    @Test("Card status, expiry and unknown cards", arguments: [
        (IssuerFixture.stolenPAN, "156", "43"),
        (IssuerFixture.expiredPAN, "978", "54"),
        ("2200700000009991", "643", "14"),   // Luhn-valid, not issued here
        ("2200700000001238", "643", "14"),   // fails Luhn
    ])
    func statusDeclines(pan: String, currency: String, code: String) async throws {
        let fixture = try await IssuerFixture()
        let response = try #require(await fixture.send(IssuerFixture.request(pan: pan, amount: 10_00, currency: currency, stan: 10)))
        #expect(response[text: 39] == code)
        #expect(response[text: 38] == nil)
    }

    @Test("A blocked card answers 62 until reactivated")
    func blockedCard() async throws {
        let fixture = try await IssuerFixture()
        let token = IssuerFixture.tokenizer.token(for: try PrimaryAccountNumber(IssuerFixture.mirPAN)).token
        #expect(await fixture.host.setStatus(.blocked, ofCardWithToken: token))
        let blocked = try #require(await fixture.send(IssuerFixture.request(amount: 10_00, stan: 11)))
        #expect(blocked[text: 39] == "62")
        await fixture.host.setStatus(.active, ofCardWithToken: token)
        let active = try #require(await fixture.send(IssuerFixture.request(amount: 10_00, stan: 12)))
        #expect(active[text: 39] == "00")
    }

    @Test("An expiry date in field 14 that is not the card's answers 54")
    func expiryMismatch() async throws {
        let fixture = try await IssuerFixture()
        var request = IssuerFixture.request(amount: 10_00, stan: 13)
        request[text: 14] = "2911"
        #expect(await fixture.send(request)?[text: 39] == "54")
        request[text: 14] = "2912"
        request[text: 11] = "000014"
        #expect(await fixture.send(request)?[text: 39] == "00")
    }

    @Test("A CNY purchase on a RUB card converts at the issuer's rate and reports fields 6 and 51")
    func issuerConversion() async throws {
        let fixture = try await IssuerFixture()
        // CNY 100.00 at 12.6400 RUB per CNY = RUB 1,264.00.
        let response = try #require(await fixture.send(IssuerFixture.request(amount: 100_00, currency: "156", stan: 15)))
        #expect(response[text: 39] == "00")
        #expect(response[text: 6] == "000000126400")
        #expect(response[text: 51] == "643")
        #expect(try await fixture.cardBalance(IssuerFixture.mirPAN).debitsPending == 1_264_00)
    }

    @Test("A billing amount sent by the scheme (fields 6 and 51) is what the card pays")
    func schemeBillingAmount() async throws {
        let fixture = try await IssuerFixture()
        var request = IssuerFixture.request(amount: 100_00, currency: "156", stan: 16)
        request[text: 6] = "000000125000"
        request[text: 51] = "643"
        #expect(await fixture.send(request)?[text: 39] == "00")
        #expect(try await fixture.cardBalance(IssuerFixture.mirPAN).debitsPending == 1_250_00)
    }

    @Test("No rate for the pair: 57; zero amount: 13; unknown processing code: 12; missing field 4: 30")
    func requestDeclines() async throws {
        let fixture = try await IssuerFixture()
        #expect(await fixture.send(IssuerFixture.request(amount: 10_00, currency: "840", stan: 17))?[text: 39] == "57")
        #expect(await fixture.send(IssuerFixture.request(amount: 0, stan: 18))?[text: 39] == "13")
        #expect(await fixture.send(IssuerFixture.request(processingCode: "400000", amount: 10_00, stan: 19))?[text: 39] == "12")
        var missing = IssuerFixture.request(amount: 10_00, stan: 20)
        missing.fields[4] = nil
        #expect(await fixture.send(missing)?[text: 39] == "30")
        let balance = try await fixture.cardBalance(IssuerFixture.mirPAN)
        #expect(balance.debitsPending == 0 && balance.debitsPosted == 0)
    }

    @Test("A refund (processing code 20) credits the card")
    func refundCredits() async throws {
        let fixture = try await IssuerFixture()
        let response = try #require(await fixture.send(
            IssuerFixture.request(mti: "0200", processingCode: "200000", amount: 75_00, stan: 21)))
        #expect(response[text: 39] == "00")
        #expect(try await fixture.cardBalance(IssuerFixture.mirPAN).creditsPosted == 150_075_00)
    }

    @Test("A balance inquiry (31) reports the available balance in field 54")
    func balanceInquiry() async throws {
        let fixture = try await IssuerFixture()
        _ = await fixture.send(IssuerFixture.request(amount: 1_000_00, stan: 22))
        var inquiry = IssuerFixture.request(mti: "0100", processingCode: "310000", amount: 0, stan: 23)
        inquiry.fields[4] = nil
        let response = try #require(await fixture.send(inquiry))
        #expect(response[text: 39] == "00")
        #expect(response[text: 54] == "0002643C000014900000")
    }

    @Test("0800 echo and sign-on answer 0810/00 with fields 7, 11 and 70 echoed")
    func networkManagement() async throws {
        let fixture = try await IssuerFixture()
        for code in ["301", "001", "002"] {
            let response = try #require(await fixture.send(
                IsoMessage(mti: "0800", text: [7: "0101120000", 11: "000099", 70: code])))
            #expect(response.mti == "0810")
            #expect(response[text: 39] == "00")
            #expect(response[text: 70] == code)
            #expect(response[text: 11] == "000099")
        }
    }

    @Test("Concurrent authorizations never overdraw: exactly as many approvals as the balance covers")
    func concurrentAuthorizations() async throws {
        let fixture = try await IssuerFixture()
        // RUB 500.00 on the card, 200 requests of RUB 5.00 from 200 tasks: exactly 100 approvals.
        let codes = await withTaskGroup(of: String?.self) { group in
            for stan in 1...200 {
                group.addTask {
                    await fixture.send(IssuerFixture.request(pan: IssuerFixture.mirSmallPAN, amount: 5_00, stan: stan))?[text: 39]
                }
            }
            var codes: [String?] = []
            for await code in group { codes.append(code) }
            return codes
        }
        #expect(codes.filter { $0 == "00" }.count == 100)
        #expect(codes.filter { $0 == "51" }.count == 100)
        #expect(try await fixture.cardBalance(IssuerFixture.mirSmallPAN).debitsPending == 500_00)
        #expect(try await fixture.backend.verify().isBalanced)
    }
}
