import Foundation

/// `corridor-bench qr`: EMV payload encode+decode (EMVBench.swift) and QR→PNG against the C baseline (PNGBench.swift).
/// `CORRIDOR_BENCH_QR` (a comma-separated subset of `emv,png`) picks the parts.
enum QRSuite {
    static func run(_ options: BenchOptions) async throws {
        let parts = ProcessInfo.processInfo.environment["CORRIDOR_BENCH_QR"].map {
            Set($0.split(separator: ",").map(String.init))
        } ?? ["emv", "png"]
        if parts.contains("emv") { try EMVBench.run(options) }
        if parts.contains("png") { try PNGBench.run(options) }
    }
}
