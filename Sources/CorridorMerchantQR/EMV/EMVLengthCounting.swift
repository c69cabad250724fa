/// How a payload's length fields count their values.
///
/// EMV QRCPS MPM 4.1 counts characters; some issuers count UTF-8 bytes instead, which differs only when a value
/// holds non-ASCII text (a Chinese or Cyrillic name in tag 64). Corridor counts a character as one Unicode scalar.
public enum EMVLengthCounting: String, Sendable, Hashable, Codable {
    /// Lengths count characters (Unicode scalars), as the specification says. Pure-ASCII payloads report this.
    case characters
    /// Lengths count UTF-8 bytes, seen in the wild; accepted only when the payload does not parse in characters.
    case utf8Bytes
}
