import Foundation

/// `corridor-bench iso8583` (issue 4 §5): pack + unpack of a typical 0100 against pyiso8583
/// (ISO8583PackBench.swift), then authorizations end to end over TCP on a SQLite ledger (TCPAuthBench.swift).
///
/// `CORRIDOR_BENCH_ISO8583` (a comma-separated subset of `pack,tcp`) picks the parts; both by default.
enum ISO8583Suite {
    static func run(_ options: BenchOptions) async throws {
        let parts = ProcessInfo.processInfo.environment["CORRIDOR_BENCH_ISO8583"].map {
            Set($0.split(separator: ",").map(String.init))
        } ?? ["pack", "tcp"]
        if parts.contains("pack") { try ISO8583PackBench.run(options) }
        if parts.contains("tcp") { try await TCPAuthBench.run(options) }
    }
}
