import CorridorCore
import CorridorGateway
import CorridorMerchantQR

/// The code a directory merchant shows, made from its entry: an SBP link (its NSPK QR id and the acquirer's SBP
/// member id) for merchants taking `sbp_qr`, else an EMV merchant-presented code naming its first QR identifier in
/// tag 15 (UnionPay). With an amount the code is dynamic (EMV tag 01 = 12, SBP type 02). The same rule as the
/// scenario runner's, so a code from either pays the same merchant.
enum MerchantQRPayload {
    /// An NSPK QR code id: 32 of A–Z and 0–9.
    static func isSBPIdentifier(_ text: String) -> Bool {
        text.utf8.count == SBPLink.identifierLength
            && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) }
    }

    /// The payload.
    /// - Throws: ``MerchantQRError`` when a value does not fit the format, 422 when the merchant has no usable id.
    static func payload(for merchant: Merchant, amount: Money?, directory: GatewayDirectory) throws -> String {
        if merchant.instruments.contains(.sbpQR), let identifier = merchant.qrIdentifiers.first(where: isSBPIdentifier),
            let member = directory.participant(merchant.acquirer)?.sbpMemberID
        {
            return try SBPLink(
                identifier: identifier, type: amount == nil ? .staticLink : .dynamicLink,
                bankMemberIdentifier: member, amount: amount
            ).encoded()
        }
        guard merchant.instruments.contains(.emvQR), let identifier = merchant.qrIdentifiers.first else {
            throw HTTPProblem.unprocessable("merchant \(merchant.id) has no QR identifier", field: "qrIdentifiers")
        }
        // Tags 59 and 60 are ASCII (EMV QRCPS MPM 4.7); names may be Chinese or Cyrillic, so the code names the
        // merchant by its id, which is how the gateway resolves it anyway (by the tag 15 identifier).
        let name = String(
            merchant.id.uppercased().filter { $0.isASCII }.prefix(MerchantPresentedQR.merchantNameLengthMax))
        let qr = MerchantPresentedQR(
            merchantName: name, merchantCity: merchant.country.alpha2, country: merchant.country,
            merchantCategoryCode: merchant.mcc, currency: merchant.currency,
            merchantAccounts: [try .unionPay(merchantIdentifier: identifier)])
        return try (amount.map { qr.withAmount($0) } ?? qr).encoded()
    }
}
