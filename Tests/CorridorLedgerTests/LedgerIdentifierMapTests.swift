import CorridorCore
@testable import CorridorLedger
import Testing

/// The ledger's id-keyed hash map, checked against `Dictionary` as the model.
@Suite("LedgerIdentifierMap")
struct LedgerIdentifierMapTests {
    static func id(_ value: UInt128) -> LedgerIdentifier { LedgerIdentifier(value) }

    /// `count` distinct ids whose probes all start at the same slot of a `capacity`-slot table with `seed`.
    static func collidingIDs(count: Int, capacity: Int, seed: UInt64) -> [LedgerIdentifier] {
        let storage = LedgerIdentifierMap<Int>.Storage(capacity: capacity, seed: seed)
        var ids: [LedgerIdentifier] = []
        let target = storage.home(1)
        var candidate: UInt128 = 1
        while ids.count < count {
            if storage.home(candidate) == target { ids.append(id(candidate)) }
            candidate += 1
        }
        return ids
    }

    @Test func emptyMapHasNothingAndAllocatesNoSlots() {
        let map = LedgerIdentifierMap<Int>()
        #expect(map.isEmpty)
        #expect(map.count == 0)
        #expect(map.capacity == 0)
        #expect(map[Self.id(1)] == nil)
        #expect(Array(map.keys).isEmpty && Array(map.values).isEmpty)
        #expect(map.description == "[:]")
    }

    @Test func insertReadReplaceAndRemove() {
        var map = LedgerIdentifierMap<String>()
        #expect(map.updateValue("a", forKey: Self.id(1)) == nil)
        map[Self.id(2)] = "b"
        #expect(map[Self.id(1)] == "a" && map[Self.id(2)] == "b" && map.count == 2)
        #expect(map.updateValue("A", forKey: Self.id(1)) == "a")
        #expect(map[Self.id(1)] == "A" && map.count == 2)
        map[Self.id(2)] = nil
        #expect(map[Self.id(2)] == nil && map.count == 1)
        #expect(map.removeValue(forKey: Self.id(2)) == nil)
        #expect(map.removeValue(forKey: Self.id(1)) == "A")
        #expect(map.isEmpty)
    }

    @Test func idsThatShareTheirLowOrHighHalfAreDistinctKeys() {
        var map = LedgerIdentifierMap<Int>()
        var ids: [UInt128] = []
        for n in UInt128(1)...50 { ids += [n << 64 | 1_000, 7 << 64 | n, n << 100] }
        for (value, raw) in ids.enumerated() { map[Self.id(raw)] = value }
        #expect(map.count == ids.count)
        for (value, raw) in ids.enumerated() { #expect(map[Self.id(raw)] == value) }
    }

    @Test func collidingKeysShareOneProbeChainAndSurviveRemovalFromItsMiddle() {
        let seed: UInt64 = 0x1234_5678
        let ids = Self.collidingIDs(count: 8, capacity: 64, seed: seed)
        var map = LedgerIdentifierMap<Int>(minimumCapacity: 40, seed: seed)
        #expect(map.storage.capacity == 64)
        for (value, id) in ids.enumerated() { map[id] = value }
        #expect(Set(ids.map { map.slot(forKey: $0)! }).count == ids.count)
        // Remove from the head, the middle and the tail: every other key must still be found.
        for removed in [ids[0], ids[4], ids[7]] {
            #expect(map.removeValue(forKey: removed) != nil)
            #expect(map[removed] == nil)
        }
        for (value, id) in ids.enumerated() where ![0, 4, 7].contains(value) { #expect(map[id] == value) }
        #expect(map.count == 5)
        map[ids[4]] = 40
        #expect(map[ids[4]] == 40 && map.count == 6)
    }

    @Test func growthKeepsEveryEntryAndTheLoadLimit() {
        var map = LedgerIdentifierMap<UInt128>()
        var capacities: Set<Int> = []
        for n in UInt128(1)...5_000 {
            map[Self.id(n)] = n * 3
            capacities.insert(map.storage.capacity)
            #expect(map.count * LedgerIdentifierMap<UInt128>.loadFactorDenominator
                <= map.storage.capacity * LedgerIdentifierMap<UInt128>.loadFactorNumerator)
        }
        #expect(capacities.count > 5)
        #expect(capacities.allSatisfy { $0 & ($0 - 1) == 0 })
        for n in UInt128(1)...5_000 { #expect(map[Self.id(n)] == n * 3) }
    }

    @Test func reservedCapacityIsNotExceededByInsertions() {
        var map = LedgerIdentifierMap<Int>()
        map.reserveCapacity(1_000)
        let slots = map.storage.capacity
        #expect(map.capacity >= 1_000)
        for n in 1...1_000 { map[Self.id(UInt128(n))] = n }
        #expect(map.storage.capacity == slots)
        map.reserveCapacity(10)
        #expect(map.storage.capacity == slots)
    }

    @Test func copiesAreIndependent() throws {
        var original = LedgerIdentifierMap<[Int]>()
        for n in 1...100 { original[Self.id(UInt128(n))] = [n] }
        var copy = original
        copy[Self.id(1)]?.append(0)
        copy[Self.id(101)] = []
        copy[Self.id(2)] = nil
        copy[Self.id(3), default: []].append(33)
        #expect(original[Self.id(1)] == [1] && original[Self.id(101)] == nil && original[Self.id(2)] == [2])
        #expect(original[Self.id(3)] == [3] && copy[Self.id(3)] == [3, 33])
        #expect(original.count == 100 && copy.count == 100)
        #expect(original != copy)
        let slot = try #require(copy.slot(forKey: Self.id(4)))
        copy[slot: slot].append(44)
        #expect(original[Self.id(4)] == [4] && copy[Self.id(4)] == [4, 44])
    }

    @Test func defaultSubscriptInsertsOnceAndMutatesInPlace() {
        var map = LedgerIdentifierMap<[Int]>()
        for n in 0..<50 { map[Self.id(UInt128(n % 5 + 1)), default: []].append(n) }
        #expect(map.count == 5)
        #expect(map[Self.id(1)] == Array(stride(from: 0, to: 50, by: 5)))
        #expect(map[Self.id(9), default: [-1]] == [-1] && map.count == 5)
    }

    @Test func equalityIgnoresInsertionOrderAndCapacity() {
        var a = LedgerIdentifierMap<Int>()
        var b = LedgerIdentifierMap<Int>(minimumCapacity: 4_096)
        for n in 1...300 { a[Self.id(UInt128(n))] = n }
        for n in (1...300).reversed() { b[Self.id(UInt128(n))] = n }
        #expect(a == b)
        b[Self.id(300)] = 0
        #expect(a != b)
        b[Self.id(300)] = nil
        #expect(a != b)
    }

    /// Random inserts, replacements, removals and lookups mirrored on a `Dictionary`; small key ranges force
    /// collisions, replacements and removals inside long probe chains, and the tiny starting table many rehashes.
    static let randomCases: [(seed: UInt64, keyRange: UInt128)] = [(1, 64), (2, 1_000), (3, 1 << 20), (4, .max - 1)]

    @Test(arguments: randomCases)
    func randomOperationsMatchADictionary(seed: UInt64, keyRange: UInt128) {
        var random = SeededRandom(seed: seed)
        var map = LedgerIdentifierMap<Int>(seed: seed &* 31)
        var model: [LedgerIdentifier: Int] = [:]
        func randomID() -> LedgerIdentifier {
            let raw = UInt128(random.next()) << 64 | UInt128(random.next())
            return LedgerIdentifier(raw % keyRange + 1)
        }
        for step in 0..<20_000 {
            let id = randomID()
            switch random.next() % 10 {
            case 0...4:
                #expect(map.updateValue(step, forKey: id) == model.updateValue(step, forKey: id))
            case 5...6:
                #expect(map.removeValue(forKey: id) == model.removeValue(forKey: id))
            case 7:
                map[id, default: 0] += 1
                model[id, default: 0] += 1
            default:
                #expect(map[id] == model[id])
            }
            #expect(map.count == model.count)
        }
        #expect(Dictionary(uniqueKeysWithValues: Array(map)) == model)
        #expect(Set(map.keys) == Set(model.keys))
        #expect(map.values.sorted() == model.values.sorted())
        for (id, value) in model { #expect(map[id] == value) }
    }

    @Test func valuesAreReleasedWhenRemovedOverwrittenOrDropped() {
        final class Token {}
        weak var removed: Token?
        weak var overwritten: Token?
        weak var dropped: Token?
        do {
            var map = LedgerIdentifierMap<Token>()
            let (a, b, c) = (Token(), Token(), Token())
            (removed, overwritten, dropped) = (a, b, c)
            map[Self.id(1)] = a
            map[Self.id(2)] = b
            map[Self.id(3)] = c
            map[Self.id(1)] = nil
            map[Self.id(2)] = Token()
            for n in 4...100 { map[Self.id(UInt128(n))] = Token() }  // growth moves, it does not copy
        }
        #expect(removed == nil && overwritten == nil && dropped == nil)
    }
}
