import ArgumentParser
import CorridorISO8583
import Foundation

extension ISO8583Command {
    /// `corridor iso8583 decode [--spec NAME|FILE] [--json] [--unmasked] (HEX | --ascii TEXT | -)`.
    ///
    /// Exit status 0 for a message that unpacks; 1 for one that does not (with `--json`: `{"valid": false,
    /// "error": {"code", "message", "field", "offset"}}`); 64 for bad options.
    struct Decode: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Unpack an ISO 8583 message and show its fields.",
            discussion: """
                Input: the message as hex (whitespace allowed), --ascii TEXT (the message's bytes as text), or - \
                (raw bytes from standard input). --json prints {"t": MTI, "p": primary bitmap hex, "2": …} with \
                binary fields as uppercase hex. The PAN is masked and track data hidden unless --unmasked. A \
                message that does not unpack exits 1, naming the field and the byte offset.
                """
        )

        /// The most bytes read from standard input.
        static let inputByteCountMax = 1 << 20

        @OptionGroup var specOption: ISO8583SpecOption

        @Flag(help: "Print one JSON object instead of one line per field.")
        var json = false

        @Flag(help: "Show the PAN, track data and PIN block in full.")
        var unmasked = false

        @Option(help: ArgumentHelp("The message's bytes given as text (e.g. an ASCII message).", valueName: "text"))
        var ascii: String?

        @Argument(help: "The message in hex, or - to read its raw bytes from standard input.")
        var hex: String?

        mutating func validate() throws {
            switch (hex, ascii) {
            case (nil, nil): throw ValidationError("give a HEX message, - for standard input, or --ascii TEXT")
            case (_?, _?): throw ValidationError("--ascii: give HEX, - or --ascii, not both")
            case (let hex?, nil) where hex != "-":
                guard HexText.bytes(hex) != nil else {
                    throw ValidationError("HEX: \"\(hex)\" is not an even number of hex digits")
                }
            default: break
            }
            _ = try specOption.resolve()
        }

        func run() async throws {
            let spec = try specOption.resolve()
            let bytes: [UInt8]
            if let ascii {
                bytes = Array(ascii.utf8)
            } else if hex == "-" {
                let data = FileHandle.standardInput.readDataToEndOfFile()
                guard data.count <= Self.inputByteCountMax else {
                    fail(code: "input_too_large", message: "standard input is over \(Self.inputByteCountMax) bytes")
                    throw ExitCode.failure
                }
                bytes = Array(data)
            } else {
                bytes = HexText.bytes(hex ?? "") ?? []
            }
            let message: IsoMessage
            do {
                let unpacked = try spec.unpack(bytes)
                message = unpacked.message
                if unpacked.bytesConsumed != bytes.count {
                    let extra = bytes.count - unpacked.bytesConsumed
                    fail(
                        code: "trailing_bytes",
                        message: "\(extra) byte(s) after the message end at offset \(unpacked.bytesConsumed)")
                    throw ExitCode.failure
                }
            } catch let error as ISO8583Error {
                if json {
                    Console.line(ISO8583Report.json(error).serialized)
                } else {
                    Console.error("invalid message: \(ISO8583Report.message(error)) [\(ISO8583Report.code(error))]")
                }
                throw ExitCode.failure
            }
            if json {
                Console.line(spec.describeJSON(message, unmasked: unmasked))
            } else if unmasked {
                Console.line(Self.describeUnmasked(message, spec: spec))
            } else {
                Console.line(spec.describe(message))
            }
        }

        /// Reports a failure that is not about a field, on standard output with `--json`, else standard error.
        private func fail(code: String, message: String) {
            if json {
                Console.line(ISO8583Report.json(code: code, message: message).serialized)
            } else {
                Console.error("error: \(message) [\(code)]")
            }
        }

        /// `describe` with sensitive fields in full: the spec's description with its sensitivity flags cleared.
        static func describeUnmasked(_ message: IsoMessage, spec: MessageSpec) -> String {
            var open = spec
            open.fields = spec.fields.mapValues { field in
                var field = field
                field.isSensitive = false
                return field
            }
            return open.describe(message)
        }
    }
}
