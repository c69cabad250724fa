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
        let characters = Array(text.utf8)
        guard characters.count == 4 else { throw .mtiInvalid(offset: min(characters.count, 4)) }
        var digits: [Int] = []
        for (index, character) in characters.enumerated() {
            guard character >= UInt8(ascii: "0"), character <= UInt8(ascii: "9") else {
                throw .mtiInvalid(offset: index)
            }
            digits.append(Int(character - UInt8(ascii: "0")))
        }
        guard let version = Version(rawValue: digits[0]) else { throw .mtiInvalid(offset: 0) }
        guard let messageClass = MessageClass(rawValue: digits[1]) else { throw .mtiInvalid(offset: 1) }
        guard let function = Function(rawValue: digits[2]) else { throw .mtiInvalid(offset: 2) }
        guard let origin = Origin(rawValue: digits[3]) else { throw .mtiInvalid(offset: 3) }
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
            "\(version.rawValue)\(messageClass.rawValue)\(function.rawValue + 1)\(origin.rawValue)"
        default: nil
        }
    }
}
