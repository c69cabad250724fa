import CorridorQRImage
import Testing

/// Colour parsing and CSS printing.
struct QRColorTests {
    @Test(arguments: [
        ("#102a5c", QRColor(red: 0x10, green: 0x2A, blue: 0x5C)),
        ("102A5C", QRColor(red: 0x10, green: 0x2A, blue: 0x5C)),
        ("#fff", QRColor.white),
        ("000", QRColor.black),
    ])
    func hexParses(text: String, color: QRColor) {
        #expect(QRColor(hex: text) == color)
    }

    @Test(arguments: ["", "#", "#ff", "#ffff", "#gggggg", "#1234567", "red"])
    func malformedHexIsNil(text: String) {
        #expect(QRColor(hex: text) == nil)
    }

    @Test func cssHexIsShortestLowerCase() {
        #expect(QRColor.white.cssHex == "#fff")
        #expect(QRColor(red: 0x10, green: 0x2A, blue: 0x5C).cssHex == "#102a5c")
        #expect(QRColor(red: 0x01, green: 0x11, blue: 0x22).cssHex == "#011122")
        #expect(QRColor(hex: QRColor(red: 7, green: 200, blue: 99).cssHex) == QRColor(red: 7, green: 200, blue: 99))
    }
}
