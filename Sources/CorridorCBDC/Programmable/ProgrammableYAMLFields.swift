import Yams

/// A YAML (or JSON) mapping of the rule language read key by key: every key must be one the language defines, and
/// every error names the key by its path in the document and its line.
struct ProgrammableYAMLFields {
    let node: Node
    let path: String
    let line: Int

    /// Wraps a mapping node at `path`; `allowed` lists every key the language defines there.
    init(_ node: Node, path: String, allowed: Set<String>) throws(ProgrammableRuleError) {
        line = node.mark?.line ?? 0
        guard let mapping = node.mapping else {
            throw .valueInvalid(key: path, line: line, reason: "expected a mapping")
        }
        for (keyNode, _) in mapping {
            let name = keyNode.string ?? ""
            if !allowed.contains(name) {
                throw .keyUnknown(key: Self.join(path, name), line: keyNode.mark?.line ?? line)
            }
        }
        self.node = node
        self.path = path
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// The full path of a key of this mapping.
    func key(_ name: String) -> String { Self.join(path, name) }

    /// The line of a key's value (the mapping's line when absent).
    func line(of name: String) -> Int { node[name]?.mark?.line ?? line }

    /// A text value, nil when the key is absent.
    func optionalText(_ name: String) throws(ProgrammableRuleError) -> String? {
        guard let value = node[name] else { return nil }
        guard let scalar = value.scalar else {
            throw .valueInvalid(key: key(name), line: value.mark?.line ?? line, reason: "expected a text value")
        }
        return scalar.string
    }

    /// A text value the language requires.
    func text(_ name: String) throws(ProgrammableRuleError) -> String {
        guard let text = try optionalText(name) else { throw .keyMissing(key: key(name), line: line) }
        return text
    }

    /// A list, nil when the key is absent.
    func optionalList(_ name: String) throws(ProgrammableRuleError) -> [Node]? {
        guard let value = node[name] else { return nil }
        guard let sequence = value.sequence else {
            throw .valueInvalid(key: key(name), line: value.mark?.line ?? line, reason: "expected a list")
        }
        return Array(sequence)
    }

    /// A nested mapping the language requires.
    func mapping(_ name: String, allowed: Set<String>) throws(ProgrammableRuleError) -> ProgrammableYAMLFields {
        guard let value = node[name] else { throw .keyMissing(key: key(name), line: line) }
        return try ProgrammableYAMLFields(value, path: key(name), allowed: allowed)
    }

    /// Throws ``ProgrammableRuleError/valueInvalid(key:line:reason:)`` for a key of this mapping.
    func invalid(_ name: String, _ reason: String) -> ProgrammableRuleError {
        .valueInvalid(key: key(name), line: line(of: name), reason: reason)
    }

    /// Parses YAML (or JSON, which YAML reads too) into its root node.
    static func compose(_ text: String) throws(ProgrammableRuleError) -> Node {
        let parsed: Node?
        do {
            parsed = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            let line = switch error {
            case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
            default: 0
            }
            throw .yamlInvalid(line: line, reason: "\(error)".split(separator: "\n").first.map(String.init) ?? "")
        } catch {
            throw .yamlInvalid(line: 0, reason: "\(error)")
        }
        guard let parsed else { throw .yamlInvalid(line: 1, reason: "empty document") }
        return parsed
    }
}
