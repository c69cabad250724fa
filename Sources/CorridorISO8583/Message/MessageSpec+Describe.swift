
extension MessageSpec {
    /// A multi-line description for people: MTI with its meaning, then one line per field.
    ///
    /// The PAN (fields 2 and 34) is masked to first six and last four digits; other sensitive fields (track data
    /// 35, 36, 45 and the PIN block 52) are replaced by `[hidden]`. Binary fields print as uppercase hex.
    /// - Parameter message: the message to describe.
    /// - Returns: the text, ending without a newline.
    public func describe(_ message: IsoMessage) -> String {
        var lines: [String] = []
        if let mti = try? message.messageTypeIndicator() {
            lines.append("MTI \(message.mti) (version \(mti.version), \(mti.messageClass), \(mti.function), \(mti.origin))")
        } else {
            lines.append("MTI \(message.mti) (invalid)")
        }
        lines.append("bitmap \(Hex.upper(message.bitmap))")
        for number in message.fieldNumbers {
            let spec = fields[number]
            let value = IsoMessage.safeText(field: number, value: message.fields[number] ?? [], spec: spec)
            let number3 = String(repeating: " ", count: 3 - String(number).count) + String(number)
            lines.append("\(number3) \(spec?.description ?? "Unknown field"): \(value)")
        }
        return lines.joined(separator: "\n")
    }

    /// A JSON object in pyiso8583's decoded layout: `{"t": MTI, "p": primary bitmap hex, "1": …, "2": …}`.
    ///
    /// Keys "t", "p", "1" (when a secondary bitmap is present) then fields ascending; binary fields as uppercase
    /// hex. Unless `unmasked`, the PAN is masked and track data and PIN blocks read `[hidden]`.
    /// - Parameters:
    ///   - message: the message to describe.
    ///   - unmasked: print sensitive fields in full; only for a user who asked for it explicitly.
    /// - Returns: compact JSON text.
    public func describeJSON(_ message: IsoMessage, unmasked: Bool = false) -> String {
        let bitmap = message.bitmap
        var members: [(String, String)] = [("t", message.mti), ("p", Hex.upper(bitmap.prefix(8)))]
        if bitmap.count > 8 { members.append(("1", Hex.upper(bitmap.suffix(8)))) }
        for number in message.fieldNumbers {
            let spec = fields[number]
            let value = message.fields[number] ?? []
            let text: String
            if unmasked {
                text = spec?.kind == .b ? Hex.upper(value) : String(decoding: value, as: UTF8.self)
            } else {
                text = IsoMessage.safeText(field: number, value: value, spec: spec)
            }
            members.append((String(number), text))
        }
        return "{" + members.map { "\(Self.jsonString($0.0)):\(Self.jsonString($0.1))" }.joined(separator: ",") + "}"
    }

    /// A JSON string literal (RFC 8259 clause 7).
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
