import ArgumentParser
import CorridorCore
import CorridorISO8583
import Foundation

extension ISO8583Command {
    /// `corridor iso8583 encode [--spec NAME|FILE] --json FILE [--raw]`.
    ///
    /// Reads the JSON object `decode --json --unmasked` prints and packs it. Exit status 0 on success; 1 for an
    /// unreadable file, JSON of the wrong shape, or a message that does not pack; 64 for bad options.
    struct Encode: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pack an ISO 8583 message from JSON and print it as hex.",
            discussion: """
                The JSON is the shape decode --json prints: "t" the MTI, "2"…"128" field values as strings, \
                binary fields as hex; "p" and "1" (the bitmaps) are ignored and derived from the fields. Prints \
                the packed message as uppercase hex, or its raw bytes with --raw.
                """
        )

        /// The most bytes read from the JSON file or standard input.
        static let inputByteCountMax = 1 << 20

        @OptionGroup var specOption: ISO8583SpecOption

        @Option(help: ArgumentHelp("The message as JSON, or - to read it from standard input.", valueName: "file"))
        var json: String

        @Flag(help: "Write the packed bytes to standard output instead of hex.")
        var raw = false

        mutating func validate() throws {
            if json != "-", !FileManager.default.isReadableFile(atPath: json) {
                throw ValidationError("--json: \"\(json)\" is not a readable file")
            }
            _ = try specOption.resolve()
        }

        func run() async throws {
            let spec = try specOption.resolve()
            let message: IsoMessage
            do {
                message = try Self.message(fromJSON: try readInput(), spec: spec)
            } catch let failure as QRCommandFailure {
                Console.error("error: \(failure.message) [\(failure.code)]")
                throw ExitCode.failure
            }
            let bytes: [UInt8]
            do {
                bytes = try spec.pack(message)
            } catch {
                Console.error("cannot encode: \(ISO8583Report.message(error)) [\(ISO8583Report.code(error))]")
                throw ExitCode.failure
            }
            if raw {
                Console.write(bytes: bytes)
            } else {
                Console.line(Hexadecimal.uppercase(bytes))
            }
        }

        private func readInput() throws -> [UInt8] {
            if json == "-" {
                return try Console.readStandardInput(byteCountMax: Self.inputByteCountMax)
            }
            guard let data = FileManager.default.contents(atPath: json) else {
                throw QRCommandFailure(code: "unreadable_file", message: "cannot read \"\(json)\"")
            }
            guard data.count <= Self.inputByteCountMax else {
                throw QRCommandFailure(code: "input_too_large", message: "\"\(json)\" is over \(Self.inputByteCountMax) bytes")
            }
            return Array(data)
        }

        /// The message a decode-shaped JSON object describes.
        /// - Throws: ``QRCommandFailure`` for JSON of the wrong shape.
        static func message(fromJSON bytes: [UInt8], spec: MessageSpec) throws -> IsoMessage {
            if let duplicate = JSONDuplicateKeys.first(in: bytes) {
                throw QRCommandFailure(code: "json_invalid", message: "\(duplicate)")
            }
            let object: [String: Any]
            do {
                guard let parsed = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
                    throw QRCommandFailure(code: "json_invalid", message: "the JSON is not an object")
                }
                object = parsed
            } catch let failure as QRCommandFailure {
                throw failure
            } catch {
                throw QRCommandFailure(code: "json_invalid", message: "the input is not valid JSON")
            }
            guard let mti = object["t"] as? String else {
                throw QRCommandFailure(code: "json_invalid", message: "\"t\" (the MTI) is missing or not a string")
            }
            var fields: [Int: [UInt8]] = [:]
            for (key, value) in object where key != "t" && key != "p" && key != "1" {
                guard let number = Int(key), (2...MessageSpec.fieldNumberMax).contains(number) else {
                    throw QRCommandFailure(
                        code: "json_invalid", message: "\"\(key)\" is not \"t\", \"p\" or a field number 1...128")
                }
                guard let text = value as? String else {
                    throw QRCommandFailure(code: "json_invalid", message: "field \(number): the value is not a string")
                }
                if spec.fields[number]?.kind == .b {
                    guard let raw = HexText.bytes(text) else {
                        throw QRCommandFailure(
                            code: "json_invalid", message: "field \(number): a binary field's value must be hex")
                    }
                    fields[number] = raw
                } else {
                    fields[number] = Array(text.utf8)
                }
            }
            return IsoMessage(mti: mti, fields: fields)
        }
    }
}
