import CorridorISO8583
import Testing

@Suite("IsoFields: a message's fields by number")
struct IsoFieldsTests {
    @Test func fieldsReadLikeADictionarySortedByNumber() {
        var fields = IsoFields()
        for number in [41, 2, 70, 4, 128, 3] { fields[number] = Array("V\(number)".utf8) }
        #expect(fields.keys == [2, 3, 4, 41, 70, 128])
        #expect(fields.count == 6)
        #expect(fields.map(\.key) == [2, 3, 4, 41, 70, 128])
        #expect(fields.map { String(decoding: $0.value, as: UTF8.self) } == ["V2", "V3", "V4", "V41", "V70", "V128"])
        #expect(fields[70] == Array("V70".utf8))
        #expect(fields[5] == nil)

        fields[41] = nil
        fields[5] = nil
        #expect(fields.keys == [2, 3, 4, 70, 128])
        #expect(IsoFields(fields.dictionary) == fields)
        let literal: IsoFields = [3: Array("V3".utf8), 2: Array("V2".utf8)]
        #expect(literal.keys == [2, 3])
    }

    @Test func equalFieldsAreEqualHoweverTheyWereBuilt() throws {
        let message = SampleMessages.authorization
        let bytes = try MessageSpec.ascii1987.pack(message)
        let decoded = try MessageSpec.ascii1987.unpack(bytes).message
        #expect(decoded == message)
        #expect(decoded.hashValue == message.hashValue)
        #expect(IsoMessage(mti: message.mti, fields: message.fields.dictionary) == message)

        var reordered = IsoMessage(mti: message.mti)
        for number in message.fields.keys.reversed() { reordered.fields[number] = message.fields[number] }
        #expect(reordered == message)
        #expect(Set([reordered, decoded, message]).count == 1)
    }

    @Test func changingAnUnpackedMessageLeavesTheWireBytesAlone() throws {
        let bytes = try MessageSpec.ascii1987.pack(SampleMessages.authorization)
        let original = bytes
        var response = try MessageSpec.ascii1987.unpack(bytes).message
        response.mti = "0110"
        response[text: 39] = "00"
        response[text: 4] = "000000099999"
        response.fields[2] = nil
        response[text: 38] = "A1B2C3"

        var expected = SampleMessages.authorization
        expected.mti = "0110"
        expected.fields[2] = nil
        expected[text: 4] = "000000099999"
        expected[text: 38] = "A1B2C3"
        expected[text: 39] = "00"
        #expect(response == expected)
        #expect(bytes == original)
        #expect(try MessageSpec.ascii1987.unpack(MessageSpec.ascii1987.pack(response)).message == expected)
    }

    @Test func replacingAValueManyTimesKeepsOnlyTheLatest() throws {
        var message = IsoMessage(mti: "0100", text: [3: "000000", 11: "000001"])
        for round in 0..<2_000 {
            message[text: 48] = String(repeating: Character(String(round % 10)), count: 1 + round % 300)
            message[text: 11] = String(100_000 + round)
        }
        #expect(message[text: 48] == String(repeating: "9", count: 1 + 1_999 % 300))
        #expect(message[text: 11] == "101999")
        #expect(message.fields.keys == [3, 11, 48])
        let bytes = try MessageSpec.ascii1987.pack(message)
        #expect(try MessageSpec.ascii1987.unpack(bytes).message == message)
    }

    @Test func numbersOutsideTheBitmapAreKeptAndPackNamesTheLowest() {
        var message = IsoMessage(mti: "0100", text: [3: "000000"])
        message.fields[200] = [1]
        message.fields[0] = [2]
        #expect(message.fields.keys == [0, 3, 200])
        #expect(message.fields[200] == [1])
        #expect(throws: ISO8583Error.fieldNotInSpec(field: 0, offset: 4)) { try MessageSpec.ascii1987.pack(message) }
        message.fields[0] = nil
        #expect(throws: ISO8583Error.fieldNotInSpec(field: 200, offset: 4)) { try MessageSpec.ascii1987.pack(message) }
    }

    @Test func describingTheFieldsMasksThePAN() {
        let text = "\(SampleMessages.authorization.fields)"
        #expect(!text.contains("4111111111111111"))
        #expect(text.contains("411111******1111"))
        #expect(text.hasPrefix("[2: "))
    }
}
