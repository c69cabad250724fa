import Foundation

/// A 128-bit identifier, as TigerBeetle uses for accounts and transfers, shown and parsed as a UUID.
///
/// Guarantees: zero is not a valid id (``LedgerIdentifier/init(_:)`` traps on it, ``init(string:)`` rejects it), so
/// an unset field can never collide with a real account or transfer.
public struct LedgerIdentifier: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The 128-bit value.
    public let rawValue: UInt128

    /// Wraps a non-zero 128-bit value.
    public init(_ rawValue: UInt128) {
        precondition(rawValue != 0, "ledger ids are never zero")
        self.rawValue = rawValue
    }

    /// The id whose bytes are the UUID's bytes (big-endian).
    public init(_ uuid: UUID) {
        let bytes = uuid.uuid
        let all = [bytes.0, bytes.1, bytes.2, bytes.3, bytes.4, bytes.5, bytes.6, bytes.7,
                   bytes.8, bytes.9, bytes.10, bytes.11, bytes.12, bytes.13, bytes.14, bytes.15]
        var value: UInt128 = 0
        for byte in all { value = value << 8 | UInt128(byte) }
        self.init(value == 0 ? 1 : value)
    }

    /// Parses the UUID form ("0000…-…") or a decimal number; nil for anything else or zero.
    public init?(string: String) {
        if let uuid = UUID(uuidString: string) {
            // `init(_ uuid:)` maps the nil UUID to 1; as text it is zero, which is never an id.
            guard uuid != Self.nilUUID else { return nil }
            self.init(uuid)
        } else if let value = UInt128(string), value != 0 {
            self.init(value)
        } else {
            return nil
        }
    }

    /// 00000000-0000-0000-0000-000000000000.
    private static let nilUUID = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    /// The 16 bytes, big-endian.
    public var bytes: [UInt8] {
        (0..<16).map { UInt8(truncatingIfNeeded: rawValue >> (8 * (15 - UInt128($0)))) }
    }

    /// Rebuilds an id from 16 big-endian bytes; nil for another length or all zeros.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 16 else { return nil }
        var value: UInt128 = 0
        for byte in bytes { value = value << 8 | UInt128(byte) }
        guard value != 0 else { return nil }
        self.init(value)
    }

    /// The UUID with the same bytes.
    public var uuid: UUID {
        let b = bytes
        return UUID(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                           b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]))
    }

    /// The UUID text, lowercase.
    public var description: String {
        // The UUID text form (8-4-4-4-12, lowercase), written straight from the bits: Foundation's uuidString goes
        // through sprintf and then lowercased(), several times slower on the payment path.
        let hex = Self.hexDigits
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var out = 0
            for nibble in 0..<32 {
                if nibble == 8 || nibble == 12 || nibble == 16 || nibble == 20 {
                    buffer[out] = 0x2D
                    out += 1
                }
                buffer[out] = hex[Int(truncatingIfNeeded: (rawValue >> UInt128(124 - 4 * nibble)) & 0xF)]
                out += 1
            }
            return out
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    public static func < (lhs: LedgerIdentifier, rhs: LedgerIdentifier) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Hashes the two 64-bit halves. `UInt128`'s own `hash(into:)` is several times slower here, and every
    /// account and transfer lookup of every backend hashes an id.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(UInt64(truncatingIfNeeded: rawValue))
        hasher.combine(UInt64(truncatingIfNeeded: rawValue >> 64))
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = LedgerIdentifier(string: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a ledger id: \"\(text)\"")
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// The id of an account on the ledger.
public typealias AccountID = LedgerIdentifier

/// The id of a transfer: its idempotency key.
public typealias TransferID = LedgerIdentifier
