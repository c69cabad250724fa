import ArgumentParser
import CorridorISO8583
import Foundation

/// `--spec NAME|FILE`, shared by `iso8583 decode` and `encode`: a built-in dialect name or a pyiso8583 JSON file.
struct ISO8583SpecOption: ParsableArguments {
    /// The built-in dialects by the names the CLI accepts.
    static let builtIns: [(name: String, spec: MessageSpec)] = [
        ("ascii1987", .ascii1987), ("binary1987", .binaryBitmap1987), ("ebcdic1987", .ebcdic1987),
        ("bcd1987", .bcd1987),
    ]

    /// The largest spec file read.
    static let fileByteCountMax = 1 << 20

    @Option(
        help: ArgumentHelp(
            "ascii1987, binary1987, ebcdic1987, bcd1987, or a pyiso8583 JSON spec file.", valueName: "name|file"))
    var spec: String = "ascii1987"

    /// The spec the option names.
    /// - Throws: `ValidationError` for an unknown name, an unreadable file or a file that is not a valid spec.
    func resolve() throws -> MessageSpec {
        if let builtIn = Self.builtIns.first(where: { $0.name == spec }) { return builtIn.spec }
        guard FileManager.default.isReadableFile(atPath: spec) else {
            let names = Self.builtIns.map(\.name).joined(separator: ", ")
            throw ValidationError("--spec: \"\(spec)\" is neither a spec name (\(names)) nor a readable file")
        }
        guard let data = FileManager.default.contents(atPath: spec), data.count <= Self.fileByteCountMax else {
            throw ValidationError("--spec: cannot read \"\(spec)\" (or it is over \(Self.fileByteCountMax) bytes)")
        }
        let name = URL(fileURLWithPath: spec).deletingPathExtension().lastPathComponent
        do {
            return try MessageSpec(pyiso8583JSON: Array(data), name: name)
        } catch {
            let key = if case .specInvalid(let key) = error, !key.isEmpty { " (entry \"\(key)\")" } else { "" }
            throw ValidationError("--spec: \"\(spec)\" is not a valid pyiso8583 spec file\(key)")
        }
    }
}
