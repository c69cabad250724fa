import Foundation
import Testing

/// Runs the real `xmllint --noout --schema` on a document, against the official XSDs in the test bundle.
enum XMLLint {
    /// The `xmllint` executable on PATH, if any.
    static let path: String? = {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return directories.map { "\($0)/xmllint" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Tests that need xmllint run when it is installed, and always on CI, where a missing tool must fail.
    static let shouldRun = path != nil || ProcessInfo.processInfo.environment["CI"] != nil

    /// The folder of official XSDs copied into the test bundle.
    static let schemaDirectory: URL = Bundle.module.url(forResource: "XSD", withExtension: nil)!

    /// Validates `xml` against `<schemaDirectory>/<definition>.xsd`; returns xmllint's exit status and output.
    static func validate(_ xml: String, definition: String) throws -> (status: Int32, output: String) {
        let tool = try #require(path, "xmllint is not installed (apt-get install libxml2-utils)")
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("corridor-iso20022-\(UUID().uuidString).xml")
        try Data(xml.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try run(tool, schema: schemaDirectory.appendingPathComponent(definition + ".xsd").path, file: file.path)
    }

    /// Validates a file on disk.
    static func validate(file: String, definition: String) throws -> (status: Int32, output: String) {
        let tool = try #require(path, "xmllint is not installed (apt-get install libxml2-utils)")
        return try run(tool, schema: schemaDirectory.appendingPathComponent(definition + ".xsd").path, file: file)
    }

    private static func run(_ tool: String, schema: String, file: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["--noout", "--schema", schema, file]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    /// Expects the document to validate, showing xmllint's messages when it does not.
    static func expectValid(_ xml: String, definition: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let result = try validate(xml, definition: definition)
        #expect(result.status == 0, "xmllint: \(result.output)\n\(xml)", sourceLocation: sourceLocation)
    }
}
