/// An object being written.
struct JSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: JSONValueEncoder
    let index: Int

    var codingPath: [any CodingKey] { encoder.codingPath }
    private var writer: JSONByteWriter { encoder.writer }

    private func begin(_ key: Key) {
        writer.beginEntry(inContainerAt: index, key: key.stringValue)
    }

    mutating func encodeNil(forKey key: Key) throws {
        begin(key)
        writer.writeLiteral("null")
    }
    mutating func encode(_ value: Bool, forKey key: Key) throws {
        begin(key)
        writer.writeLiteral(value ? "true" : "false")
    }
    mutating func encode(_ value: String, forKey key: Key) throws {
        begin(key)
        writer.writeString(value)
    }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        begin(key)
        try writer.writeFloating(value) { encoder.codingPath + [key] }
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        begin(key)
        try writer.writeFloating(value) { encoder.codingPath + [key] }
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { begin(key); writer.writeInteger(value) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { begin(key); writer.writeInteger(value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { begin(key); writer.writeInteger(value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { begin(key); writer.writeInteger(value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { begin(key); writer.writeInteger(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { begin(key); writer.writeInteger(value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { begin(key); writer.writeInteger(value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { begin(key); writer.writeInteger(value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { begin(key); writer.writeInteger(value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { begin(key); writer.writeInteger(value) }

    mutating func encode<Value: Encodable>(_ value: Value, forKey key: Key) throws {
        begin(key)
        try writer.encodeValue(value, parent: encoder, key: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        begin(key)
        let nested = JSONValueEncoder(writer: writer, parent: encoder, key: key)
        return nested.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        begin(key)
        return JSONValueEncoder(writer: writer, parent: encoder, key: key).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        writer.beginEntry(inContainerAt: index, key: "super")
        return JSONValueEncoder(writer: writer, parent: encoder, key: JSONIndexKey(stringValue: "super"))
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        begin(key)
        return JSONValueEncoder(writer: writer, parent: encoder, key: key)
    }
}
