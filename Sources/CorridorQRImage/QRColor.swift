/// An opaque sRGB colour for dark or light modules.
public struct QRColor: Sendable, Hashable {
    /// Red, 0 ... 255.
    public var red: UInt8
    /// Green, 0 ... 255.
    public var green: UInt8
    /// Blue, 0 ... 255.
    public var blue: UInt8

    /// Black.
    public static let black = QRColor(red: 0, green: 0, blue: 0)
    /// White.
    public static let white = QRColor(red: 255, green: 255, blue: 255)

    /// Makes a colour from its components.
    ///
    /// - Parameters:
    ///   - red: Red, 0 ... 255.
    ///   - green: Green, 0 ... 255.
    ///   - blue: Blue, 0 ... 255.
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// Parses `#rrggbb`, `rrggbb`, `#rgb` or `rgb` (hex digits, either case); nil for anything else.
    ///
    /// - Parameter hex: The colour as CSS writes it.
    public init?(hex: String) {
        var digits = Substring(hex)
        if digits.first == "#" { digits = digits.dropFirst() }
        let values = digits.map { $0.hexDigitValue }
        guard values.allSatisfy({ $0 != nil }) else { return nil }
        let nibbles = values.map { UInt8($0!) }
        switch nibbles.count {
        case 3:
            self.init(red: nibbles[0] * 17, green: nibbles[1] * 17, blue: nibbles[2] * 17)
        case 6:
            self.init(
                red: nibbles[0] << 4 | nibbles[1],
                green: nibbles[2] << 4 | nibbles[3],
                blue: nibbles[4] << 4 | nibbles[5]
            )
        default:
            return nil
        }
    }

    /// The shortest CSS form: `#rgb` when every component repeats a hex digit, `#rrggbb` otherwise; lower case.
    public var cssHex: String {
        let components = [red, green, blue]
        if components.allSatisfy({ $0 >> 4 == $0 & 0x0F }) {
            return "#" + components.map { String($0 & 0x0F, radix: 16) }.joined()
        }
        return "#" + components.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
