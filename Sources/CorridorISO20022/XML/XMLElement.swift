/// One XML element as the writer emits it and the reader returns it: a name, attributes in a fixed order,
/// then either child elements or text (ISO 20022 messages never mix the two).
///
/// Guarantees: attributes keep the order they were added in, so the same model always gives the same bytes.
public struct XMLElement: Sendable, Hashable {
    /// The local name, without a namespace prefix.
    public var name: String
    /// Attributes in emission order (`xmlns` first when present).
    public var attributes: [XMLAttribute]
    /// Child elements in document order.
    public var children: [XMLElement]
    /// The character content of a leaf element; nil for elements with children.
    public var text: String?
    /// Where the element sits in the document it was read from (`/Document/GrpHdr[1]`); empty for built elements.
    public var path: String

    /// Creates an element with children.
    public init(_ name: String, attributes: [XMLAttribute] = [], children: [XMLElement] = []) {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.text = nil
        self.path = ""
    }

    /// Creates a leaf element holding text.
    public init(_ name: String, attributes: [XMLAttribute] = [], text: String) {
        self.name = name
        self.attributes = attributes
        self.children = []
        self.text = text
        self.path = ""
    }

    /// The value of an attribute, or nil.
    public func attribute(_ name: String) -> String? {
        attributes.first(where: { $0.name == name })?.value
    }
}

/// A name–value pair on an element.
public struct XMLAttribute: Sendable, Hashable {
    /// The qualified name as written (`Ccy`, `xmlns`).
    public var name: String
    /// The unescaped value.
    public var value: String

    /// Creates an attribute.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
