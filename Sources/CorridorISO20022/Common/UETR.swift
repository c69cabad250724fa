import Foundation

/// The Unique End-to-end Transaction Reference every CBPR+ payment carries: a UUID version 4 (RFC 9562 §5.4),
/// written in lowercase as the XSD type `UUIDv4Identifier` requires.
///
/// Guarantees: the version nibble is 4 and the variant bits are `10`.
public struct UETR: Sendable, Hashable, CustomStringConvertible {
    /// The UUID.
    public let uuid: UUID

    /// Wraps a UUID, checking it is version 4.
    /// - Throws: ``ISO20022Error/invalidUETR(_:)``.
    public init(_ uuid: UUID) throws(ISO20022Error) {
        let bytes = uuid.uuid
        guard bytes.6 >> 4 == 4, bytes.8 >> 6 == 0b10 else { throw .invalidUETR(uuid.uuidString.lowercased()) }
        self.uuid = uuid
    }

    /// Parses the lowercase text form `xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx`.
    /// - Throws: ``ISO20022Error/invalidUETR(_:)``.
    public init(text: String) throws(ISO20022Error) {
        let isLowerHex = text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) || $0 == 0x2D }
        guard text.utf8.count == 36, isLowerHex, let uuid = UUID(uuidString: text) else { throw .invalidUETR(text) }
        try self.init(uuid)
    }

    /// The lowercase text form.
    public var text: String {
        // Hex digits written directly: `uuidString.lowercased()` formats through printf and then copies.
        let hexDigits: StaticString = "0123456789abcdef"
        var bytes: [UInt8] = []
        bytes.reserveCapacity(36)
        withUnsafeBytes(of: uuid.uuid) { raw in
            hexDigits.withUTF8Buffer { hex in
                for (offset, byte) in raw.enumerated() {
                    if offset == 4 || offset == 6 || offset == 8 || offset == 10 { bytes.append(UInt8(ascii: "-")) }
                    bytes.append(hex[Int(byte >> 4)])
                    bytes.append(hex[Int(byte & 0x0F)])
                }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
    public var description: String { text }
}
