import Foundation

/// Encodes an `Encodable` value as compact JSON written straight into bytes, without the tree of intermediate
/// values Foundation's `JSONEncoder` builds first: the payment store encodes six columns per payment, and
/// `JSONEncoder` was ~13% of the CPU of an HTTP payment.
///
/// The output is what `JSONDecoder` with its default strategies reads back into the same value: `Data` as Base64,
/// `Date` as its own encoding (seconds since 2001 as a number), `URL` as its absolute string, `Decimal` as a
/// number; keys in the order they are encoded; no whitespace; `/` left as is. A non-finite `Double` or `Float` is an
/// `EncodingError.invalidValue` with the coding path, as with `JSONEncoder`.
///
/// Containers are written as they are filled, which is how synthesized and ordinary hand-written `encode(to:)`
/// methods use them: a nested container is complete once its parent encodes its next key or returns. A value whose
/// `encode(to:)` writes nothing is `{}`, as with `JSONEncoder`.
public struct StreamingJSONEncoder: Sendable {
    /// An encoder with the default (and only) settings.
    public init() {}

    /// The JSON bytes of `value`.
    /// - Throws: `EncodingError.invalidValue` for a non-finite number, or what the value's `encode(to:)` throws.
    public func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        let writer = JSONByteWriter()
        try writer.encodeValue(value, parent: nil, key: nil)
        writer.close(toDepth: 0)
        return writer.bytes
    }

    /// The JSON text of `value`.
    /// - Throws: as ``encode(_:)``.
    public func encodeString<Value: Encodable>(_ value: Value) throws -> String {
        String(decoding: try encode(value), as: UTF8.self)
    }
}

/// The output and the stack of open containers, shared by every encoder and container of one `encode` call.
final class JSONByteWriter {
    /// One open container: its closing byte and how many entries it holds so far.
    struct Frame {
        let closer: UInt8
        var count: Int
    }

    // One writer belongs to one `encode` call on one thread, and no access to these overlaps another: the
    // runtime's exclusivity checks on them were a quarter of the encoder's time.
    @exclusivity(unchecked) var bytes: [UInt8] = []
    @exclusivity(unchecked) var frames: [Frame] = []

    init() {
        bytes.reserveCapacity(512)
        frames.reserveCapacity(8)
    }

    /// Closes every container deeper than `depth` (the number of containers that stay open).
    @inline(__always)
    func close(toDepth depth: Int) {
        while frames.count > depth {
            bytes.append(frames.removeLast().closer)
        }
    }

    /// Opens a container at the top of the stack.
    func open(_ opener: UInt8, _ closer: UInt8) {
        bytes.append(opener)
        frames.append(Frame(closer: closer, count: 0))
    }

    /// Starts an entry of the container at `depth - 1` (closing any deeper one) and writes the separator and the
    /// key when there is one.
    @inline(__always)
    func beginEntry(inContainerAt index: Int, key: String?) {
        close(toDepth: index + 1)
        if frames[index].count > 0 { bytes.append(UInt8(ascii: ",")) }
        frames[index].count += 1
        if let key {
            writeString(key)
            bytes.append(UInt8(ascii: ":"))
        }
    }

    // MARK: Values

    /// Encodes any value: the types `JSONDecoder` reads specially first, then the value's own `encode(to:)`.
    func encodeValue<Value: Encodable>(_ value: Value, parent: JSONValueEncoder?, key: (any CodingKey)?) throws {
        if Value.self == String.self {
            writeString(value as! String)
        } else if Value.self == Int.self {
            writeInteger(value as! Int)
        } else if Value.self == Int64.self {
            writeInteger(value as! Int64)
        } else if Value.self == Bool.self {
            writeLiteral((value as! Bool) ? "true" : "false")
        } else if Value.self == Data.self {
            writeString((value as! Data).base64EncodedString())
        } else if Value.self == URL.self {
            writeString((value as! URL).absoluteString)
        } else if Value.self == Decimal.self {
            writeLiteral((value as! Decimal).description)
        } else {
            let encoder = JSONValueEncoder(writer: self, parent: parent, key: key)
            let start = bytes.count
            try value.encode(to: encoder)
            if bytes.count == start { writeLiteral("{}") }
        }
    }

    func writeLiteral(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    func writeInteger<Integer: BinaryInteger>(_ value: Integer) {
        if value >= 0, value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
        } else {
            bytes.append(contentsOf: String(value).utf8)
        }
    }

    func writeFloating<Floating: BinaryFloatingPoint & LosslessStringConvertible>(
        _ value: Floating, path: () -> [any CodingKey]
    ) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(codingPath: path(), debugDescription: "\(value) is not valid in JSON"))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\n`, `\t`… or `\u00XX`; everything else as is.
    func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
                runStart = index + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                    bytes.append(hex[Int(byte >> 4)])
                    bytes.append(hex[Int(byte & 0x0F)])
                }
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

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

/// A value that is one primitive (or one nested value) rather than a container.
struct JSONSingleValueContainer: SingleValueEncodingContainer {
    let encoder: JSONValueEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }
    private var writer: JSONByteWriter { encoder.writer }

    mutating func encodeNil() throws { writer.writeLiteral("null") }
    mutating func encode(_ value: Bool) throws { writer.writeLiteral(value ? "true" : "false") }
    mutating func encode(_ value: String) throws { writer.writeString(value) }
    mutating func encode(_ value: Double) throws { try writer.writeFloating(value) { encoder.codingPath } }
    mutating func encode(_ value: Float) throws { try writer.writeFloating(value) { encoder.codingPath } }
    mutating func encode(_ value: Int) throws { writer.writeInteger(value) }
    mutating func encode(_ value: Int8) throws { writer.writeInteger(value) }
    mutating func encode(_ value: Int16) throws { writer.writeInteger(value) }
    mutating func encode(_ value: Int32) throws { writer.writeInteger(value) }
    mutating func encode(_ value: Int64) throws { writer.writeInteger(value) }
    mutating func encode(_ value: UInt) throws { writer.writeInteger(value) }
    mutating func encode(_ value: UInt8) throws { writer.writeInteger(value) }
    mutating func encode(_ value: UInt16) throws { writer.writeInteger(value) }
    mutating func encode(_ value: UInt32) throws { writer.writeInteger(value) }
    mutating func encode(_ value: UInt64) throws { writer.writeInteger(value) }

    mutating func encode<Value: Encodable>(_ value: Value) throws {
        try writer.encodeValue(value, parent: encoder.parent, key: encoder.key)
    }
}

/// The coding key of an array element, or of `super`.
struct JSONIndexKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(intValue: Int) {
        self.stringValue = "Index \(intValue)"
        self.intValue = intValue
    }

    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }
}
