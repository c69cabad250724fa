import Foundation

/// The independent peer: pyiso8583 (a Python ISO 8583 library we did not write) run as a subprocess.
///
/// The Python source lives here as a string because SwiftPM warns about any non-Swift file in a test target
/// that Package.swift does not list; it is written to a temporary file on first use.
enum PyISO8583Peer {
    static let script = #"""
#!/usr/bin/env python3
"""Independent peer for CorridorISO8583Tests: pyiso8583 decodes or encodes with a pyiso8583 JSON spec.

decode SPEC HEX   -> prints pyiso8583's decoded document as JSON
encode SPEC JSON  -> prints the encoded message as uppercase hex
check             -> exits 0 when pyiso8583 is importable
"""
import json
import sys

try:
    import iso8583
except ImportError:
    sys.exit(3)


def main() -> None:
    if sys.argv[1] == "check":
        return
    with open(sys.argv[2]) as handle:
        spec = json.load(handle)
    if sys.argv[1] == "decode":
        decoded, _ = iso8583.decode(bytearray(bytes.fromhex(sys.argv[3])), spec)
        print(json.dumps(decoded, sort_keys=True))
    elif sys.argv[1] == "encode":
        encoded, _ = iso8583.encode(json.loads(sys.argv[3]), spec)
        print(bytes(encoded).hex().upper())
    else:
        sys.exit(2)


main()
"""#

    /// Repository root, found from this file's path.
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Path of a spec file Corridor ships in `Samples/iso8583/`.
    static func specPath(_ name: String) -> String {
        repositoryRoot.appendingPathComponent("Samples/iso8583/\(name).json").path
    }

    static let scriptPath: String = {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("corridor-pyiso8583-peer-\(ProcessInfo.processInfo.processIdentifier).py").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(script.utf8))
        return path
    }()

    /// Whether `python3` with pyiso8583 can be run here.
    static let isAvailable: Bool = (try? run(["check"]))?.status == 0

    /// Whether the environment is CI, where a missing peer is a failure rather than a skip.
    static let isCI = ProcessInfo.processInfo.environment["CI"] != nil

    /// Runs the peer script with arguments; returns its exit status and standard output.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", scriptPath] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// pyiso8583's decoding of the bytes, as field key → string.
    static func decode(_ bytes: [UInt8], specPath: String) throws -> [String: String] {
        let hex = bytes.map { String(format: "%02X", $0) }.joined()
        let result = try run(["decode", specPath, hex])
        guard result.status == 0 else { throw PeerFailure(status: result.status) }
        return try JSONDecoder().decode([String: String].self, from: Data(result.output.utf8))
    }

    /// pyiso8583's encoding of a decoded document (field key → string).
    static func encode(_ document: [String: String], specPath: String) throws -> [UInt8] {
        let json = String(decoding: try JSONEncoder().encode(document), as: UTF8.self)
        let result = try run(["encode", specPath, json])
        guard result.status == 0 else { throw PeerFailure(status: result.status) }
        var bytes: [UInt8] = []
        var characters = Array(result.output.trimmingCharacters(in: .whitespacesAndNewlines).utf8)[...]
        while characters.count >= 2 {
            bytes.append(UInt8(String(decoding: characters.prefix(2), as: UTF8.self), radix: 16) ?? 0)
            characters = characters.dropFirst(2)
        }
        return bytes
    }

    struct PeerFailure: Error { var status: Int32 }
}
