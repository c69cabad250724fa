/// One merchant account information data object, tags 02–51 (EMV QRCPS MPM 4.3).
///
/// Tags 02–25 hold a network's merchant identifier as plain text (UnionPay in 15–16); tags 26–51 are templates
/// whose sub-ID 00 is a globally unique identifier (an AID such as `A000000677010111`, or a reverse domain such as
/// `br.gov.bcb.pix`) followed by payment-system-specific sub-IDs.
///
/// Guarantees: `object.id` is 2...51; `object.value` is at most 99 characters.
public struct MerchantAccountInformation: Sendable, Hashable {
    /// The longest globally unique identifier, in characters (EMV QRCPS MPM 4.3).
    public static let globallyUniqueIdentifierLengthMax = 32

    /// The data object as carried in the payload.
    public let object: EMVDataObject

    /// Wraps a data object with an ID in 02–51.
    /// - Parameters:
    ///   - object: the data object.
    /// - Throws: ``MerchantQRError/cannotEncode(tag:reason:)`` when the ID is outside 02–51.
    public init(_ object: EMVDataObject) throws(MerchantQRError) {
        guard (2...51).contains(object.id) else {
            throw .cannotEncode(tag: object.idText, reason: "merchant account information uses IDs 02 to 51")
        }
        self.object = object
    }

    /// Wraps a decoded data object whose ID the decoder has checked to be in 02–51.
    init(uncheckedObject object: EMVDataObject) {
        self.object = object
    }

    /// The ID, 2...51.
    public var id: UInt8 { object.id }

    /// The network that owns the ID.
    public var network: EMVPaymentNetwork {
        guard let network = EMVPaymentNetwork(id: object.id) else { preconditionFailure("ID checked in init") }
        return network
    }

    /// Sub-ID 00 of a template (tags 26–51), or nil for plain values and raw templates.
    public var globallyUniqueIdentifier: String? {
        object.id >= 26 ? object.child(0)?.value : nil
    }

    /// The value of sub-ID `id` of a template, or nil.
    /// - Parameters:
    ///   - id: the sub-ID.
    public func field(_ id: UInt8) -> String? {
        object.child(id)?.value
    }
}
