/// Measures `png_per_s` and `png_c_baseline_per_s`. Filled in by the QR-image work.
enum PNGBench {
    static func run(_ options: BenchOptions) throws {}
}
