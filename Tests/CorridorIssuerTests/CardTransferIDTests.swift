import CorridorCore
import CorridorISO8583
import CorridorIssuer
import CorridorLedger
import Testing

/// Card transfer ids: ordered by transmission time and STAN, still derived from the key alone, and holds written
/// by earlier builds (hash-only ids) still reversed and completed.
@Suite("Issuer host: card transfer ids")
struct CardTransferIDTests {
    private static func key(stan: String, at transmission: String, terminal: String = "TERM0001") -> CardTransactionKey {
        CardTransactionKey(acquirer: "4000001", terminal: terminal, stan: stan, transmissionDateTime: transmission)
    }

    @Test func idsFollowTheTransmissionTimeThenTheSTANAndDependOnlyOnTheKey() {
        let early = CardTransferID.id(.debit, of: Self.key(stan: "999999", at: "0101120000"))
        let sameSecond = CardTransferID.id(.debit, of: Self.key(stan: "000001", at: "0101120001"))
        let nextSTAN = CardTransferID.id(.debit, of: Self.key(stan: "000002", at: "0101120001"))
        let nextDay = CardTransferID.id(.debit, of: Self.key(stan: "000000", at: "0102000000"))
        let december = CardTransferID.id(.debit, of: Self.key(stan: "000000", at: "1231235959"))
        #expect(early < sameSecond)
        #expect(sameSecond < nextSTAN)
        #expect(nextSTAN < nextDay)
        #expect(nextDay < december)
        // The same key always names the same transfer; another terminal or purpose another one.
        #expect(CardTransferID.id(.debit, of: Self.key(stan: "000002", at: "0101120001")) == nextSTAN)
        let otherTerminal = CardTransferID.id(.debit, of: Self.key(stan: "000002", at: "0101120001", terminal: "TERM0002"))
        #expect(otherTerminal != nextSTAN)
        let purposes = Set(CardTransferID.Purpose.allCases.map { CardTransferID.id($0, of: Self.key(stan: "000002", at: "0101120001")) })
        #expect(purposes.count == CardTransferID.Purpose.allCases.count)
        // Neighbours: the ids of one second and neighbouring STANs share their leading 40 bits.
        #expect(sameSecond.rawValue >> 88 == nextSTAN.rawValue >> 88)
    }

    @Test(arguments: ["1301000000", "0230000000", "0100000000", "0101240000", "01011200", "01011200AB", ""])
    func aKeyWithoutAValidTransmissionTimeGetsTheHashOnlyID(transmission: String) {
        let key = Self.key(stan: "000001", at: transmission)
        #expect(CardTransferID.id(.debit, of: key) == IssuerLedgerAccounts.transferID("debit/\(key)"))
    }

    @Test func aKeyWithoutASixDigitSTANGetsTheHashOnlyID() {
        let key = Self.key(stan: "12345", at: "0101120000")
        #expect(CardTransferID.id(.debit, of: key) == IssuerLedgerAccounts.transferID("debit/\(key)"))
    }

    /// A hold as a build before the ordered ids posted it: the hash-only id `transfer/debit/KEY`.
    private static func postLegacyHold(
        _ fixture: IssuerFixture, for request: IsoMessage, amount: Int64
    ) async throws -> CardTransactionKey {
        let key = CardTransactionKey(
            acquirer: request[text: 32] ?? "", terminal: request[text: 41] ?? "", stan: request[text: 11] ?? "",
            transmissionDateTime: request[text: 7] ?? "")
        let token = IssuerFixture.tokenizer.token(for: try PrimaryAccountNumber(IssuerFixture.mirPAN)).token
        let card = try #require(fixture.portfolio.cards[token])
        let hold = Transfer(
            id: IssuerLedgerAccounts.transferID("debit/\(key)"), kind: .pending(timeoutSeconds: 3600),
            legs: [TransferLeg(
                debit: IssuerLedgerAccounts.cardAccount(token: token),
                credit: IssuerLedgerAccounts.settlementAccount(issuer: card.issuerID, currency: card.currency),
                amount: Money(minorUnits: amount, currency: .rub))])
        #expect(try await fixture.backend.post([hold]) == [.committed])
        return key
    }

    @Test func aReversalOfAHoldWrittenByAnEarlierBuildVoidsItUnderThatBuildsIDs() async throws {
        let fixture = try await IssuerFixture()
        let authorization = IssuerFixture.request(amount: 2_500_00, stan: 41)
        let key = try await Self.postLegacyHold(fixture, for: authorization, amount: 2_500_00)
        #expect(try await fixture.cardBalance(IssuerFixture.mirPAN).debitsPending == 2_500_00)

        #expect(await fixture.send(IssuerFixture.reversal(of: authorization, stan: 42))?[text: 39] == "00")
        #expect(try await fixture.cardBalance(IssuerFixture.mirPAN).debitsPending == 0)
        let void = try await fixture.backend.lookup(transfers: [IssuerLedgerAccounts.transferID("void/\(key)")])
        #expect(void.count == 1)
        // Repeated, the reversal finds the hold voided and changes nothing.
        #expect(await fixture.send(IssuerFixture.reversal(of: authorization, mti: "0401", stan: 43))?[text: 39] == "00")
        #expect(try await fixture.cardBalance(IssuerFixture.mirPAN).debitsPending == 0)
        #expect(try await fixture.backend.verify().isBalanced)
    }

    @Test func aCompletionOfAHoldWrittenByAnEarlierBuildPostsIt() async throws {
        let fixture = try await IssuerFixture()
        let authorization = IssuerFixture.request(amount: 1_000_00, stan: 51)
        let key = try await Self.postLegacyHold(fixture, for: authorization, amount: 1_000_00)
        var completion = IssuerFixture.reversal(of: authorization, mti: "0220", stan: 52)
        completion[text: 4] = IssuerFixture.digits(700_00, 12)
        #expect(await fixture.send(completion)?[text: 39] == "00")
        let balance = try await fixture.cardBalance(IssuerFixture.mirPAN)
        #expect(balance.debitsPending == 0)
        #expect(balance.debitsPosted == 700_00)
        let posted = try await fixture.backend.lookup(transfers: [IssuerLedgerAccounts.transferID("completion/\(key)")])
        #expect(posted.count == 1)
    }

    @Test func anAuthorizationIsHeldUnderItsOrderedID() async throws {
        let fixture = try await IssuerFixture()
        let authorization = IssuerFixture.request(amount: 300_00, stan: 61)
        #expect(await fixture.send(authorization)?[text: 39] == "00")
        let key = CardTransactionKey(
            acquirer: "4000001", terminal: "TERM0001", stan: "000061", transmissionDateTime: "0101120000")
        let held = try await fixture.backend.lookup(transfers: [CardTransferID.id(.debit, of: key)])
        #expect(held.first?.transfer.legs.first?.amount.minorUnits == 300_00)
        #expect(try await fixture.backend.lookup(transfers: [IssuerLedgerAccounts.transferID("debit/\(key)")]).isEmpty)
    }
}
