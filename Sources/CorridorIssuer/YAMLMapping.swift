import Yams

/// A YAML mapping read key by key, with errors that name the line and the key, and unknown keys refused.
struct YAMLMapping {
    let node: Node
    let line: Int
    private let allowedKeys: Set<String>

    /// Wraps a mapping node; `allowed` lists every key the format defines.
    init(_ node: Node, key: String, allowed: Set<String>) throws(IssuerConfigurationError) {
        let line = (node.mark?.line ?? 0)
        guard let mapping = node.mapping else {
            throw .valueInvalid(line: line, key: key, reason: "expected a mapping")
        }
        for (keyNode, _) in mapping {
            let name = keyNode.string ?? ""
            if !allowed.contains(name) { throw .keyUnknown(line: keyNode.mark?.line ?? line, key: name) }
        }
        self.node = node
        self.line = line
        self.allowedKeys = allowed
    }

    func lineOf(_ key: String) -> Int { node[key]?.mark?.line ?? line }

    func optionalString(_ key: String) throws(IssuerConfigurationError) -> String? {
        guard let value = node[key] else { return nil }
        guard let scalar = value.scalar else {
            throw .valueInvalid(line: value.mark?.line ?? line, key: key, reason: "expected a text value")
        }
        return scalar.string
    }

    func string(_ key: String) throws(IssuerConfigurationError) -> String {
        guard let text = try optionalString(key) else { throw .keyMissing(line: line, key: key) }
        return text
    }

    func sequence(_ key: String) throws(IssuerConfigurationError) -> [Node] {
        guard let value = node[key] else { return [] }
        guard let sequence = value.sequence else {
            throw .valueInvalid(line: value.mark?.line ?? line, key: key, reason: "expected a list")
        }
        return Array(sequence)
    }
}

/// Parses YAML text into its root node, turning Yams errors into a typed error with a line.
func composeYAML(_ text: String) throws(IssuerConfigurationError) -> Node {
    do {
        guard let node = try Yams.compose(yaml: text) else { throw IssuerConfigurationError.yamlInvalid(line: 1, reason: "empty document") }
        return node
    } catch let error as IssuerConfigurationError {
        throw error
    } catch let error as YamlError {
        throw .yamlInvalid(line: yamlErrorLine(error), reason: "\(error)".split(separator: "\n").first.map(String.init) ?? "")
    } catch {
        throw .yamlInvalid(line: 0, reason: "\(error)")
    }
}

private func yamlErrorLine(_ error: YamlError) -> Int {
    switch error {
    case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
    default: 0
    }
}
