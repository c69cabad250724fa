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
        String(unsafeUninitializedCapacity: Self.textLength) { buffer in write(to: buffer.baseAddress!) }
    }

    /// The length of ``text``.
    static let textLength = 36

    /// Writes ``text`` as ASCII bytes at `bytes` (room for ``textLength``); returns the bytes written.
    func write(to bytes: UnsafeMutablePointer<UInt8>) -> Int {
        let hexDigits: StaticString = "0123456789abcdef"
        var count = 0
        withUnsafeBytes(of: uuid.uuid) { raw in
            let hex = hexDigits.utf8Start
            for (offset, byte) in raw.enumerated() {
                if offset == 4 || offset == 6 || offset == 8 || offset == 10 {
                    bytes[count] = UInt8(ascii: "-")
                    count += 1
                }
                bytes[count] = hex[Int(byte >> 4)]
                bytes[count + 1] = hex[Int(byte & 0x0F)]
                count += 2
            }
        }
        return count
    }

    public var description: String { text }
}
