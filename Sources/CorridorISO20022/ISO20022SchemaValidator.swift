import Foundation

/// Validates a message against the official ISO 20022 XSDs shipped with this module, with the real
/// `xmllint --noout --schema` (libxml2-utils): the same check the tests and `corridor iso20022 validate` make.
public enum ISO20022SchemaValidator {
    /// Why a validation could not be run (a document that fails the schema is a result, not an error).
    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// `xmllint` is not on PATH.
        case xmllintMissing
        /// No shipped schema for this message definition.
        case schemaUnknown(String)
        /// The document's root names no message definition Corridor knows.
        case definitionUndetected

        public var description: String {
            switch self {
            case .xmllintMissing: "xmllint is not installed (apt-get install libxml2-utils)"
            case .schemaUnknown(let definition): "no schema for \(definition); known: \(ISO20022SchemaValidator.definitions.joined(separator: ", "))"
            case .definitionUndetected: "the document's namespace names no ISO 20022 message Corridor has a schema for"
            }
        }
    }

    /// The outcome of one validation.
    public struct Result: Sendable, Hashable {
        /// The message definition validated against, e.g. `pacs.008.001.08`.
        public let definition: String
        /// Whether the document is valid.
        public let isValid: Bool
        /// xmllint's messages.
        public let output: String
    }

    /// The folder of shipped XSDs.
    public static let schemaDirectory: URL = Bundle.module.url(forResource: "Schemas", withExtension: nil)!

    /// The message definitions with a shipped schema.
    public static let definitions: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: schemaDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".xsd") }.map { String($0.dropLast(4)) }.sorted()
    }()

    /// The `xmllint` executable on PATH, if any.
    public static let xmllintPath: String? = {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return directories.map { "\($0)/xmllint" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// The message definition a document declares in its namespace (`urn:iso:std:iso:20022:tech:xsd:<id>`).
    public static func detectDefinition(in xml: String) -> String? {
        let marker = "urn:iso:std:iso:20022:tech:xsd:"
        guard let start = xml.range(of: marker) else { return nil }
        let rest = xml[start.upperBound...]
        let id = rest.prefix { $0 != "\"" && $0 != "'" }
        return id.isEmpty ? nil : String(id)
    }

    /// Validates a file; the definition is detected from its namespace unless given.
    public static func validate(file path: String, definition: String? = nil) throws(Failure) -> Result {
        let chosen: String
        if let definition {
            chosen = definition
        } else {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8), let detected = detectDefinition(in: text)
            else { throw .definitionUndetected }
            chosen = detected
        }
        guard definitions.contains(chosen) else { throw .schemaUnknown(chosen) }
        guard let tool = xmllintPath else { throw .xmllintMissing }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["--noout", "--schema", schemaDirectory.appendingPathComponent(chosen + ".xsd").path, path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { throw .xmllintMissing }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Result(definition: chosen, isValid: process.terminationStatus == 0, output: output)
    }

    /// Validates a document held in memory (written to a temporary file for xmllint).
    public static func validate(_ xml: String, definition: String? = nil) throws(Failure) -> Result {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-iso20022-\(UUID().uuidString).xml")
        guard (try? Data(xml.utf8).write(to: file)) != nil else { throw .definitionUndetected }
        defer { try? FileManager.default.removeItem(at: file) }
        return try validate(file: file.path, definition: definition ?? detectDefinition(in: xml))
    }
}
