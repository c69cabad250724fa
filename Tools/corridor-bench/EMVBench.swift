/// Measures `emv_encode_decode_per_s`. Filled in by the merchant-QR work.
enum EMVBench {
    static func run(_ options: BenchOptions) throws {}
}
