/// Finds a key that appears twice in one JSON object.
///
/// RFC 8259 leaves duplicate names to the parser, and Foundation's keeps the last one silently: a request that says
/// `"amount"` twice would be read as whichever came second. Corridor refuses such input instead, so every JSON reader
/// (the CLI's `iso8583 encode`, the HTTP API's bodies) runs this pass first. It walks the text once, keeping the names
/// seen in each open object; it does not validate the JSON (the real parser does that afterwards) and stops quietly
/// on text it cannot follow.
public enum JSONDuplicateKeys {
    /// A name given twice in one object.
    public struct Duplicate: Sendable, Hashable, CustomStringConvertible {
        /// The name as written between the quotes (escapes left as they are).
        public let key: String
        /// Byte offset of the second occurrence's opening quote.
        public let offset: Int

        public var description: String { "duplicate key \"\(key)\" at offset \(offset)" }
    }

    /// The first name repeated within one object of `bytes`, or nil when every object's names are distinct.
    /// - Parameters:
    ///   - bytes: UTF-8 JSON text.
    public static func first(in bytes: some Collection<UInt8>) -> Duplicate? {
        let bytes = Array(bytes)
        // One entry per open container: the names seen, or nil for an array.
        var containers: [Set<[UInt8]>?] = []
        // True when the next string in the innermost object is a name (after `{` or `,`).
        var expectingName = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"):
                containers.append([])
                expectingName = true
            case UInt8(ascii: "["):
                containers.append(nil)
                expectingName = false
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if !containers.isEmpty { containers.removeLast() }
                expectingName = false
            case UInt8(ascii: ","):
                expectingName = containers.last.map { $0 != nil } ?? false
            case UInt8(ascii: ":"):
                expectingName = false
            case UInt8(ascii: "\""):
                let start = index
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                guard index < bytes.count else { return nil }
                if expectingName, let names = containers.last, var seen = names {
                    let name = Array(bytes[(start + 1)..<index])
                    guard seen.insert(name).inserted else {
                        return Duplicate(key: String(decoding: name, as: UTF8.self), offset: start)
                    }
                    containers[containers.count - 1] = seen
                    expectingName = false
                }
            default:
                break
            }
            index += 1
        }
        return nil
    }
}
