import Foundation

extension MessageSpec {
    /// One entry of a pyiso8583 spec file.
    private struct Entry: Decodable {
        var data_enc: String
        var len_enc: String
        var len_type: Int
        var max_len: Int
        var desc: String
    }

    /// Loads a spec in pyiso8583's JSON layout: keys "h", "t", "p", "1"…"128", each with `data_enc`, `len_enc`,
    /// `len_type`, `max_len` and `desc`; encodings `ascii`, `cp500` (EBCDIC) and `b` (binary).
    ///
    /// pyiso8583 has no field kinds: a `b` field is kind `b`, any other takes the kind and sensitivity of the
    /// same field in ``ascii1987`` (`ans` for fields it lacks). A binary length prefix of `len_type` 1 or 2 bytes
    /// reads as LLVAR or LLLVAR. Message headers ("h" with `max_len` above 0) are not supported yet.
    /// - Parameters:
    ///   - json: the file's bytes.
    ///   - name: the dialect name to give the spec.
    /// - Throws: `ISO8583Error.specInvalid(key:)` naming the entry that is missing or unsupported.
    public init(pyiso8583JSON json: [UInt8], name: String) throws(ISO8583Error) {
        let entries: [String: Entry]
        do {
            entries = try JSONDecoder().decode([String: Entry].self, from: Data(json))
        } catch {
            throw .specInvalid(key: "")
        }
        if let header = entries["h"], header.max_len != 0 { throw .specInvalid(key: "h") }
        guard let type = entries["t"] else { throw .specInvalid(key: "t") }
        let mtiEncoding: FieldEncoding
        switch type.data_enc {
        case "ascii": mtiEncoding = .ascii
        case "cp500": mtiEncoding = .ebcdic
        case "b": mtiEncoding = .bcd
        default: throw .specInvalid(key: "t")
        }
        guard let primary = entries["p"] else { throw .specInvalid(key: "p") }
        let bitmapEncoding: BitmapEncoding
        switch primary.data_enc {
        case "ascii": bitmapEncoding = .asciiHex
        case "b": bitmapEncoding = .binary
        default: throw .specInvalid(key: "p")
        }
        var fields: [Int: FieldSpec] = [:]
        for number in 2...Self.fieldNumberMax {
            let key = String(number)
            guard let entry = entries[key] else { continue }
            fields[number] = try Self.fieldSpec(entry, key: key, builtIn: Self.iso1987Fields[number])
        }
        self.init(name: name, mtiEncoding: mtiEncoding, bitmapEncoding: bitmapEncoding, fields: fields)
    }

    private static func fieldSpec(_ entry: Entry, key: String, builtIn: FieldSpec?) throws(ISO8583Error) -> FieldSpec {
        guard entry.max_len >= 0, let data = encoding(entry.data_enc), let lengthEncoding = encoding(entry.len_enc)
        else { throw .specInvalid(key: key) }
        let length: FieldLength
        switch (lengthEncoding, entry.len_type) {
        case (_, 0): length = .fixed(entry.max_len)
        case (.binary, 1): length = .llvar(max: entry.max_len)
        case (.binary, 2): length = .lllvar(max: entry.max_len)
        case (.ascii, 2), (.ebcdic, 2): length = .llvar(max: entry.max_len)
        case (.ascii, 3), (.ebcdic, 3): length = .lllvar(max: entry.max_len)
        case (.ascii, 4), (.ebcdic, 4): length = .llllvar(max: entry.max_len)
        default: throw .specInvalid(key: key)
        }
        let kind: FieldKind = data == .binary ? .b : (builtIn.map { $0.kind == .b ? .ans : $0.kind } ?? .ans)
        return FieldSpec(
            entry.desc, kind, length, data: data, lengthEncoding: lengthEncoding,
            isSensitive: builtIn?.isSensitive ?? false)
    }

    private static func encoding(_ name: String) -> FieldEncoding? {
        switch name {
        case "ascii": .ascii
        case "cp500": .ebcdic
        case "b": .binary
        default: nil
        }
    }
}
