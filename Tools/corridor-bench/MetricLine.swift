import Foundation

/// One benchmark figure, printed as one JSON line: `{"suite":"qr","metric":"png_per_s","value":5123.4,"unit":"1/s"}`.
struct MetricLine: Encodable {
    let suite: String
    let metric: String
    let value: Double
    let unit: String
    var peer: String? = nil
    var peerValue: Double? = nil
    /// The disk-flush time measured in the same run, printed beside every durable figure.
    var fsyncMs: Double? = nil
    /// Free-form context (batch size, mix, backend).
    var note: String? = nil

    enum CodingKeys: String, CodingKey {
        case suite, metric, value, unit, peer, note
        case peerValue = "peer_value"
        case fsyncMs = "fsync_ms"
    }

    /// Prints the line to standard output and flushes, so a long suite streams its figures.
    func emit() {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self), let text = String(data: data, encoding: .utf8) else { return }
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}

/// Writes to standard error without going through `print`.
enum FileHandleOutput {
    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// Wall-clock timing for benchmarks (monotonic).
enum Stopwatch {
    /// Runs `body` and returns the elapsed seconds.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        let elapsed = try clock.measure(body)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// Runs an async `body` and returns the elapsed seconds.
    static func seconds(_ body: () async throws -> Void) async rethrows -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try await body()
        let elapsed = clock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
