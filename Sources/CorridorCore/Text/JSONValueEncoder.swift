/// The `Encoder` handed to one value's `encode(to:)`: it opens the value's container on first use (a value asking
/// twice, as a subclass and its superclass do, gets the same container).
final class JSONValueEncoder: Encoder {
    let writer: JSONByteWriter
    let parent: JSONValueEncoder?
    let key: (any CodingKey)?
    /// The index of this value's container in the writer's stack, once opened.
    var frameIndex: Int?

    init(writer: JSONByteWriter, parent: JSONValueEncoder?, key: (any CodingKey)?) {
        self.writer = writer
        self.parent = parent
        self.key = key
    }

    var codingPath: [any CodingKey] {
        var path: [any CodingKey] = []
        var node: JSONValueEncoder? = self
        while let current = node {
            if let key = current.key { path.append(key) }
            node = current.parent
        }
        return path.reversed()
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    private func frame(_ opener: UInt8, _ closer: UInt8) -> Int {
        if let frameIndex { return frameIndex }
        let index = writer.frames.count
        writer.open(opener, closer)
        frameIndex = index
        return index
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let index = frame(UInt8(ascii: "{"), UInt8(ascii: "}"))
        return KeyedEncodingContainer(JSONKeyedContainer<Key>(encoder: self, index: index))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        JSONUnkeyedContainer(encoder: self, index: frame(UInt8(ascii: "["), UInt8(ascii: "]")))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONSingleValueContainer(encoder: self)
    }
}
