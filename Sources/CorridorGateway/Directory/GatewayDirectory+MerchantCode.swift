import CorridorCore
import CorridorMerchantQR

/// Why a directory merchant's QR code cannot be made.
public enum MerchantCodeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No merchant has this id.
    case unknownMerchant(MerchantID)
    /// The merchant takes no EMV or SBP QR payment, or has no identifier to put in one.
    case noQRCode(MerchantID)
    /// A value of the merchant's entry does not fit the format.
    case cannotEncode(MerchantQRError)

    public var description: String {
        switch self {
        case .unknownMerchant(let id): "no merchant \(id) in the directory"
        case .noQRCode(let id): "merchant \(id) takes no EMV or SBP QR code"
        case .cannotEncode(let error): "\(error)"
        }
    }
}

extension GatewayDirectory {
    /// An NSPK QR code id: 32 of A–Z and 0–9.
    public static func isSBPIdentifier(_ text: String) -> Bool {
        text.utf8.count == SBPLink.identifierLength
            && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) }
    }

    /// The code a directory merchant shows, made from its entry: an SBP link (its NSPK QR id and the acquirer's SBP
    /// member id) for merchants taking `sbp_qr`, else an EMV merchant-presented code naming its first QR identifier
    /// in tag 15 (UnionPay) for `emv_qr` (and for a digital-ruble merchant, whose wallet app reads the same code).
    /// With an amount the code is dynamic (EMV tag 01 = 12, SBP type 02). The scenario runner, the HTTP API and the
    /// dashboard all make codes here, so a code from any of them pays the same merchant.
    /// - Parameters:
    ///   - id: the merchant.
    ///   - amount: the amount of a dynamic code; nil for the static one.
    public func qrPayload(merchant id: MerchantID, amount: Money?) throws(MerchantCodeError) -> String {
        guard let merchant = merchant(id) else { throw .unknownMerchant(id) }
        do {
            if merchant.instruments.contains(.sbpQR),
                let identifier = merchant.qrIdentifiers.first(where: Self.isSBPIdentifier),
                let member = participant(merchant.acquirer)?.sbpMemberID
            {
                return try SBPLink(
                    identifier: identifier, type: amount == nil ? .staticLink : .dynamicLink,
                    bankMemberIdentifier: member, amount: amount
                ).encoded()
            }
            guard merchant.instruments.contains(.emvQR) || merchant.instruments.contains(.cbdcWallet),
                let identifier = merchant.qrIdentifiers.first
            else { throw MerchantCodeError.noQRCode(id) }
            // Tags 59 and 60 are ASCII (EMV QRCPS MPM 4.7); names may be Chinese or Cyrillic, so the code names the
            // merchant by its id, which is how the gateway resolves it anyway (by the tag 15 identifier).
            let name = String(
                merchant.id.uppercased().filter { $0.isASCII }.prefix(MerchantPresentedQR.merchantNameLengthMax))
            let qr = MerchantPresentedQR(
                merchantName: name, merchantCity: merchant.country.alpha2, country: merchant.country,
                merchantCategoryCode: merchant.mcc, currency: merchant.currency,
                merchantAccounts: [try .unionPay(merchantIdentifier: identifier)])
            return try (amount.map { qr.withAmount($0) } ?? qr).encoded()
        } catch let error as MerchantCodeError {
            throw error
        } catch let error as MerchantQRError {
            throw .cannotEncode(error)
        } catch {
            throw .noQRCode(id)
        }
    }
}
