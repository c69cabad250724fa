/// `corridor-bench qr`: EMV payload encode+decode (EMVBench.swift) and QR→PNG against the C baseline (PNGBench.swift).
enum QRSuite {
    static func run(_ options: BenchOptions) async throws {
        try EMVBench.run(options)
        try PNGBench.run(options)
    }
}
