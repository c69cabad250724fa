/// One data object as the reader found it: its ID and where its value lies in the payload's bytes.
///
/// Nodes are stored in payload order, each followed by its children, so a list is walked by jumping from a node to
/// its ``subtreeEnd``.
///
/// Guarantees: `valueStart <= valueEnd`; `subtreeEnd > ` the node's own index; `hasChildren` is true only when the
/// value parsed as TLV and then the node's children are the nodes from its index + 1 up to `subtreeEnd`.
struct EMVNode {
    /// The ID, 0...99.
    let id: UInt8
    /// True when the value parsed as nested data objects.
    private(set) var hasChildren: Bool
    /// The first byte of the value.
    let valueStart: Int
    /// One past the last byte of the value.
    let valueEnd: Int
    /// The index of the node after this one and all its descendants.
    private(set) var subtreeEnd: Int

    init(id: UInt8, valueStart: Int, valueEnd: Int, subtreeEnd: Int) {
        self.id = id
        self.hasChildren = false
        self.valueStart = valueStart
        self.valueEnd = valueEnd
        self.subtreeEnd = subtreeEnd
    }

    /// Marks the nodes up to `end` as this node's children.
    mutating func setChildren(end: Int) {
        hasChildren = true
        subtreeEnd = end
    }

    /// The value's length in bytes.
    var byteCount: Int { valueEnd - valueStart }

    /// The ID as two digits (`"05"`).
    var idText: String { EMVText.idText(id) }
}
