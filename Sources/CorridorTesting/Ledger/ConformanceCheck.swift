/// A failed check inside a conformance case: what was expected, what the backend did, and where.
///
/// The test target turns it into a test issue at ``fileID``:``line``; its `description` never holds card data.
public struct ConformanceFailure: Error, Sendable, CustomStringConvertible {
    /// What went wrong, with the expected and the actual value.
    public let message: String
    /// The `#fileID` of the failing check.
    public let fileID: String
    /// The `#filePath` of the failing check.
    public let filePath: String
    /// The line of the failing check.
    public let line: Int
    /// The column of the failing check.
    public let column: Int

    /// Creates a failure.
    public init(message: String, fileID: String, filePath: String, line: Int, column: Int) {
        self.message = message
        self.fileID = fileID
        self.filePath = filePath
        self.line = line
        self.column = column
    }

    public var description: String { "\(fileID):\(line): \(message)" }
}

/// The checks conformance cases use. CorridorTesting is linked by the benchmark too, so it cannot import Swift
/// Testing: a failed check throws a ``ConformanceFailure`` that the test target records as an issue.
public enum ConformanceCheck {
    /// Fails unless `condition` holds.
    /// - Parameters:
    ///   - condition: the rule being checked.
    ///   - message: what went wrong (evaluated only on failure); say what was expected and what happened.
    /// - Throws: ``ConformanceFailure`` when `condition` is false.
    public static func expect(
        _ condition: Bool, _ message: @autoclosure () -> String,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) throws(ConformanceFailure) {
        guard !condition else { return }
        throw ConformanceFailure(message: message(), fileID: fileID, filePath: filePath, line: line, column: column)
    }

    /// Fails unless `actual == expected`, showing both.
    /// - Parameters:
    ///   - actual: what the backend returned.
    ///   - expected: what the case computed on its own.
    ///   - what: names the value ("outcomes", "merchant credits posted").
    /// - Throws: ``ConformanceFailure`` when they differ.
    public static func expectEqual<Value: Equatable>(
        _ actual: Value, _ expected: Value, _ what: @autoclosure () -> String,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) throws(ConformanceFailure) {
        guard actual != expected else { return }
        throw ConformanceFailure(
            message: "\(what()): expected \(expected), got \(actual)",
            fileID: fileID, filePath: filePath, line: line, column: column
        )
    }

    /// Returns the value, or fails when it is nil.
    /// - Parameters:
    ///   - value: what the backend returned.
    ///   - what: names the value.
    /// - Throws: ``ConformanceFailure`` when `value` is nil.
    public static func require<Value>(
        _ value: Value?, _ what: @autoclosure () -> String,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) throws(ConformanceFailure) -> Value {
        guard let value else {
            throw ConformanceFailure(
                message: "\(what()): expected a value, got nil", fileID: fileID, filePath: filePath, line: line,
                column: column
            )
        }
        return value
    }

    /// Fails unconditionally.
    /// - Throws: ``ConformanceFailure`` always.
    public static func fail(
        _ message: String,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) throws(ConformanceFailure) -> Never {
        throw ConformanceFailure(message: message, fileID: fileID, filePath: filePath, line: line, column: column)
    }
}
