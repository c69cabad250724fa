/// An array being written.
struct JSONUnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: JSONValueEncoder
    let index: Int

    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { writer.frames.count > index ? writer.frames[index].count : 0 }
    private var writer: JSONByteWriter { encoder.writer }

    private func begin() -> JSONIndexKey {
        let key = JSONIndexKey(intValue: count)
        writer.beginEntry(inContainerAt: index, key: nil)
        return key
    }

    mutating func encodeNil() throws { _ = begin(); writer.writeLiteral("null") }
    mutating func encode(_ value: Bool) throws { _ = begin(); writer.writeLiteral(value ? "true" : "false") }
    mutating func encode(_ value: String) throws { _ = begin(); writer.writeString(value) }
    mutating func encode(_ value: Double) throws {
        let key = begin()
        try writer.writeFloating(value) { encoder.codingPath + [key] }
    }
    mutating func encode(_ value: Float) throws {
        let key = begin()
        try writer.writeFloating(value) { encoder.codingPath + [key] }
    }
    mutating func encode(_ value: Int) throws { _ = begin(); writer.writeInteger(value) }
    mutating func encode(_ value: Int8) throws { _ = begin(); writer.writeInteger(value) }
    mutating func encode(_ value: Int16) throws { _ = begin(); writer.writeInteger(value) }
    mutating func encode(_ value: Int32) throws { _ = begin(); writer.writeInteger(value) }
    mutating func encode(_ value: Int64) throws { _ = begin(); writer.writeInteger(value) }
    mutating func encode(_ value: UInt) throws { _ = begin(); writer.writeInteger(value) }
    mutating func encode(_ value: UInt8) throws { _ = begin(); writer.writeInteger(value) }
    mutating func encode(_ value: UInt16) throws { _ = begin(); writer.writeInteger(value) }
    mutating func encode(_ value: UInt32) throws { _ = begin(); writer.writeInteger(value) }
    mutating func encode(_ value: UInt64) throws { _ = begin(); writer.writeInteger(value) }

    mutating func encode<Value: Encodable>(_ value: Value) throws {
        let key = begin()
        try writer.encodeValue(value, parent: encoder, key: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        let key = begin()
        return JSONValueEncoder(writer: writer, parent: encoder, key: key).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let key = begin()
        return JSONValueEncoder(writer: writer, parent: encoder, key: key).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let key = begin()
        return JSONValueEncoder(writer: writer, parent: encoder, key: key)
    }
}
