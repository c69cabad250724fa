import CorridorServer
import Foundation
import Testing

/// The HTTP face's SQLite table under concurrent writers: group commit keeps `insertIfAbsent` atomic per key and
/// every acknowledged write durable, while concurrent writes share transactions.
@Suite("SQLite key-value table")
struct SQLiteKeyValueStoreTests {
    @Test func concurrentWritesShareCommitsAndEachKeyHasOneWinner() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-kv-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("corridor.sqlite").path
        let store = try SQLiteKeyValueStore(path: path)
        let writers = 400
        // Every writer claims its own key and one of ten shared keys; then sets and removes keys of its own.
        let wins = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
            for writer in 0..<writers {
                group.addTask {
                    #expect(try await store.insertIfAbsent("mine-\(writer)", for: "own:\(writer)") == nil)
                    let shared = try await store.insertIfAbsent("writer-\(writer)", for: "shared:\(writer % 10)")
                    try await store.setValue("set-\(writer)", for: "set:\(writer)")
                    try await store.setValue("gone", for: "gone:\(writer)")
                    try await store.removeValue(for: "gone:\(writer)")
                    return (writer % 10, shared == nil)
                }
            }
            var wins = [Int: Int]()
            for try await (key, won) in group where won { wins[key, default: 0] += 1 }
            return wins
        }
        #expect(wins.count == 10)
        #expect(wins.values.allSatisfy { $0 == 1 }, "\(wins)")
        let commits = await store.commitCount
        #expect(commits < writers * 5, "\(commits) transactions for \(writers * 5) writes")

        // A second store on the same file (a restart) reads every acknowledged write.
        let reopened = try SQLiteKeyValueStore(path: path)
        for writer in 0..<writers {
            #expect(try await reopened.value(for: "own:\(writer)") == "mine-\(writer)")
            #expect(try await reopened.value(for: "set:\(writer)") == "set-\(writer)")
            #expect(try await reopened.value(for: "gone:\(writer)") == nil)
        }
        let shared = try await reopened.values(withKeyPrefix: "shared:")
        #expect(shared.map(\.key) == (0..<10).map { "shared:\($0)" })
        for (key, value) in shared {
            let index = Int(key.dropFirst("shared:".count))!
            #expect(value.hasPrefix("writer-") && Int(value.dropFirst("writer-".count))! % 10 == index)
        }
    }
}
