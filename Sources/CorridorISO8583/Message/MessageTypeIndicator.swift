/// The four MTI digits as ISO 8583 defines them: version, class, function, origin (ISO 8583:1987 clause 4.1).
public struct MessageTypeIndicator: Sendable, Hashable, CustomStringConvertible {
    /// First digit.
    public enum Version: Int, Sendable, Hashable { case iso1987 = 0, iso1993 = 1, iso2003 = 2, national = 8, `private` = 9 }
    /// Second digit.
    public enum MessageClass: Int, Sendable, Hashable {
        case reserved = 0, authorization, financial, fileAction, reversal, reconciliation, administrative,
            feeCollection, networkManagement, reservedISO
    }
    /// Third digit.
    public enum Function: Int, Sendable, Hashable {
        case request = 0, requestResponse, advice, adviceResponse, notification, notificationAcknowledgement,
            instruction, instructionAcknowledgement
    }
    /// Fourth digit.
    public enum Origin: Int, Sendable, Hashable {
        case acquirer = 0, acquirerRepeat, issuer, issuerRepeat, other, otherRepeat
    }

    public let version: Version
    public let messageClass: MessageClass
    public let function: Function
    public let origin: Origin

    /// Parses four digits.
    /// - Parameter text: the MTI, such as "0100".
    /// - Throws: `ISO8583Error.mtiInvalid(offset:)` at the first bad digit.
    public init(_ text: String) throws(ISO8583Error) {
        try self.init(characters: Self.characters(of: text))
    }

    /// The four characters of a valid MTI, checked as ``init(_:)`` checks them, without building the value.
    /// - Throws: `ISO8583Error.mtiInvalid(offset:)` as ``init(_:)`` does.
    static func characters(of text: String) throws(ISO8583Error) -> (UInt8, UInt8, UInt8, UInt8) {
        var text = text
        let characters = text.withUTF8 { utf8 -> (UInt8, UInt8, UInt8, UInt8)? in
            utf8.count == 4 ? (utf8[0], utf8[1], utf8[2], utf8[3]) : nil
        }
        guard let characters else { throw .mtiInvalid(offset: min(text.utf8.count, 4)) }
        _ = try MessageTypeIndicator(characters: characters)
        return characters
    }

    /// Parses four ASCII characters, as they arrive on the wire or sit in a `String`.
    /// - Throws: `ISO8583Error.mtiInvalid(offset:)` at the first character that is not a digit, else at the first
    ///   digit that names no version, class, function or origin.
    init(characters: (UInt8, UInt8, UInt8, UInt8)) throws(ISO8583Error) {
        let digits = (characters.0 &- 0x30, characters.1 &- 0x30, characters.2 &- 0x30, characters.3 &- 0x30)
        if digits.0 > 9 { throw .mtiInvalid(offset: 0) }
        if digits.1 > 9 { throw .mtiInvalid(offset: 1) }
        if digits.2 > 9 { throw .mtiInvalid(offset: 2) }
        if digits.3 > 9 { throw .mtiInvalid(offset: 3) }
        guard let version = Version(rawValue: Int(digits.0)) else { throw .mtiInvalid(offset: 0) }
        guard let messageClass = MessageClass(rawValue: Int(digits.1)) else { throw .mtiInvalid(offset: 1) }
        guard let function = Function(rawValue: Int(digits.2)) else { throw .mtiInvalid(offset: 2) }
        guard let origin = Origin(rawValue: Int(digits.3)) else { throw .mtiInvalid(offset: 3) }
        self.version = version
        self.messageClass = messageClass
        self.function = function
        self.origin = origin
    }

    /// The four digits.
    public var description: String {
        "\(version.rawValue)\(messageClass.rawValue)\(function.rawValue)\(origin.rawValue)"
    }

    /// The MTI of the response to this request (function + 1: 0100 → 0110); nil when this is not a request.
    public var responseMTI: String? {
        switch function {
        case .request, .advice, .notification, .instruction:
            // A repeat (0101, 0401, 0421) is answered like the original (0110, 0410, 0430): the repeat bit clears.
            "\(version.rawValue)\(messageClass.rawValue)\(function.rawValue + 1)\(origin.rawValue - origin.rawValue % 2)"
        default: nil
        }
    }
}
