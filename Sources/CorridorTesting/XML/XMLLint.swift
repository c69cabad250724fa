import CorridorISO20022
import Foundation
import Testing

/// Runs the real `xmllint --noout --schema` on a document, against the official XSDs shipped in CorridorISO20022.
public enum XMLLint {
    /// Tests that need xmllint run when it is installed, and always on CI, where a missing tool must fail.
    public static let shouldRun = ISO20022SchemaValidator.xmllintPath != nil || ProcessInfo.processInfo.environment["CI"] != nil

    /// Validates `xml` against `<definition>.xsd`; returns xmllint's exit status (0 = valid) and output.
    public static func validate(_ xml: String, definition: String) throws -> (status: Int32, output: String) {
        let result = try ISO20022SchemaValidator.validate(xml, definition: definition)
        return (result.isValid ? 0 : 1, result.output)
    }

    /// Validates a file on disk.
    public static func validate(file: String, definition: String) throws -> (status: Int32, output: String) {
        let result = try ISO20022SchemaValidator.validate(file: file, definition: definition)
        return (result.isValid ? 0 : 1, result.output)
    }

    /// Expects the document to validate, showing xmllint's messages when it does not.
    public static func expectValid(
        _ xml: String, definition: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let result = try validate(xml, definition: definition)
        #expect(result.status == 0, "xmllint: \(result.output)\n\(xml)", sourceLocation: sourceLocation)
    }
}
