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
        let cardToken = IssuerFixture.tokenizer.token(for: try PrimaryAccountNumber(IssuerFixture.mirPAN))
        let token = cardToken.token
        let card = try #require(fixture.portfolio.cards[token])
        // The body the host posts for this request (the same hold timeout, user data and leg).
        let hold = Transfer(
            id: IssuerLedgerAccounts.transferID("debit/\(key)"),
            kind: .pending(timeoutSeconds: IssuerHostConfiguration().holdSeconds),
            legs: [TransferLeg(
                debit: IssuerLedgerAccounts.cardAccount(token: token),
                credit: IssuerLedgerAccounts.settlementAccount(issuer: card.issuerID, currency: card.currency),
                amount: Money(minorUnits: amount, currency: .rub))],
            userData: TransferUserData(
                paymentID: key.description, rail: "card",
                reference: "\(request.mti) \(cardToken.scheme.rawValue) …\(cardToken.lastFour)"))
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

    @Test func aRetransmissionAcrossAnUpgradeReplaysTheHoldAnEarlierBuildMade() async throws {
        // The host starts at 2026-01-01 00:00:00 UTC; the 0100 was sent a minute before, on December 31st, and an
        // earlier build held the money under the hash-only id before the upgrade.
        let fixture = try await IssuerFixture()
        let authorization = IssuerFixture.request(amount: 1_200_00, stan: 71, transmission: "1231235900")
        let key = try await Self.postLegacyHold(fixture, for: authorization, amount: 1_200_00)
        #expect(await fixture.send(authorization)?[text: 39] == "00")
        // One hold, not two: the retransmission replayed the earlier build's posting.
        #expect(try await fixture.cardBalance(IssuerFixture.mirPAN).debitsPending == 1_200_00)
        #expect(try await fixture.backend.lookup(transfers: [CardTransferID.id(.debit, of: key)]).isEmpty)
        // Its reversal releases that hold.
        #expect(await fixture.send(IssuerFixture.reversal(of: authorization, stan: 72))?[text: 39] == "00")
        #expect(try await fixture.cardBalance(IssuerFixture.mirPAN).debitsPending == 0)
    }

    @Test func onlyRequestsSentShortlyBeforeTheStartMayPrecedeIt() throws {
        let start = CivilDate(unixMilliseconds: 1_767_225_600_000)  // 2026-01-01 00:00:00 UTC
        func precedes(_ transmission: String) -> Bool {
            CardTransferID.mayPrecede(Self.key(stan: "000001", at: transmission), start: start, windowSeconds: 86_400)
        }
        #expect(precedes("1231235900"))     // a minute before, across the new year
        #expect(precedes("1231000001"))     // within the day's window
        #expect(!precedes("1230000000"))    // two days before: outside the window
        #expect(!precedes("0101000000"))    // the start itself
        #expect(!precedes("0101000100"))    // after the start
        #expect(!precedes("1331000000"))    // not a time
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
