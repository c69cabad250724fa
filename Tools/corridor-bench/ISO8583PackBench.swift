#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CorridorISO8583
import Foundation

/// Measures `pack_unpack_per_s` (issue 4 §5): a typical 0100 authorization request packed to wire bytes and
/// unpacked back to an ``IsoMessage`` in Corridor's default dialect (ISO 8583:1987 ASCII), one core, against the
/// same work done by pyiso8583 (`Tools/pyiso8583-timing.py`) in the same run.
///
/// Before timing, the bench checks that pyiso8583 writes the same bytes as Corridor from the same spec file
/// (`Samples/iso8583/corridor-ascii-1987.json`), so the two figures measure the same work. Both sides are timed
/// on their thread's CPU clock, best of several rounds, as PNGBench.swift explains: on this shared 2-core
/// machine, wall-clock rounds measure other people's builds too.
enum ISO8583PackBench {
    /// Fields 2, 3, 4, 7, 11, 12, 13, 14, 18, 22, 32, 37, 41, 42, 43, 49: what an acquirer sends for a card sale.
    static let fields: [Int: String] = [
        2: "4111111111111111", 3: "000000", 4: "000000012500", 7: "1123201500", 11: "000123",
        12: "201500", 13: "1123", 14: "2812", 18: "5411", 22: "051", 32: "123456", 37: "532720000123",
        41: "TERM0001", 42: "MERCHANT0000001", 43: "ACME STORE                    MOSCOW  RU", 49: "643",
    ]
    static let mti = "0100"
    static let spec = MessageSpec.ascii1987

    static func run(_ options: BenchOptions) throws {
        let message = IsoMessage(mti: mti, text: fields)
        let bytes = try spec.pack(message)
        let (decoded, consumed) = try spec.unpack(bytes)
        guard decoded == message, consumed == bytes.count else {
            throw BenchFailure("unpack of pack is not the same message")
        }
        let loaded = try MessageSpec(pyiso8583JSON: Array(Data(contentsOf: specFile)), name: spec.name)
        guard loaded == spec else { throw BenchFailure("\(specFile.path) does not describe \(spec.name)") }

        let iterations = options.quick ? 20_000 : 200_000
        let rounds = options.quick ? 2 : 10
        var checksum = 0
        for _ in 0..<(iterations / 10) { checksum &+= try roundTrip(message) }
        var best = 0.0
        for _ in 0..<rounds {
            let seconds = try ThreadCPUClock.seconds {
                for _ in 0..<iterations { checksum &+= try roundTrip(message) }
            }
            best = max(best, Double(iterations) / seconds)
        }
        precondition(checksum > 0, "the loop did no work")

        let peer = try pyiso8583Rate(message: message, bytes: bytes, quick: options.quick)
        var note = "0100 with \(fields.count) fields, \(bytes.count) B, \(spec.name), thread CPU time, "
            + "best of \(rounds)×\(iterations)"
        if let peer {
            note += "; pyiso8583 \(peer.version) best of \(peer.rounds)×\(peer.iterations); "
                + "ratio \(((best / peer.rate) * 10).rounded() / 10)×"
        } else {
            FileHandleOutput.standardError("warning: python3 with pyiso8583 not found; no peer figure\n")
        }
        MetricLine(
            suite: "iso8583", metric: "pack_unpack_per_s", value: rounded(best), unit: "1/s",
            peer: peer == nil ? nil : "pyiso8583", peerValue: peer.map { rounded($0.rate) }, note: note
        ).emit()
    }

    /// Packs and unpacks once; returns the wire length so the work cannot be optimized away.
    @inline(never)
    static func roundTrip(_ message: IsoMessage) throws -> Int {
        let bytes = try spec.pack(message)
        let (decoded, consumed) = try spec.unpack(bytes)
        precondition(decoded.mti == message.mti)
        return consumed
    }

    /// pyiso8583's rate on the same message, or nil when python3 or pyiso8583 is missing.
    static func pyiso8583Rate(message: IsoMessage, bytes: [UInt8], quick: Bool) throws
        -> (rate: Double, iterations: Int, rounds: Int, version: String)?
    {
        var document = ["t": message.mti]
        for (number, text) in fields { document[String(number)] = text }
        let json = String(decoding: try JSONEncoder().encode(document), as: UTF8.self)
        let hex = bytes.map { String(format: "%02X", $0) }.joined()
        let iterations = quick ? 1_000 : 5_000
        let rounds = quick ? 2 : 5

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", scriptFile.path, "--spec", specFile.path, "--message", json, "--expect-hex", hex,
            "--iterations", String(iterations), "--rounds", String(rounds),
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        switch process.terminationStatus {
        case 0: break
        case 3, 127: return nil
        case 4: throw BenchFailure("pyiso8583 packs the message differently from Corridor")
        default: throw BenchFailure("pyiso8583-timing.py exited with \(process.terminationStatus)")
        }
        struct Report: Decodable {
            let pack_unpack_per_s: Double
            let pyiso8583: String
        }
        let report = try JSONDecoder().decode(Report.self, from: data)
        return (report.pack_unpack_per_s, iterations, rounds, report.pyiso8583)
    }

    /// The repository root, found from this file's path (Tools/corridor-bench/ISO8583PackBench.swift).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let scriptFile = repositoryRoot.appendingPathComponent("Tools/pyiso8583-timing.py")
    static let specFile = repositoryRoot.appendingPathComponent("Samples/iso8583/\(spec.name).json")

    private static func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }

    /// A bench precondition that failed: the figures would not mean what they say.
    struct BenchFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
