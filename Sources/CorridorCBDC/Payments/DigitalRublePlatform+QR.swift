import CorridorCore
import CorridorMerchantQR

extension DigitalRublePlatform {
    /// The globally unique identifier of the platform's EMV merchant account template (EMV QRCPS MPM 4.3, a
    /// reverse domain name as PIX uses): sub-ID 01 carries the wallet id, 02 the servicing bank.
    public static let qrGloballyUniqueIdentifier = "ru.cbr.digitalruble"
    /// The EMV tag of the platform's merchant account template.
    public static let qrTemplateID: UInt8 = 26

    /// A dynamic EMV merchant-presented QR payload for one sale: tag 01 = 12, tag 26 the platform's template
    /// (`00` ``qrGloballyUniqueIdentifier``, `01` wallet id, `02` bank), tags 52/53/54/58/59/60 and a unique
    /// reference label in 62.05 that becomes the payment id when the code is paid, so paying one code twice pays once.
    /// - Parameters:
    ///   - wallet: the merchant's wallet (a sole trader or company).
    ///   - amount: the sale amount, RUB.
    /// - Throws: ``CBDCPlatformError``.
    public func merchantQR(wallet: WalletID, amount: Money) throws(CBDCPlatformError) -> String {
        guard let merchant = wallets[wallet] else { throw .walletUnknown(wallet) }
        guard merchant.type.isBusiness else { throw .notAMerchant(wallet) }
        guard amount.currency == .rub, amount.minorUnits > 0 else { throw .amountInvalid }
        qrSequence += 1
        // The clock's millisecond (base 36) keeps references unique across processes, whose sequences all start at 1.
        let reference = "DRQ" + String(clock.now().unixMilliseconds, radix: 36, uppercase: true) + "." + String(qrSequence)
            + "-" + String(merchant.id.suffix(8))
        do {
            let account = try MerchantAccountInformation.template(
                id: Self.qrTemplateID, globallyUniqueIdentifier: Self.qrGloballyUniqueIdentifier,
                fields: [(1, merchant.id), (2, merchant.servicingBank)])
            var qr = MerchantPresentedQR(
                merchantName: Self.emvName(merchant.name), merchantCity: "MOSCOW", country: .russia,
                merchantCategoryCode: merchant.merchantCategoryCode ?? MerchantCategoryCode(5999)!, currency: .rub,
                merchantAccounts: [account]
            ).withAmount(amount)
            qr.additionalData = AdditionalDataField(referenceLabel: reference)
            return try qr.encoded()
        } catch {
            throw .identifierInvalid("QR: \(error)")
        }
    }

    /// Pays a merchant's dynamic QR (from ``merchantQR(wallet:amount:)``) from a person's wallet as a C2B payment.
    /// A payload that is not a platform code is declined (30/FF01) and not recorded.
    /// - Parameters:
    ///   - payload: the scanned payload.
    ///   - wallet: the payer's wallet.
    ///   - paymentID: the payment id; by default `QR-` and the code's reference label.
    public func pay(qr payload: String, from wallet: WalletID, paymentID: String? = nil) async -> CBDCPaymentResult {
        func invalid(_ text: String) -> CBDCPaymentResult {
            CBDCPaymentResult(id: paymentID ?? "", kind: .c2b, amount: .zero(.rub), payer: wallet, payee: nil,
                              declined: .qrInvalid(text))
        }
        let decoded: DecodedMerchantQR
        do { decoded = try MerchantQRDecoder.decode(payload) } catch { return invalid("\(error)") }
        guard let emv = decoded.emv else { return invalid("not an EMV merchant-presented code") }
        guard let account = emv.merchantAccounts.first(where: { $0.globallyUniqueIdentifier == Self.qrGloballyUniqueIdentifier }),
            let payee = account.field(1)
        else { return invalid("no \(Self.qrGloballyUniqueIdentifier) merchant account") }
        guard let amount = emv.amount, amount.currency == .rub else { return invalid("no RUB amount") }
        guard let id = paymentID ?? emv.additionalData?.referenceLabel.map({ "QR-" + $0 }) else {
            return invalid("no reference label and no payment id")
        }
        let request = CBDCPaymentRequest(id: id, kind: .c2b, payer: wallet, payee: payee, amount: amount,
                                         reference: emv.additionalData?.referenceLabel ?? "")
        return await perform(id, .payment(request), qrPayload: payload)
    }

    /// A name in the EMV common character set, at most 25 characters (tag 59); names in another script become
    /// `DIGITAL RUBLE MERCHANT`.
    static func emvName(_ name: String) -> String {
        let ascii = String(name.unicodeScalars.filter { $0.value >= 0x20 && $0.value < 0x7F }.map(Character.init))
            .trimmingCharacters(in: .whitespaces)
        let usable = ascii.isEmpty || ascii.count * 2 < name.count ? "DIGITAL RUBLE MERCHANT" : ascii
        return String(usable.prefix(MerchantPresentedQR.merchantNameLengthMax))
    }
}
