/// Why a scenario file cannot run: always naming where in the file (line, key path) and what was expected.
public struct ScenarioError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line in the scenario file, when known.
    public let line: Int?
    /// The key path, e.g. `steps[3].amount`.
    public let key: String
    /// What is wrong.
    public let problem: String

    /// An error at a key.
    public init(line: Int?, key: String, _ problem: String) {
        self.line = line
        self.key = key
        self.problem = problem
    }

    public var description: String {
        (line.map { "line \($0): " } ?? "") + "`\(key)`: \(problem)"
    }
}
