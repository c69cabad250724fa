import CorridorISO8583
import Testing

@Suite("ISO 8583 descriptions mask the PAN and hide track data")
struct DescribeTests {
    static let pan = "4111111111111111"
    static var message: IsoMessage {
        var message = SampleMessages.authorization
        message[text: 35] = "4111111111111111=28121010000000000000"
        message[text: 45] = "B4111111111111111^CARDHOLDER/TEST^2812101000000000000"
        message.fields[52] = [0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC, 0xDE, 0xF0]
        message.fields[55] = [0x9F, 0x26, 0x02, 0xAB, 0xCD]
        return message
    }

    @Test func describedMessagesNeverContainTheFullPAN() {
        let texts = [
            MessageSpec.ascii1987.describe(Self.message), MessageSpec.ascii1987.describeJSON(Self.message),
            Self.message.description, String(reflecting: Self.message), "\(Self.message)",
        ]
        for text in texts {
            #expect(!text.contains(Self.pan))
            #expect(!text.contains("CARDHOLDER"))
            #expect(!text.contains("123456789ABCDEF0"))
        }
        #expect(MessageSpec.ascii1987.describe(Self.message).contains("411111******1111"))
    }

    @Test func jsonHasPyiso8583sShape() {
        let json = MessageSpec.ascii1987.describeJSON(SampleMessages.financialWithChip)
        #expect(json.hasPrefix(#"{"t":"0200","p":"7020040000008200","2":"620000******0005","3":"000000""#))
        #expect(json.contains(#""55":"9F2608010203040506070895050000008000""#))
        let echo = MessageSpec.ascii1987.describeJSON(SampleMessages.echo)
        #expect(echo == #"{"t":"0800","p":"8220000000000000","1":"0400000000000000","7":"1123201500","11":"000126","70":"301"}"#)
    }

    @Test func unmaskedJSONShowsThePANOnlyWhenAsked() {
        #expect(MessageSpec.ascii1987.describeJSON(Self.message, unmasked: true).contains(Self.pan))
    }

    @Test func humanDescriptionNamesTheMTIAndTheFields() {
        let text = MessageSpec.ascii1987.describe(SampleMessages.echo)
        #expect(text.hasPrefix("MTI 0800 (version iso1987, networkManagement, request, acquirer)"))
        #expect(text.contains(" 70 Network Management Information Code: 301"))
    }
}
