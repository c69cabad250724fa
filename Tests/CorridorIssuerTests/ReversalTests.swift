import CorridorCore
import CorridorISO8583
import CorridorIssuer
import CorridorLedger
import Testing

@Suite("Issuer host: reversals and completions")
struct ReversalTests {
    @Test("0400 of an authorization voids the hold; a repeat answers 00 and changes nothing")
    func reversalVoidsHold() async throws {
        let fixture = try await IssuerFixture()
        let authorization = IssuerFixture.request(amount: 2_000_00, stan: 1)
        #expect(await fixture.send(authorization)?[text: 39] == "00")
        let reversal = IssuerFixture.reversal(of: authorization, stan: 2)
        let response = try #require(await fixture.send(reversal))
        #expect(response.mti == "0410")
        #expect(response[text: 39] == "00")
        let afterFirst = try await fixture.cardBalance(IssuerFixture.mirPAN)
        #expect(afterFirst.debitsPending == 0)
        // A repeat advice (0401, new STAN) finds the hold already voided.
        let again = try #require(await fixture.send(IssuerFixture.reversal(of: authorization, mti: "0401", stan: 3)))
        #expect(again.mti == "0410")
        #expect(again[text: 39] == "00")
        #expect(try await fixture.cardBalance(IssuerFixture.mirPAN) == afterFirst)
        #expect(try await fixture.backend.verify().isBalanced)
    }

    @Test("0420 of a financial request returns the money")
    func reversalReturnsDebit() async throws {
        let fixture = try await IssuerFixture()
        let financial = IssuerFixture.request(mti: "0200", amount: 300_00, stan: 4)
        #expect(await fixture.send(financial)?[text: 39] == "00")
        let response = try #require(await fixture.send(IssuerFixture.reversal(of: financial, mti: "0420", stan: 5)))
        #expect(response.mti == "0430")
        #expect(response[text: 39] == "00")
        let balance = try await fixture.cardBalance(IssuerFixture.mirPAN)
        #expect(balance.debitsPosted == 300_00)
        #expect(balance.creditsPosted == 150_000_00 + 300_00)
        // Repeated: still one compensation.
        let repeated = try #require(await fixture.send(IssuerFixture.reversal(of: financial, mti: "0421", stan: 6)))
        #expect(repeated.mti == "0430")
        #expect(repeated[text: 39] == "00")
        #expect(try await fixture.cardBalance(IssuerFixture.mirPAN) == balance)
    }

    @Test("A reversal of an unknown transaction answers 25 and changes nothing")
    func unknownOriginal() async throws {
        let fixture = try await IssuerFixture()
        let before = try await fixture.backend.verify()
        let ghost = IssuerFixture.request(amount: 10_00, stan: 777)
        let response = try #require(await fixture.send(IssuerFixture.reversal(of: ghost, stan: 8)))
        #expect(response[text: 39] == "25")
        #expect(try await fixture.backend.verify() == before)
    }

    @Test("A reversal of a declined authorization is acknowledged and changes nothing")
    func declinedOriginal() async throws {
        let fixture = try await IssuerFixture()
        let declined = IssuerFixture.request(pan: IssuerFixture.mirSmallPAN, amount: 900_00, stan: 9)
        #expect(await fixture.send(declined)?[text: 39] == "51")
        let before = try await fixture.backend.verify()
        #expect(await fixture.send(IssuerFixture.reversal(of: declined, stan: 10))?[text: 39] == "00")
        #expect(try await fixture.backend.verify() == before)
    }

    @Test("0220 completes a hold for less; a later reversal returns what was posted")
    func completionThenReversal() async throws {
        let fixture = try await IssuerFixture()
        let authorization = IssuerFixture.request(amount: 1_000_00, stan: 11)
        #expect(await fixture.send(authorization)?[text: 39] == "00")
        var completion = IssuerFixture.reversal(of: authorization, mti: "0220", stan: 12)
        completion[text: 4] = IssuerFixture.digits(800_00, 12)
        let completed = try #require(await fixture.send(completion))
        #expect(completed.mti == "0230")
        #expect(completed[text: 39] == "00")
        var balance = try await fixture.cardBalance(IssuerFixture.mirPAN)
        #expect(balance.debitsPending == 0)
        #expect(balance.debitsPosted == 800_00)
        #expect(await fixture.send(IssuerFixture.reversal(of: authorization, stan: 13))?[text: 39] == "00")
        balance = try await fixture.cardBalance(IssuerFixture.mirPAN)
        #expect(balance.creditsPosted - balance.debitsPosted == 150_000_00)
        #expect(try await fixture.backend.verify().isBalanced)
    }

    @Test("A completion for more than the hold answers 13 and posts nothing")
    func completionTooLarge() async throws {
        let fixture = try await IssuerFixture()
        let authorization = IssuerFixture.request(amount: 100_00, stan: 14)
        #expect(await fixture.send(authorization)?[text: 39] == "00")
        var completion = IssuerFixture.reversal(of: authorization, mti: "0220", stan: 15)
        completion[text: 4] = IssuerFixture.digits(100_01, 12)
        #expect(await fixture.send(completion)?[text: 39] == "13")
        #expect(try await fixture.cardBalance(IssuerFixture.mirPAN).debitsPending == 100_00)
    }

    @Test("A reversal reaching a new host process (same ledger) still finds its authorization")
    func reversalAfterRestart() async throws {
        let first = try await IssuerFixture()
        let authorization = IssuerFixture.request(amount: 4_000_00, stan: 16)
        #expect(await first.send(authorization)?[text: 39] == "00")
        let restarted = try await IssuerFixture(backend: first.backend)
        #expect(await restarted.send(IssuerFixture.reversal(of: authorization, stan: 17))?[text: 39] == "00")
        #expect(try await restarted.cardBalance(IssuerFixture.mirPAN).debitsPending == 0)
    }

    @Test("A reversal gives the amount back to the daily limit")
    func reversalRestoresDailyLimit() async throws {
        let fixture = try await IssuerFixture()
        let big = IssuerFixture.request(pan: IssuerFixture.unionPayPAN, amount: 8_000_00, currency: "156", stan: 18)
        #expect(await fixture.send(big)?[text: 39] == "00")
        let next = IssuerFixture.request(pan: IssuerFixture.unionPayPAN, amount: 5_000_00, currency: "156", stan: 19)
        #expect(await fixture.send(next)?[text: 39] == "61")
        #expect(await fixture.send(IssuerFixture.reversal(of: big, stan: 20))?[text: 39] == "00")
        let retry = IssuerFixture.request(pan: IssuerFixture.unionPayPAN, amount: 5_000_00, currency: "156", stan: 21)
        #expect(await fixture.send(retry)?[text: 39] == "00")
    }
}
