import Foundation

/// Measures this disk's flush time the way a commit pays it: write 4 KiB, then `fsync`.
enum FlushTimer {
    static func medianMs(in directory: URL, samples: Int) throws -> Double {
        let url = directory.appendingPathComponent("corridor-fsync-probe-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        let page = Data(repeating: 0x5A, count: 4096)
        let clock = ContinuousClock()
        var timesMs: [Double] = []
        for _ in 0..<samples {
            let start = clock.now
            try handle.write(contentsOf: page)
            try handle.synchronize()
            let elapsed = clock.now - start
            timesMs.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
        }
        timesMs.sort()
        return (timesMs[timesMs.count / 2] * 1000).rounded() / 1000
    }
}
