import Foundation

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
                default: bytes.append(contentsOf: ("u00" + Hexadecimal.lowercase(CollectionOfOne(byte))).utf8)
                }
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
