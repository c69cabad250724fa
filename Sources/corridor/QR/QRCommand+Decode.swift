import ArgumentParser
import CorridorMerchantQR
import Foundation

extension QRCommand {
    /// `corridor qr decode [--json] (PAYLOAD | --image FILE.png | -)`.
    ///
    /// Exit status 0 for a valid payload; 1 for an invalid one, an image without a QR code or a missing zbarimg
    /// (with `--json`: `{"valid": false, "error": {"code", "message", "tag"/"field", "offset"}}`); 64 for bad options.
    struct Decode: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Detect a payload's format (emv, sbp, gost), check it, and show its fields.",
            discussion: """
                --json prints one object: format, valid, objects (EMV tag path or SBP/GOST field name → value, \
                a template's own path holding its raw value), merchant {name, city, country}, mcc, currency, \
                amount where present. An invalid payload exits 1; with --json it prints {"valid": false, \
                "error": {code, message, tag or field, offset}}.
                """
        )

        /// The most bytes read from standard input.
        static let inputByteCountMax = 1 << 20

        @Flag(help: "Print one JSON object instead of a table.")
        var json = false

        @Option(help: ArgumentHelp("Decode the QR code in this image (PNG, with zbarimg).", valueName: "file"))
        var image: String?

        @Option(help: "strict: every EMV rule; structural: structure and CRC only (payloads in the wild).")
        var validation: DecodeValidation = .strict

        @Argument(help: "The payload, or - to read it from standard input.")
        var payload: String?

        mutating func validate() throws {
            switch (payload, image) {
            case (nil, nil): throw ValidationError("give a PAYLOAD, - for standard input, or --image FILE")
            case (_?, _?): throw ValidationError("--image: give a PAYLOAD or --image, not both")
            case (nil, let image?):
                guard FileManager.default.isReadableFile(atPath: image) else {
                    throw ValidationError("--image: \"\(image)\" is not a readable file")
                }
            case (_?, nil): break
            }
        }

        func run() async throws {
            let decoded: DecodedMerchantQR
            var input = ""
            do {
                let mode: MerchantQRDecoder.Validation = validation == .strict ? .strict : .structural
                if let image {
                    let bytes = try ZbarImage.decode(imageAt: image)
                    input = String(decoding: bytes, as: UTF8.self)
                    decoded = try MerchantQRDecoder.decode(bytes: bytes, validation: mode)
                } else if payload == "-" {
                    let bytes = try Console.readStandardInput(byteCountMax: Self.inputByteCountMax)
                    input = String(decoding: bytes, as: UTF8.self)
                    decoded = try MerchantQRDecoder.decode(bytes: bytes, validation: mode)
                } else {
                    input = payload ?? ""
                    decoded = try MerchantQRDecoder.decode(input, validation: mode)
                }
            } catch let error as MerchantQRError {
                let format = MerchantQRFormat.detect(input.trimmingSpaces)
                if json {
                    Console.line(error.jsonReport(format: format).serialized)
                } else {
                    Console.error("invalid \(format?.rawValue ?? "payload"): \(error.description) [\(error.code)]")
                }
                throw ExitCode.failure
            } catch let failure as QRCommandFailure {
                if json {
                    Console.line(failure.jsonReport.serialized)
                } else {
                    Console.error("error: \(failure.message)")
                }
                throw ExitCode.failure
            }
            if json {
                Console.line(decoded.jsonReport.serialized)
            } else {
                for line in decoded.tableLines { Console.line(line) }
            }
        }
    }
}

/// How strictly `qr decode` checks an EMV payload.
enum DecodeValidation: String, CaseIterable, Sendable, ExpressibleByArgument {
    case strict
    case structural
}
