/// `corridor-bench iso8583` (issue 4 §5): pack + unpack of a typical 0100 against pyiso8583
/// (ISO8583PackBench.swift), then authorizations end to end over TCP on a SQLite ledger (TCPAuthBench.swift).
enum ISO8583Suite {
    static func run(_ options: BenchOptions) async throws {
        try ISO8583PackBench.run(options)
        try await TCPAuthBench.run(options)
    }
}
