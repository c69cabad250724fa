/// What an operation on the platform is; decides who may take part and whether a fee applies.
public enum CBDCPaymentKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Person to person: free.
    case p2p
    /// Customer to business (a person pays a sole trader or company, usually by QR): the merchant pays a fee.
    case c2b
    /// Business to business (sole traders, companies, government bodies paying businesses): free in this model.
    case b2b
    /// Government to person (benefits, pensions): free.
    case g2p
    /// Conversion of a bank deposit into digital rubles.
    case toDigital = "to-digital"
    /// Conversion of digital rubles back into a bank deposit.
    case toDeposit = "to-deposit"
    /// A full or partial refund of a payment.
    case refund

    /// Whether a payer of `payer` type may pay a payee of `payee` type with this kind.
    /// - Parameters:
    ///   - payer: the payer wallet's type.
    ///   - payee: the payee wallet's type.
    public func permits(payer: CBDCWalletType, payee: CBDCWalletType) -> Bool {
        switch self {
        case .p2p: payer == .person && payee == .person
        case .c2b: payer == .person && payee.isBusiness
        case .b2b: (payer.isBusiness || payer == .government) && payee.isBusiness
        case .g2p: payer == .government && payee == .person
        case .toDigital, .toDeposit, .refund: false
        }
    }
}
