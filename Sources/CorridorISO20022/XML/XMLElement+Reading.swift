/// Lookups the message readers use; each failure names the element path.
extension XMLElement {
    /// The first child with this name, or nil.
    public func child(_ name: String) -> XMLElement? {
        children.first(where: { $0.name == name })
    }

    /// All children with this name, in document order.
    public func children(_ name: String) -> [XMLElement] {
        children.filter { $0.name == name }
    }

    /// The first child with this name.
    /// - Throws: ``ISO20022Error/missingElement(path:)``.
    public func required(_ name: String) throws(ISO20022Error) -> XMLElement {
        guard let found = child(name) else { throw .missingElement(path: path + "/" + name) }
        return found
    }

    /// The text of a mandatory leaf child.
    /// - Throws: ``ISO20022Error/missingElement(path:)`` when the child is absent or empty.
    public func text(_ name: String) throws(ISO20022Error) -> String {
        let element = try required(name)
        guard let text = element.text, !text.isEmpty else { throw .missingElement(path: element.path) }
        return text
    }

    /// The text of an optional leaf child; nil when absent or empty.
    public func optionalText(_ name: String) -> String? {
        guard let text = child(name)?.text, !text.isEmpty else { return nil }
        return text
    }

    /// The text of every leaf child with this name.
    public func texts(_ name: String) -> [String] {
        children(name).compactMap { $0.text }
    }

    /// The path a child with this name has, or would have (for errors about values that were just read).
    func childPath(_ name: String) -> String { child(name)?.path ?? path + "/" + name }
}
