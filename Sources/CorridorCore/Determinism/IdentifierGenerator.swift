import Foundation
import Synchronization

/// Makes the ids Corridor hands out (payment ids, UETRs, STANs, RRNs), from a seed when runs must be reproducible.
///
/// Guarantees: seeded generators with the same seed produce the same sequence of ids; UUIDs are version 4
/// (RFC 9562 §5.4) whether seeded or not; sequence numbers never repeat within one generator.
public final class IdentifierGenerator: Sendable {
    private struct State {
        var random: SeededRandom?
        var counter: UInt64 = 0
    }
    private let state: Mutex<State>

    /// A generator whose UUIDs come from the seed: the same seed, the same ids.
    public init(seed: UInt64) {
        state = Mutex(State(random: SeededRandom(seed: seed)))
    }

    /// A generator whose UUIDs come from the system's random source.
    public init() {
        state = Mutex(State(random: nil))
    }

    /// A version-4 UUID.
    public func uuid() -> UUID {
        let (high, low): (UInt64, UInt64) = state.withLock { state in
            if state.random != nil {
                return (state.random!.next(), state.random!.next())
            }
            var system = SystemRandomNumberGenerator()
            return (system.next(), system.next())
        }
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<8 {
            bytes[index] = UInt8(truncatingIfNeeded: high >> (56 - 8 * index))
            bytes[8 + index] = UInt8(truncatingIfNeeded: low >> (56 - 8 * index))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40  // version 4
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 9562 variant
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }

    /// The next number of a strictly increasing sequence starting at 1.
    public func nextSequenceNumber() -> UInt64 {
        state.withLock { state in
            state.counter += 1
            return state.counter
        }
    }

    /// A readable id: prefix + zero-padded sequence number ("pay-000000000042").
    public func nextIdentifier(prefix: String, width: Int = 12) -> String {
        let digits = String(nextSequenceNumber())
        return prefix + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
