import CorridorCore
import CorridorISO8583
import Testing

@Suite("ISO 8583 fuzz: random messages and mutated bytes")
struct FuzzTests {
    /// A random value that satisfies the field spec.
    static func randomValue(_ spec: FieldSpec, using random: inout SeededRandom) -> [UInt8] {
        let count: Int
        switch spec.length {
        case .fixed(let fixed): count = fixed
        default: count = Int.random(in: 0...min(spec.length.max, 40), using: &random)
        }
        switch spec.kind {
        case .b: return (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
        case .n: return (0..<count).map { _ in UInt8.random(in: 0x30...0x39, using: &random) }
        case .an, .ans, .z: return (0..<count).map { _ in UInt8.random(in: 0x20...0x7E, using: &random) }
        }
    }

    @Test(arguments: SampleMessages.specs)
    func randomValidMessagesSurvivePackAndUnpack(spec: MessageSpec) throws {
        var random = SeededRandom(seed: 8_583)
        let numbers = spec.fields.keys.sorted()
        for _ in 0..<300 {
            var message = IsoMessage(mti: ["0100", "0110", "0200", "0400", "0800"].randomElement(using: &random) ?? "0100")
            for _ in 0..<Int.random(in: 0...12, using: &random) {
                let number = numbers.randomElement(using: &random) ?? 2
                message.fields[number] = Self.randomValue(spec.fields[number]!, using: &random)
            }
            let bytes = try spec.pack(message)
            let (decoded, consumed) = try spec.unpack(bytes)
            #expect(decoded == message)
            #expect(consumed == bytes.count)
        }
    }

    @Test(arguments: SampleMessages.specs)
    func mutatedBytesEitherFailWithATypedErrorOrRoundTrip(spec: MessageSpec) throws {
        var random = SeededRandom(seed: 1_987)
        for message in SampleMessages.all {
            let bytes = try spec.pack(message)
            for _ in 0..<300 {
                var mutated = bytes
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    mutated[Int.random(in: 0..<mutated.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                }
                let decoded: IsoMessage
                do {
                    let (message, consumed) = try spec.unpack(mutated)
                    #expect(consumed <= mutated.count)
                    decoded = message
                } catch {
                    #expect(error.offset <= mutated.count)
                    continue
                }
                // Whatever unpacks must pack again and unpack to the same message.
                let repacked = try spec.pack(decoded)
                #expect(try spec.unpack(repacked).message == decoded)
            }
        }
    }
}
