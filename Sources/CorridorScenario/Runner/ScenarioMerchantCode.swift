import CorridorCore
import CorridorGateway
import CorridorMerchantQR

/// The code a directory merchant shows, made from its entry: an SBP link (NSPK QR id, the acquirer's SBP member id)
/// for merchants taking `sbp_qr`, else an EMV merchant-presented code naming its first QR identifier in tag 15
/// (UnionPay) for `emv_qr`. With an amount the code is dynamic (EMV tag 01 = 12, SBP type 02).
enum ScenarioMerchantCode {
    /// An NSPK QR code id: 32 of A–Z and 0–9.
    static func isSBPIdentifier(_ text: String) -> Bool {
        text.utf8.count == SBPLink.identifierLength
            && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) }
    }

    static func payload(merchant id: String, amount: Money?, directory: GatewayDirectory) throws -> String {
        guard let merchant = directory.merchant(id) else {
            throw ScenarioError(line: nil, key: "merchant", "no merchant \(id) in the directory")
        }
        if merchant.instruments.contains(.sbpQR), let identifier = merchant.qrIdentifiers.first(where: isSBPIdentifier),
            let member = directory.participant(merchant.acquirer)?.sbpMemberID
        {
            return try SBPLink(
                identifier: identifier, type: amount == nil ? .staticLink : .dynamicLink, bankMemberIdentifier: member,
                amount: amount
            ).encoded()
        }
        // A digital-ruble merchant's wallet app code is an EMV code too (the gateway finds the merchant by it).
        guard merchant.instruments.contains(.emvQR) || merchant.instruments.contains(.cbdcWallet),
            let identifier = merchant.qrIdentifiers.first
        else {
            throw ScenarioError(
                line: nil, key: "merchant", "merchant \(id) takes no EMV or SBP QR code; give `payload`")
        }
        // Tags 59 and 60 are ASCII (EMV QRCPS MPM 4.7); the directory's names may be Chinese or Cyrillic, so the
        // code names the merchant by its id, which is how the gateway resolves it anyway (by the tag 15 identifier).
        let name = String(
            merchant.id.uppercased().filter { $0.isASCII }.prefix(MerchantPresentedQR.merchantNameLengthMax))
        let qr = MerchantPresentedQR(
            merchantName: name, merchantCity: merchant.country.alpha2, country: merchant.country,
            merchantCategoryCode: merchant.mcc, currency: merchant.currency,
            merchantAccounts: [try .unionPay(merchantIdentifier: identifier)])
        return try (amount.map { qr.withAmount($0) } ?? qr).encoded()
    }
}
