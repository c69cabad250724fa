import CorridorCore
import CorridorISO8583
import CorridorIssuer
import CorridorLedger
import Foundation
import Testing

@Suite("Issuer host: duplicates, unique codes and test-mode magic values")
struct DuplicateAndTestModeTests {
    @Test("A retransmission gets the original answer; the card is debited once")
    func retransmission() async throws {
        let fixture = try await IssuerFixture()
        let request = IssuerFixture.request(amount: 250_00, stan: 1)
        let first = try #require(await fixture.send(request))
        let second = try #require(await fixture.send(request))
        #expect(first == second)
        #expect(try await fixture.cardBalance(IssuerFixture.mirPAN).debitsPending == 250_00)
    }

    @Test("A repeat (0101) of an answered 0100 gets the same answer; the card is debited once")
    func repeatedAuthorization() async throws {
        let fixture = try await IssuerFixture()
        let request = IssuerFixture.request(amount: 310_00, stan: 30)
        let first = try #require(await fixture.send(request))
        var repeated = request
        repeated.mti = "0101"
        let second = try #require(await fixture.send(repeated))
        #expect(second.mti == "0110")
        #expect(second[text: 38] == first[text: 38])
        #expect(second[text: 39] == "00")
        #expect(try await fixture.cardBalance(IssuerFixture.mirPAN).debitsPending == 310_00)
        // A repeat that arrives first is decided like an original.
        var fresh = IssuerFixture.request(mti: "0201", amount: 20_00, stan: 31)
        fresh[text: 3] = "000000"
        #expect(await fixture.send(fresh)?.mti == "0210")
        #expect(try await fixture.cardBalance(IssuerFixture.mirPAN).debitsPosted == 20_00)
    }

    @Test("Same STAN, terminal and transmission time with a different body: 94, nothing posted")
    func duplicateKeyDifferentBody() async throws {
        let fixture = try await IssuerFixture()
        #expect(await fixture.send(IssuerFixture.request(amount: 250_00, stan: 2))?[text: 39] == "00")
        #expect(await fixture.send(IssuerFixture.request(amount: 999_00, stan: 2))?[text: 39] == "94")
        // Another terminal with the same STAN is another transaction.
        #expect(await fixture.send(IssuerFixture.request(amount: 999_00, stan: 2, terminal: "TERM0002"))?[text: 39] == "00")
        #expect(try await fixture.cardBalance(IssuerFixture.mirPAN).debitsPending == 250_00 + 999_00)
    }

    @Test("Approval codes and RRNs are unique over 2,000 approvals")
    func uniqueCodes() async throws {
        let fixture = try await IssuerFixture()
        var approvals: Set<String> = []
        var rrns: Set<String> = []
        for stan in 1...2_000 {
            let response = try #require(await fixture.send(IssuerFixture.request(amount: 1_00, stan: stan)))
            #expect(response[text: 39] == "00")
            approvals.insert(try #require(response[text: 38]))
            rrns.insert(try #require(response[text: 37]))
        }
        #expect(approvals.count == 2_000)
        #expect(rrns.count == 2_000)
        #expect(rrns.allSatisfy { $0.count == 12 && $0.allSatisfy(\.isNumber) })
    }

    @Test("Magic PAN endings decline with their code before the card is looked up", arguments: [
        ("0005", "05"), ("0014", "14"), ("0051", "51"), ("0054", "54"), ("0057", "57"), ("0061", "61"), ("0091", "91"),
    ])
    func magicPANEndings(ending: String, code: String) async throws {
        let fixture = try await IssuerFixture()
        let pan = try #require(Self.luhnValidPAN(prefix: "22007000000", ending: ending))
        let response = try #require(await fixture.send(IssuerFixture.request(pan: pan, amount: 10_00, stan: 3)))
        #expect(response[text: 39] == code)
        #expect(response[text: 38] == nil)
    }

    @Test("Magic amount tails decline a good card and change nothing", arguments: [
        (19_05 as Int64, "05"), (19_14, "14"), (19_51, "51"), (19_54, "54"), (19_57, "57"), (19_61, "61"), (19_91, "91"),
    ])
    func magicAmountTails(amount: Int64, code: String) async throws {
        let fixture = try await IssuerFixture()
        #expect(await fixture.send(IssuerFixture.request(amount: amount, stan: 4))?[text: 39] == code)
        let balance = try await fixture.cardBalance(IssuerFixture.mirPAN)
        #expect(balance.debitsPending == 0 && balance.debitsPosted == 0)
    }

    @Test("Test mode off: magic values are ordinary")
    func testModeOff() async throws {
        let fixture = try await IssuerFixture(configuration: IssuerHostConfiguration(testMode: nil, approvalSeed: 1))
        #expect(await fixture.send(IssuerFixture.request(amount: 19_51, stan: 5))?[text: 39] == "00")
        #expect(await fixture.send(IssuerFixture.request(pan: IssuerFixture.dropPAN, amount: 10_00, stan: 6)) != nil)
    }

    @Test("A dropped answer leaves the funds held until the acquirer reverses")
    func droppedResponse() async throws {
        let fixture = try await IssuerFixture()
        let request = IssuerFixture.request(pan: IssuerFixture.dropPAN, amount: 700_00, stan: 7)
        #expect(await fixture.send(request) == nil)
        #expect(try await fixture.cardBalance(IssuerFixture.dropPAN).debitsPending == 700_00)
        #expect(await fixture.send(IssuerFixture.reversal(of: request, stan: 8))?[text: 39] == "00")
        #expect(try await fixture.cardBalance(IssuerFixture.dropPAN).debitsPending == 0)
    }

    @Test("A delayed answer comes after the configured delay, approved; the amount tail 998 does the same")
    func delayedResponse() async throws {
        let fixture = try await IssuerFixture()
        for (stan, pan, amount) in [(9, IssuerFixture.delayPAN, Int64(10_00)), (10, IssuerFixture.mirPAN, Int64(9_98))] {
            let start = ContinuousClock.now
            let response = try #require(await fixture.send(IssuerFixture.request(pan: pan, amount: amount, stan: stan)))
            #expect(ContinuousClock.now - start >= .milliseconds(200))
            #expect(response[text: 39] == "00")
        }
    }

    @Test("The README's table is the host's table")
    func readmeTable() throws {
        let readme = try String(contentsOfFile: readmePath(), encoding: .utf8)
        #expect(readme.contains(TestModeTable.standard.markdown))
    }

    static func luhnValidPAN(prefix: String, ending: String) -> String? {
        (0...9).lazy.map { prefix + String($0) + ending }.first { Luhn.isValid($0) }
    }
}

private func readmePath() -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("README.md").path
}
