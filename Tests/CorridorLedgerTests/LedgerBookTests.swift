import CorridorCore
import CorridorLedger
import Foundation
import Testing

/// Direct checks of the shared rules engine's bookkeeping (what the SQL backends write back) and of ledger ids.
@Suite("LedgerBook change log and ledger ids")
struct LedgerBookTests {
    static let rub = Currency.rub

    static func account(_ id: UInt128, flags: AccountFlags = []) -> Account {
        Account(id: AccountID(id), currency: rub, owner: "owner-\(id)", kind: .wallet, flags: flags)
    }

    static func leg(_ debit: UInt128, _ credit: UInt128, _ amount: Int64) -> TransferLeg {
        TransferLeg(debit: AccountID(debit), credit: AccountID(credit), amount: Money(minorUnits: amount, currency: rub))
    }

    /// A book with accounts 1 (bank), 2 (merchant), 3 (tourist, no overdraft) and 4 (fee), and the log cleared.
    static func book() -> LedgerBook {
        var book = LedgerBook(nextSequence: 41)
        for account in [account(1), account(2), account(3, flags: .debitsMustNotExceedCredits), account(4)] {
            #expect(book.create(account) == .created)
        }
        book.clearChanges()
        return book
    }

    @Test func creatingAccountsLogsOnlyNewOnes() {
        var book = LedgerBook()
        let first = Self.account(7)
        #expect(book.create(first) == .created)
        #expect(book.create(first) == .created)
        #expect(book.create(Account(id: first.id, currency: .cny, owner: "x", kind: .wallet)) == .rejected(.idReusedWithDifferentBody))
        #expect(book.create(Account(id: AccountID(8), currency: .rub, owner: "", kind: .wallet)) == .rejected(.ownerMissing))
        #expect(book.changes.createdAccounts == [first])
        #expect(book.changes.touchedAccountIDs.isEmpty)
        #expect(book.changes.newRecordIDs.isEmpty)
        book.clearChanges()
        #expect(book.changes.isEmpty)
    }

    @Test func committedTransfersLogRecordsAndTouchedAccountsInOrder() {
        var book = Self.book()
        let first = Transfer(id: TransferID(100), legs: [Self.leg(1, 3, 500)])
        let second = Transfer(id: TransferID(101), legs: [Self.leg(3, 2, 200), Self.leg(3, 4, 10)])
        #expect(book.apply(first, nowMs: 5) == .committed)
        #expect(book.apply(second, nowMs: 6) == .committed)
        #expect(book.apply(second, nowMs: 7) == .committed)  // a replay adds nothing to the log
        #expect(book.changes.newRecordIDs == [TransferID(100), TransferID(101)])
        #expect(book.changes.touchedAccountIDs == Set([1, 2, 3, 4].map { AccountID($0) }))
        #expect(book.changes.createdAccounts.isEmpty)
        #expect(book.changes.changedPendingIDs.isEmpty)
        #expect(book.records[TransferID(100)]?.sequence == 41)
        #expect(book.records[TransferID(101)]?.sequence == 42)
        #expect(book.records[TransferID(101)]?.timestampMs == 6)
        #expect(book.nextSequence == 43)
        #expect(book.balances[AccountID(3)] == AccountBalance(
            id: AccountID(3), currency: Self.rub, debitsPosted: 210, creditsPosted: 500, debitsPending: 0, creditsPending: 0
        ))
    }

    @Test func rejectedTransferLeavesTheLogAndBalancesAlone() {
        var book = Self.book()
        let before = book.balances
        let overdraft = Transfer(id: TransferID(100), legs: [Self.leg(1, 2, 5), Self.leg(3, 2, 1)])
        #expect(book.apply(overdraft, nowMs: 1) == .rejected(.exceedsCredits(AccountID(3))))
        #expect(book.changes.isEmpty)
        #expect(book.balances == before)
        #expect(book.records.isEmpty)
        #expect(book.nextSequence == 41)
    }

    @Test func pendingPostVoidAndExpiryLogChangedPendingIDs() {
        var book = Self.book()
        let posted = Transfer(id: TransferID(200), kind: .pending(timeoutSeconds: nil), legs: [Self.leg(1, 2, 50)])
        let voided = Transfer(id: TransferID(201), kind: .pending(timeoutSeconds: nil), legs: [Self.leg(1, 4, 60)])
        let expiring = Transfer(id: TransferID(202), kind: .pending(timeoutSeconds: 10), legs: [Self.leg(1, 2, 70)])
        for transfer in [posted, voided, expiring] { #expect(book.apply(transfer, nowMs: 1_000) == .committed) }
        #expect(book.changes.changedPendingIDs.isEmpty)
        #expect(book.records[TransferID(202)]?.expiresAtMs == 11_000)
        book.clearChanges()

        let post = Transfer(id: TransferID(300), kind: .postPending(TransferID(200), amounts: [20]), legs: [])
        let void = Transfer(id: TransferID(301), kind: .voidPending(TransferID(201)), legs: [])
        #expect(book.apply(post, nowMs: 2_000) == .committed)
        #expect(book.apply(void, nowMs: 2_000) == .committed)
        #expect(book.changes.newRecordIDs == [TransferID(300), TransferID(301)])
        #expect(book.changes.changedPendingIDs == [TransferID(200), TransferID(201)])
        #expect(book.changes.touchedAccountIDs == Set([1, 2, 4].map { AccountID($0) }))
        #expect(book.records[TransferID(300)]?.appliedLegs == [Self.leg(1, 2, 20)])
        #expect(book.records[TransferID(200)]?.pendingState == .posted)
        #expect(book.records[TransferID(201)]?.pendingState == .voided)
        book.clearChanges()

        #expect(book.expireDue(nowMs: 10_999).isEmpty)
        #expect(book.expireDue(nowMs: 11_000) == [TransferID(202)])
        #expect(book.changes.changedPendingIDs == [TransferID(202)])
        #expect(book.changes.newRecordIDs.isEmpty)
        #expect(book.records[TransferID(202)]?.pendingState == .expired)
        #expect(book.balances[AccountID(2)]?.creditsPending == 0)
        #expect(book.balances[AccountID(2)]?.creditsPosted == 20)
    }

    @Test func loadedRowsAreNotChanges() {
        var book = LedgerBook(nextSequence: 10)
        let account = Self.account(9)
        book.load(account, balance: AccountBalance(id: account.id, currency: Self.rub))
        let record = TransferRecord(
            transfer: Transfer(id: TransferID(5), kind: .pending(timeoutSeconds: 1), legs: [Self.leg(9, 9, 1)]),
            sequence: 3, timestampMs: 0, appliedLegs: [], pendingState: .open, expiresAtMs: 1_000
        )
        book.load(record)
        #expect(book.changes.isEmpty)
        #expect(book.records[TransferID(5)] == record)
    }

    @Test func accountIDsTouchedByABatchIncludeThoseOfThePendingsItResolves() {
        let pending = TransferRecord(
            transfer: Transfer(id: TransferID(900), kind: .pending(timeoutSeconds: nil), legs: [Self.leg(10, 11, 5), Self.leg(10, 12, 1)]),
            sequence: 1, timestampMs: 0, appliedLegs: [Self.leg(10, 11, 5), Self.leg(10, 12, 1)],
            pendingState: .open, expiresAtMs: nil
        )
        let transfers = [
            Transfer(id: TransferID(1), legs: [Self.leg(1, 2, 5), Self.leg(2, 3, 1)]),
            Transfer(id: TransferID(2), kind: .postPending(TransferID(900), amounts: nil), legs: []),
            Transfer(id: TransferID(3), kind: .voidPending(TransferID(999)), legs: []),  // unknown: adds nothing
        ]
        let ids = LedgerBook.accountIDs(touchedBy: transfers, records: [TransferID(900): pending])
        #expect(ids == Set([1, 2, 3, 10, 11, 12].map { AccountID($0) }))
        #expect(LedgerBook.accountIDs(touchedBy: [], records: [:]).isEmpty)
    }

    @Test func recordsRoundTripThroughJSONWithTheSameKeys() throws {
        let record = TransferRecord(
            transfer: Transfer(id: TransferID(77), kind: .pending(timeoutSeconds: 30), legs: [Self.leg(1, 2, 3)],
                               userData: TransferUserData(paymentID: "p", rail: "sbp", reference: "r")),
            sequence: 12, timestampMs: 1_000, appliedLegs: [Self.leg(1, 2, 3)], pendingState: .open, expiresAtMs: 31_000
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(record)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["transfer", "sequence", "timestampMs", "appliedLegs", "pendingState", "expiresAtMs"])
        #expect(try JSONDecoder().decode(TransferRecord.self, from: data) == record)
        let single = TransferRecord(
            transfer: Transfer(id: TransferID(78), legs: [Self.leg(1, 2, 3)]), sequence: 13, timestampMs: 1,
            appliedLegs: [Self.leg(1, 2, 3)], pendingState: nil, expiresAtMs: nil
        )
        let singleObject = try #require(
            try JSONSerialization.jsonObject(with: try encoder.encode(single)) as? [String: Any]
        )
        #expect(singleObject["pendingState"] == nil && singleObject["expiresAtMs"] == nil)
        var changed = record
        changed.pendingState = .posted
        #expect(changed != record)
        #expect(record.pendingState == .open)
    }

    // MARK: LedgerIdentifier

    @Test(arguments: [
        UInt128(1), UInt128(0xACC0) << 112 | 42, UInt128(1) << 127, UInt128(UInt64.max), UInt128.max,
    ])
    func identifierRoundTripsThroughUUIDTextAndBytes(_ value: UInt128) throws {
        let id = AccountID(value)
        #expect(LedgerIdentifier(string: id.description) == id)
        #expect(LedgerIdentifier(string: id.description.uppercased()) == id)
        #expect(LedgerIdentifier(id.uuid) == id)
        #expect(id.bytes.count == 16)
        #expect(LedgerIdentifier(bytes: id.bytes) == id)
        #expect(LedgerIdentifier(string: String(value)) == id)
        let decoded = try JSONDecoder().decode([LedgerIdentifier].self, from: JSONEncoder().encode([id]))
        #expect(decoded == [id])
    }

    @Test func identifierTextIsTheBigEndianUUID() {
        let id = LedgerIdentifier(UInt128(0x0011_2233_4455_6677) << 64 | 0x8899_AABB_CCDD_EEFF)
        #expect(id.description == "00112233-4455-6677-8899-aabbccddeeff")
        #expect(id.bytes == [0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
                             0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF])
        #expect(LedgerIdentifier(UInt128(5)).description == "00000000-0000-0000-0000-000000000005")
    }

    @Test(arguments: ["00000000-0000-0000-0000-000000000000", "0", "", "-1", "not-an-id", "1.5",
                      "00000000-0000-0000-0000-00000000000g", "340282366920938463463374607431768211456"])
    func zeroAndMalformedTextAreRejected(_ text: String) {
        #expect(LedgerIdentifier(string: text) == nil)
    }

    @Test func zeroAndWrongLengthBytesAreRejected() {
        #expect(LedgerIdentifier(bytes: [UInt8](repeating: 0, count: 16)) == nil)
        #expect(LedgerIdentifier(bytes: [UInt8](repeating: 1, count: 15)) == nil)
        #expect(LedgerIdentifier(bytes: [UInt8](repeating: 1, count: 17)) == nil)
    }

    @Test func identifiersOrderAsUnsigned128BitNumbers() {
        let ids = [UInt128.max, 1, UInt128(1) << 127, UInt128(1) << 64, UInt128(UInt64.max)].map { LedgerIdentifier($0) }
        #expect(ids.sorted().map(\.rawValue) == [1, UInt128(UInt64.max), UInt128(1) << 64, UInt128(1) << 127, .max])
        let sameLowHalf = [LedgerIdentifier(UInt128(1) << 64 | 7), LedgerIdentifier(UInt128(2) << 64 | 7)]
        #expect(Set(sameLowHalf).count == 2)
    }
}

@Suite("Ledger identifier text")
struct LedgerIdentifierTextTests {
    @Test func descriptionEqualsFoundationsLowercasedUUIDText() {
        var random = SeededRandom(seed: 11)
        for _ in 0..<1_000 {
            let id = LedgerIdentifier(UInt128(random.next()) << 64 | UInt128(random.next()) | 1)
            #expect(id.description == id.uuid.uuidString.lowercased())
            #expect(LedgerIdentifier(string: id.description) == id)
        }
    }
}
