#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CPNGBaseline
import CorridorQRImage

/// Measures `png_per_s` (payload → ``QRMatrix`` → PNG bytes in Swift) against `png_c_baseline_per_s` (the same
/// work as a plain C loop over libqrencode + libpng, `Tools/png-baseline`), in the same run (issue 2 §7).
///
/// Both sides: the payload below, EC M, scale 8, quiet zone 4, 1-bit grayscale, filter none, zlib level
/// ``QRMatrix/pngCompressionLevelDefault``, written to memory. Before timing, the bench checks that both write
/// byte-identical PNGs, so the two figures measure the same work.
///
/// Both are timed on this thread's CPU clock (`CLOCK_THREAD_CPUTIME_ID`), in many short rounds that alternate
/// Swift and C, and the best round of each is reported: on this 2-core machine other builds and tests come and
/// go, and wall-clock rounds swung the ratio between 77% and 105% from run to run; CPU time with best-of-many
/// short rounds leaves out the time the thread was not running.
enum PNGBench {
    /// A typical EMV merchant-presented payload (UnionPay tag 15, CNY, valid CRC), 157 characters; also the
    /// default of `png-c-baseline`.
    static let payload = "00020101021215326210000000000000000000000123456752045812530315654062"
        + "50.005802CN5918CORRIDOR TEA HOUSE6007BEIJING62330517ORDER-2025-0001230708TERM000163048225"
    static let errorCorrection = QRErrorCorrection.medium
    static let scale = 8
    /// The libqrencode/C value of ``errorCorrection`` (0 L, 1 M, 2 Q, 3 H).
    static let errorCorrectionIndex: Int32 = 1

    static func run(_ options: BenchOptions) throws {
        let iterations = options.quick ? 100 : 400
        let rounds = options.quick ? 2 : 15

        let swiftBytes = try swiftPNG()
        let baselineBytes = try baselinePNG()
        guard swiftBytes == baselineBytes else {
            throw BenchFailure("Swift and C baseline PNGs differ (\(swiftBytes.count) vs \(baselineBytes.count) bytes)")
        }

        // Warm both paths (page faults, lazy binding, libqrencode's Reed-Solomon tables).
        for _ in 0..<(iterations / 10) { _ = try swiftPNG() }
        _ = try baselineSeconds(iterations: iterations)

        var swiftBest = 0.0
        var baselineBest = 0.0
        for _ in 0..<rounds {
            let swiftSeconds = try ThreadCPUClock.seconds {
                var bytes = 0
                for _ in 0..<iterations { bytes &+= try swiftPNG().count }
                precondition(bytes > 0)
            }
            swiftBest = max(swiftBest, Double(iterations) / swiftSeconds)
            baselineBest = max(baselineBest, Double(iterations) / (try baselineSeconds(iterations: iterations)))
        }

        let note = "payload \(payload.utf8.count) B, EC \(errorCorrection), scale \(scale), "
            + "zlib \(QRMatrix.pngCompressionLevelDefault), \(swiftBytes.count) B PNG, "
            + "thread CPU time, best of \(rounds)×\(iterations), ratio \(formatted(swiftBest / baselineBest))"
        MetricLine(
            suite: "qr", metric: "png_per_s", value: rounded(swiftBest), unit: "1/s",
            peer: "c_baseline", peerValue: rounded(baselineBest), note: note
        ).emit()
        MetricLine(
            suite: "qr", metric: "png_c_baseline_per_s", value: rounded(baselineBest), unit: "1/s", note: note
        ).emit()
    }

    private static func swiftPNG() throws -> [UInt8] {
        try QRMatrix(encoding: payload, errorCorrection: errorCorrection).pngData(scale: scale)
    }

    private static func baselinePNG() throws -> [UInt8] {
        let size = corridor_png_baseline_render(payload, errorCorrectionIndex, Int32(scale), nil, 0)
        guard size > 0 else { throw BenchFailure("C baseline failed (code \(size))") }
        var bytes = [UInt8](repeating: 0, count: Int(size))
        let copied = bytes.withUnsafeMutableBufferPointer { buffer in
            corridor_png_baseline_render(payload, errorCorrectionIndex, Int32(scale), buffer.baseAddress, buffer.count)
        }
        guard copied == size else { throw BenchFailure("C baseline failed (code \(copied))") }
        return bytes
    }

    private static func baselineSeconds(iterations: Int) throws -> Double {
        var result: Int64 = 0
        let seconds = ThreadCPUClock.seconds {
            result = corridor_png_baseline_run(payload, errorCorrectionIndex, Int32(scale), Int32(iterations))
        }
        guard result > 0 else { throw BenchFailure("C baseline failed (code \(result))") }
        return seconds
    }

    private static func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }

    private static func formatted(_ ratio: Double) -> String {
        let percent = (ratio * 1000).rounded() / 10
        return "\(percent)%"
    }

    /// A bench precondition that failed: the figures would not mean what they say.
    struct BenchFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
