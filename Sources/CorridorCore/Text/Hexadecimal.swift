/// Bytes as hexadecimal text, two digits per byte, through a digit table (`String(format: "%02x")` per byte cost
/// about a microsecond each, which showed in the HTTP request path's profile).
public enum Hexadecimal {
    private static let lowerDigits: [UInt8] = Array("0123456789abcdef".utf8)
    private static let upperDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Lowercase hex of the bytes (`0a1b…`).
    public static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        text(bytes, digits: lowerDigits)
    }

    /// Uppercase hex of the bytes (`0A1B…`).
    public static func uppercase(_ bytes: some Sequence<UInt8>) -> String {
        text(bytes, digits: upperDigits)
    }

    private static func text(_ bytes: some Sequence<UInt8>, digits: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
