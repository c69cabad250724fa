import CorridorCore
import Yams

/// A YAML mapping being read at a key path: every accessor names the line and key when the value is wrong, and
/// ``rejectUnknownKeys(_:)`` refuses keys the schema does not know.
struct ScenarioNode {
    let mapping: Node.Mapping
    /// The key path of the mapping, e.g. `steps[3].card`.
    let path: String
    /// The mapping's line.
    let line: Int?

    /// Wraps `node`, which must be a mapping; the file's root has the empty path and is named `(file)` in errors.
    init(_ node: Node, path: String) throws(ScenarioError) {
        guard let mapping = node.mapping else {
            throw ScenarioError(line: node.mark?.line, key: path.isEmpty ? "(file)" : path, "expected a mapping")
        }
        self.mapping = mapping
        self.path = path
        self.line = node.mark?.line
    }

    /// The path of a key inside this mapping.
    func keyPath(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// The line of `key`'s value, or of the mapping when absent.
    func line(of key: String) -> Int? { mapping[key]?.mark?.line ?? line }

    /// Throws for the first key not in `known`, naming its line.
    func rejectUnknownKeys(_ known: Set<String>) throws(ScenarioError) {
        for (key, _) in mapping {
            let name = key.string ?? "?"
            guard known.contains(name) else {
                // An empty or null key (`? ` alone, `"": 1`) is named as the empty string it is.
                throw ScenarioError(
                    line: key.mark?.line, key: keyPath(name.isEmpty ? "\"\"" : name),
                    "unknown key; expected one of " + known.sorted().joined(separator: ", "))
            }
        }
    }

    /// The value of `key`, if present.
    func node(_ key: String) -> Node? { mapping[key] }

    /// A scalar text value, nil when absent.
    func optionalString(_ key: String) throws(ScenarioError) -> String? {
        guard let node = mapping[key] else { return nil }
        guard case .scalar(let scalar) = node else {
            throw ScenarioError(line: node.mark?.line, key: keyPath(key), "expected a text value")
        }
        return scalar.string
    }

    /// A scalar text value that must be present and not empty.
    func string(_ key: String) throws(ScenarioError) -> String {
        guard let text = try optionalString(key) else { throw ScenarioError(line: line, key: keyPath(key), "required") }
        guard !text.isEmpty else { throw ScenarioError(line: line(of: key), key: keyPath(key), "must not be empty") }
        return text
    }

    /// A boolean, `default` when absent.
    func bool(_ key: String, default value: Bool) throws(ScenarioError) -> Bool {
        guard let node = mapping[key] else { return value }
        guard case .scalar = node, let flag = node.bool else {
            throw ScenarioError(line: node.mark?.line, key: keyPath(key), "expected true or false")
        }
        return flag
    }

    /// A whole number in `range`, nil when absent.
    func optionalInt(_ key: String, in range: ClosedRange<Int>) throws(ScenarioError) -> Int? {
        guard let node = mapping[key] else { return nil }
        guard case .scalar(let scalar) = node, let value = Int(scalar.string), range.contains(value) else {
            throw ScenarioError(
                line: node.mark?.line, key: keyPath(key),
                "expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// An amount with its currency, nil when absent.
    func optionalMoney(_ key: String) throws(ScenarioError) -> Money? {
        guard let text = try optionalString(key) else { return nil }
        return try ScenarioAmount.parse(text, line: line(of: key), key: keyPath(key))
    }

    /// An amount with its currency that must be present.
    func money(_ key: String) throws(ScenarioError) -> Money {
        guard let money = try optionalMoney(key) else { throw ScenarioError(line: line, key: keyPath(key), "required") }
        return money
    }
}
