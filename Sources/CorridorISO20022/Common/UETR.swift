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
    public var text: String { uuid.uuidString.lowercased() }
    public var description: String { text }
}
