import Foundation

/// One file kept for a fuzz target: a regression input (`Tools/Fuzz/regressions/<target>/`) or a hand-picked seed
/// (`Tools/Fuzz/seeds/<target>/`). The `FuzzCorpusReplayTests` of each module replay them with the target's rules,
/// so `swift test` keeps every crash the fuzzers found checked without libFuzzer.
public struct FuzzReplayInput: Sendable, CustomStringConvertible {
    /// `<target>/<kind>/<file name>`.
    public let name: String
    public let bytes: [UInt8]

    public var description: String { name }

    /// `Tools/Fuzz`, found from this file's path so tests run from any working directory.
    public static let fuzzDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Fuzz/
        .deletingLastPathComponent()  // CorridorTesting/
        .deletingLastPathComponent()  // Sources/
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("Tools/Fuzz")

    /// Every regression input and seed kept for `target`, in name order.
    public static func all(_ target: String) -> [FuzzReplayInput] {
        ["regressions", "seeds"].flatMap { kind -> [FuzzReplayInput] in
            let folder = fuzzDirectory.appendingPathComponent(kind).appendingPathComponent(target)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.filter { !$0.hasSuffix(".md") }.sorted().compactMap { name in
                guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)) else { return nil }
                return FuzzReplayInput(name: "\(target)/\(kind)/\(name)", bytes: Array(data))
            }
        }
    }
}
