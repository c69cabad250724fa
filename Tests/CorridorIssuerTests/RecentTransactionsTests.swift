import Testing

@testable import CorridorIssuer

/// The duplicate table: values by key across its shards, forgotten in arrival order past the window.
@Suite("Issuer host: recent transactions table")
struct RecentTransactionsTests {
    private static func key(_ stan: Int) -> CardTransactionKey {
        let text = String(stan)
        return CardTransactionKey(
            acquirer: "4000001", terminal: "TERM0001", stan: String(repeating: "0", count: max(0, 6 - text.count)) + text,
            transmissionDateTime: "0101120000")
    }

    @Test func keysAreFoundAcrossChunksAndForgottenInArrivalOrderOnceOlderThanTheWindow() {
        var table = RecentTransactions<Int>()
        let total = RecentTransactions<Int>.chunkSize * 2 + 100
        // One key per millisecond; nothing is forgotten while the window (10 s) covers them all.
        for stan in 0..<total {
            table.insert(stan, for: Self.key(stan), atMs: Int64(stan), forgettingBefore: Int64(stan) - 10_000)
        }
        #expect(table.count == total)
        #expect((0..<total).allSatisfy { table[Self.key($0)] == $0 })
        // A key arriving later forgets every key that arrived before its horizon, and only those.
        let horizon = Int64(RecentTransactions<Int>.chunkSize + 7)
        table.insert(-1, for: Self.key(999_999), atMs: 100_000, forgettingBefore: horizon)
        #expect(table.count == total - Int(horizon) + 1)
        #expect((0..<Int(horizon)).allSatisfy { table[Self.key($0)] == nil })
        #expect((Int(horizon)..<total).allSatisfy { table[Self.key($0)] == $0 })
        #expect(table[Self.key(999_999)] == -1)
    }

    @Test func aValueCanBeReplacedAndRemovedWithoutLosingTheCount() {
        var table = RecentTransactions<String>()
        table.insert("pending", for: Self.key(1), atMs: 0, forgettingBefore: -1)
        table[Self.key(1)] = "decided"
        #expect(table[Self.key(1)] == "decided")
        #expect(table.count == 1)
        table[Self.key(1)] = nil
        #expect(table[Self.key(1)] == nil)
        #expect(table.count == 0)
        // Forgetting a key already removed changes nothing.
        table.insert("next", for: Self.key(2), atMs: 5, forgettingBefore: 1)
        #expect(table.count == 1)
        #expect(table[Self.key(2)] == "next")
    }

    @Test func equalKeysAreFoundWhateverInstanceAsksAndDifferentKeysDiffer() {
        let one = Self.key(42)
        let same = CardTransactionKey(acquirer: "4000001", terminal: "TERM0001", stan: "000042", transmissionDateTime: "0101120000")
        let other = CardTransactionKey(acquirer: "4000001", terminal: "TERM0002", stan: "000042", transmissionDateTime: "0101120000")
        #expect(one == same)
        #expect(one.hashValue == same.hashValue)
        #expect(one != other)
        var table = RecentTransactions<Int>()
        table.insert(1, for: one, atMs: 0, forgettingBefore: -1)
        #expect(table[same] == 1)
        #expect(table[other] == nil)
    }
}
