import CorridorCore
import Yams

/// A YAML mapping read key by key for the gateway's files, with errors that name the line and the key, and unknown
/// keys refused.
struct GatewayYAML {
    let node: Node
    let line: Int

    /// Wraps a mapping node; `allowed` lists every key the format defines.
    init(_ node: Node, key: String, allowed: Set<String>) throws(GatewayConfigurationError) {
        let line = node.mark?.line ?? 0
        guard let mapping = node.mapping else { throw .valueInvalid(line: line, key: key, reason: "expected a mapping") }
        for (keyNode, _) in mapping {
            let name = keyNode.string ?? ""
            if !allowed.contains(name) { throw .keyUnknown(line: keyNode.mark?.line ?? line, key: name) }
        }
        self.node = node
        self.line = line
    }

    /// Parses a document's root mapping.
    static func root(_ text: String, allowed: Set<String>) throws(GatewayConfigurationError) -> GatewayYAML {
        let node: Node
        do {
            guard let composed = try Yams.compose(yaml: text) else {
                throw GatewayConfigurationError.syntaxInvalid(line: 1, reason: "empty document")
            }
            node = composed
        } catch let error as GatewayConfigurationError {
            throw error
        } catch let error as YamlError {
            let line: Int = switch error {
            case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
            default: 0
            }
            throw .syntaxInvalid(line: line, reason: "not valid YAML: " + ("\(error)".split(separator: "\n").first.map(String.init) ?? ""))
        } catch {
            throw .syntaxInvalid(line: 0, reason: "\(error)")
        }
        return try GatewayYAML(node, key: "(file)", allowed: allowed)
    }

    func lineOf(_ key: String) -> Int { node[key]?.mark?.line ?? line }

    func optionalString(_ key: String) throws(GatewayConfigurationError) -> String? {
        guard let value = node[key] else { return nil }
        guard let scalar = value.scalar else {
            throw .valueInvalid(line: value.mark?.line ?? line, key: key, reason: "expected a text value")
        }
        return scalar.string
    }

    func string(_ key: String) throws(GatewayConfigurationError) -> String {
        guard let text = try optionalString(key) else { throw .keyMissing(line: line, key: key) }
        guard !text.isEmpty else { throw .valueInvalid(line: lineOf(key), key: key, reason: "must not be empty") }
        return text
    }

    func sequence(_ key: String) throws(GatewayConfigurationError) -> [Node] {
        guard let value = node[key] else { return [] }
        guard let sequence = value.sequence else {
            throw .valueInvalid(line: value.mark?.line ?? line, key: key, reason: "expected a list")
        }
        return Array(sequence)
    }

    func strings(_ key: String) throws(GatewayConfigurationError) -> [String] {
        var result: [String] = []
        for item in try sequence(key) {
            guard let text = item.scalar?.string else {
                throw .valueInvalid(line: item.mark?.line ?? line, key: key, reason: "expected a list of text values")
            }
            result.append(text)
        }
        return result
    }

    func mapping(_ key: String) throws(GatewayConfigurationError) -> [(key: String, value: String, line: Int)] {
        guard let value = node[key] else { return [] }
        guard let mapping = value.mapping else {
            throw .valueInvalid(line: value.mark?.line ?? line, key: key, reason: "expected a mapping")
        }
        var result: [(key: String, value: String, line: Int)] = []
        for (k, v) in mapping {
            guard let name = k.string, let text = v.scalar?.string else {
                throw .valueInvalid(line: k.mark?.line ?? line, key: key, reason: "expected text keys and values")
            }
            result.append((name, text, k.mark?.line ?? line))
        }
        return result
    }

    func integer(_ key: String, in range: ClosedRange<Int>, default defaultValue: Int? = nil) throws(GatewayConfigurationError) -> Int {
        guard let text = try optionalString(key) else {
            if let defaultValue { return defaultValue }
            throw .keyMissing(line: line, key: key)
        }
        guard let value = Int(text), range.contains(value) else {
            throw .valueInvalid(line: lineOf(key), key: key, reason: "expected a whole number in \(range.lowerBound)…\(range.upperBound)")
        }
        return value
    }

    func currency(_ key: String) throws(GatewayConfigurationError) -> Currency {
        try Self.currency(try string(key), line: lineOf(key), key: key)
    }

    static func currency(_ code: String, line: Int, key: String) throws(GatewayConfigurationError) -> Currency {
        guard let currency = Currency(alphaCode: code) else {
            throw .valueInvalid(line: line, key: key, reason: "\"\(code)\" is not an ISO 4217 code")
        }
        return currency
    }

    func country(_ key: String) throws(GatewayConfigurationError) -> Country {
        let code = try string(key)
        guard let country = Country(code: code) else {
            throw .valueInvalid(line: lineOf(key), key: key, reason: "\"\(code)\" is not an ISO 3166 code")
        }
        return country
    }

    func money(_ key: String, currency: Currency) throws(GatewayConfigurationError) -> Money? {
        guard let text = try optionalString(key) else { return nil }
        do {
            let money = try Money(decimal: text, currency: currency)
            guard money.minorUnits >= 0 else {
                throw GatewayConfigurationError.valueInvalid(line: lineOf(key), key: key, reason: "must not be negative")
            }
            return money
        } catch let error as GatewayConfigurationError {
            throw error
        } catch {
            throw .valueInvalid(line: lineOf(key), key: key, reason: "\(error)")
        }
    }
}
