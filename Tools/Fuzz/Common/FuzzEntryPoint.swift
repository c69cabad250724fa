// Compiled into every fuzz target (Tools/fuzz.sh): the libFuzzer entry points around the target's own
// `FuzzTarget.test(_:)` and `FuzzTarget.seeds()`.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Called by libFuzzer once per input. Every input must return; a broken rule traps through ``fuzzFailure(_:input:)``
/// and libFuzzer keeps the input as a crash artifact.
@_cdecl("LLVMFuzzerTestOneInput")
public func corridorFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    FuzzTarget.test(input)
    return 0
}

/// Called by libFuzzer before the first input. With `CORRIDOR_FUZZ_SEEDS_OUT=DIR` in the environment the target
/// writes the payloads the library itself makes (`FuzzTarget.seeds()`) into DIR and exits, so that `Tools/fuzz.sh`
/// can seed the corpus from the encoders without a second program.
@_cdecl("LLVMFuzzerInitialize")
public func corridorFuzzInitialize(
    _ argc: UnsafeMutablePointer<CInt>?,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?
) -> CInt {
    guard let directory = getenv("CORRIDOR_FUZZ_SEEDS_OUT").map({ String(cString: $0) }) else { return 0 }
    let seeds = FuzzTarget.seeds()
    for (index, seed) in seeds.enumerated() {
        let path = directory + "/generated-\(index)"
        guard let file = fopen(path, "wb") else { fatalError("cannot write \(path)") }
        _ = seed.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
    }
    print("wrote \(seeds.count) generated seeds to \(directory)")
    exit(0)
}

/// Stops the run because a rule of the parser under test broke; the message names the rule and shows the input.
/// - Parameters:
///   - rule: the rule that broke, as a sentence ("decode → encode → decode changed the value").
///   - input: the fuzzer's input.
///   - detail: what was seen (values, errors).
func fuzzFailure(_ rule: String, input: [UInt8], detail: String = "") -> Never {
    let seen = detail.isEmpty ? "" : ": \(detail)"
    fatalError("\(rule)\(seen)\ninput (\(input.count) bytes): \(FuzzInputText.describe(input))")
}

/// Shows bytes as a Swift-like string literal (printable ASCII as is, the rest escaped), shortened past a limit.
enum FuzzInputText {
    /// The longest input shown in full.
    static let byteCountShownMax = 600

    static func describe(_ bytes: [UInt8]) -> String {
        var text = "\""
        for byte in bytes.prefix(byteCountShownMax) {
            switch byte {
            case 0x5C: text += "\\\\"
            case 0x22: text += "\\\""
            case 0x0A: text += "\\n"
            case 0x20...0x7E: text.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF")
                text += "\\x" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0x0F)])
            }
        }
        text += bytes.count > byteCountShownMax ? "\"… (\(bytes.count - byteCountShownMax) more bytes)" : "\""
        return text
    }
}
