import CorridorCore

/// A payment link of Russia's Faster Payments System (SBP), as its QR codes carry it:
/// `https://qr.nspk.ru/<32-char id>?type=01|02&bank=<12-digit member id>&sum=<kopecks>&cur=RUB&crc=<4 hex>`.
///
/// The `crc` is CRC-16/CCITT-FALSE over the link from `https://` up to, not including, `&crc=`, as four uppercase
/// hexadecimal digits (the rule every real link we have seen follows; NSPK does not publish it).
///
/// Guarantees for a decoded or encodable value: `identifier` is 32 characters of `A-Z0-9`;
/// `bankMemberIdentifier` is 12 digits; a dynamic link has an amount; the amount is in RUB and positive.
/// A decoded link without `crc` is accepted (older links omit it); one with a `crc` must match.
public struct SBPLink: Sendable, Hashable {
    /// The fixed start of every link.
    public static let prefix = "https://qr.nspk.ru/"
    /// The length of the QR code identifier.
    public static let identifierLength = 32
    /// The length of a bank's SBP member identifier.
    public static let bankMemberIdentifierLength = 12
    /// The longest link accepted, in bytes.
    public static let byteCountMax = 2_048

    /// The QR code identifier NSPK registered (`AS…` static, `AD…` dynamic, `BD…` for subscriptions).
    public var identifier: String
    /// Static or dynamic.
    public var type: SBPLinkType
    /// The merchant's bank as an SBP member id, e.g. `100000000001`.
    public var bankMemberIdentifier: String
    /// The amount in rubles and kopecks (`sum` carries kopecks).
    public var amount: Money?
    /// Parameters other than type, bank, sum, cur and crc, in link order.
    public var otherParameters: [MerchantQRObject]

    /// Creates a link.
    /// - Parameters:
    ///   - identifier: the 32-character QR code id.
    ///   - type: static or dynamic.
    ///   - bankMemberIdentifier: the 12-digit SBP member id.
    ///   - amount: the amount in RUB; required for dynamic links.
    ///   - otherParameters: extra query parameters, written before `crc`.
    public init(
        identifier: String, type: SBPLinkType, bankMemberIdentifier: String, amount: Money? = nil,
        otherParameters: [MerchantQRObject] = []
    ) {
        self.identifier = identifier
        self.type = type
        self.bankMemberIdentifier = bankMemberIdentifier
        self.amount = amount
        self.otherParameters = otherParameters
    }

    /// The link text with its `crc`.
    /// - Throws: ``MerchantQRError/cannotEncode(tag:reason:)`` naming the parameter that breaks its rule.
    public func encoded() throws(MerchantQRError) -> String {
        guard SBPLink.isIdentifier(identifier) else {
            throw .cannotEncode(tag: "id", reason: "the QR code id is 32 characters A-Z and 0-9")
        }
        guard bankMemberIdentifier.utf8.count == SBPLink.bankMemberIdentifierLength,
            bankMemberIdentifier.utf8.allSatisfy({ $0 &- 0x30 < 10 })
        else { throw .cannotEncode(tag: "bank", reason: "the SBP member id is 12 digits") }
        var text = SBPLink.prefix + identifier + "?type=" + type.rawValue + "&bank=" + bankMemberIdentifier
        if let amount {
            guard amount.currency == .rub else { throw .cannotEncode(tag: "sum", reason: "SBP links are in RUB") }
            guard amount.minorUnits > 0 else { throw .cannotEncode(tag: "sum", reason: "the sum must be positive") }
            text += "&sum=\(amount.minorUnits)&cur=RUB"
        } else if type == .dynamicLink {
            throw .cannotEncode(tag: "sum", reason: "a dynamic link needs a sum")
        }
        // The decoder's grammar: pairs split at `&`, a name ends at its first `=`; so a name holds neither, and a
        // value (which may hold `=`, as in `trc=a=b`) only no `&`. Anything stricter refused links it had decoded.
        for parameter in otherParameters {
            guard !parameter.path.isEmpty, !SBPLink.knownNames.contains(parameter.path),
                !parameter.path.contains(where: { $0 == "&" || $0 == "=" }), !parameter.value.contains("&")
            else { throw .cannotEncode(tag: parameter.path, reason: "not a free query parameter") }
            text += "&" + parameter.path + "=" + parameter.value
        }
        return text + "&crc=" + CRC16.hexText(CRC16.checksum(text))
    }

    /// The parameters as (name, value) pairs in link order, `crc` last.
    public var flattenedObjects: [MerchantQRObject] {
        var objects = [
            MerchantQRObject(path: "id", value: identifier),
            MerchantQRObject(path: "type", value: type.rawValue),
            MerchantQRObject(path: "bank", value: bankMemberIdentifier),
        ]
        if let amount {
            objects.append(MerchantQRObject(path: "sum", value: String(amount.minorUnits)))
            objects.append(MerchantQRObject(path: "cur", value: "RUB"))
        }
        objects += otherParameters
        return objects
    }

    static let knownNames: Set<String> = ["type", "bank", "sum", "cur", "crc"]

    static func isIdentifier(_ text: String) -> Bool {
        text.utf8.count == identifierLength
            && text.utf8.allSatisfy { $0 &- 0x30 < 10 || $0 &- 0x41 < 26 }
    }
}
