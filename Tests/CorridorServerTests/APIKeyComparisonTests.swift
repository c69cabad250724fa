import CorridorServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 9 §4: API keys are stored hashed and compared in constant time; a key that shares all but its last
/// character with a valid one is as unknown as any other.
@Suite("API key comparison")
struct APIKeyComparisonTests {
    @Test(arguments: [
        ([UInt8](), [UInt8](), true),
        ([1, 2, 3], [1, 2, 3], true),
        ([1, 2, 3], [1, 2, 4], false),
        ([9, 2, 3], [1, 2, 3], false),
        ([1, 2, 3], [1, 2], false),
        ([1, 2], [1, 2, 3], false),
        ([], [0], false),
        (Array(repeating: 0xFF, count: 32), Array(repeating: 0xFF, count: 32), true),
        (Array(repeating: 0xFF, count: 32), Array(repeating: 0xFF, count: 31) + [0xFE], false),
    ] as [([UInt8], [UInt8], Bool)])
    func constantTimeEqualityAgreesWithPlainEquality(_ lhs: [UInt8], _ rhs: [UInt8], _ equal: Bool) {
        #expect(ConstantTimeComparison.equal(lhs, rhs) == equal)
        #expect(ConstantTimeComparison.equal(rhs, lhs) == equal)
        #expect((lhs == rhs) == equal)
    }

    @Test func everySingleBitFlipOfADigestIsUnequal() {
        let digest = (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        for index in digest.indices {
            for bit in 0..<8 {
                var other = digest
                other[index] ^= UInt8(1 << bit)
                #expect(!ConstantTimeComparison.equal(digest, other), "byte \(index) bit \(bit)")
            }
        }
    }

    @Test func aKeySharingAllButItsLastCharacterWithAValidKeyIsRefused() async throws {
        let world = try await HTTPTestWorld.make()
        let valid = try #require(world.keys["beijing-acquiring"])
        let last = valid.last == "0" ? "1" : "0"
        let nearMiss = String(valid.dropLast()) + last
        let prefixOnly = String(valid.dropLast())
        let longer = valid + "0"
        try await world.application().test(.live) { client in
            for key in [nearMiss, prefixOnly, longer, valid.uppercased()] {
                let response = try await client.execute(
                    uri: "/merchants", method: .get, headers: HTTPTestWorld.headers(key))
                #expect(response.status == .unauthorized, "\(key.prefix(8))…")
            }
            // The right key still works, before and after the near misses were seen.
            let response = try await client.execute(
                uri: "/merchants", method: .get, headers: HTTPTestWorld.headers(valid))
            #expect(response.status == .ok)
            let again = try await client.execute(
                uri: "/merchants", method: .get, headers: HTTPTestWorld.headers(nearMiss))
            #expect(again.status == .unauthorized)
        }
    }

    @Test func aReissuedKeyRevokesTheOldOneEvenAfterItWasCached() async throws {
        let world = try await HTTPTestWorld.make()
        let old = try #require(world.keys["mirbank"])
        try await world.application().test(.live) { client in
            let before = try await client.execute(uri: "/merchants", method: .get, headers: HTTPTestWorld.headers(old))
            #expect(before.status == .ok)
            let new = try await world.builder.keys.issue(for: "mirbank")
            let revoked = try await client.execute(uri: "/merchants", method: .get, headers: HTTPTestWorld.headers(old))
            #expect(revoked.status == .unauthorized)
            let current = try await client.execute(uri: "/merchants", method: .get, headers: HTTPTestWorld.headers(new))
            #expect(current.status == .ok)
        }
    }
}
