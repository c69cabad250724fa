import CorridorCore

/// The corridor table (RU→CN, CN→RU, RU→other, domestic, …): which rail a payment takes for its instrument.
///
/// Cards always clear through their scheme; a cross-border card payment's settlement leg is also messaged as a
/// pacs.008 between issuer and acquirer. Bank-app QR payments are domestic fast payments (SBP) or transfers (GOST)
/// at home, and correspondent banking abroad, over the payer bank's network and then the acquirer's (SPFS→CIPS
/// for RU→CN, CIPS→SPFS for CN→RU, SWIFT elsewhere).
public struct RoutingTable: Sendable {
    /// Creates the default table.
    public init() {}

    /// The route for a payment.
    /// - Parameters:
    ///   - instrument: how the payer pays.
    ///   - cardSystem: the card's payment system (cards only).
    ///   - payerBank: the issuer or the payer's bank.
    ///   - acquirer: the merchant's acquirer.
    public func route(
        instrument: PaymentInstrumentKind, cardSystem: PaymentSystem?, payerBank: Participant, acquirer: Participant
    ) -> PaymentRoute {
        let corridor = PaymentCorridor(payerCountry: payerBank.country, payeeCountry: acquirer.country)
        let networks: [MessagingNetwork] = corridor.isDomestic
            ? []
            : (payerBank.network == acquirer.network ? [payerBank.network] : [payerBank.network, acquirer.network])
        switch instrument {
        case .card:
            return PaymentRoute(corridor: corridor, rail: .schemeClearing, system: cardSystem ?? .visa, networks: networks)
        case .sbpQR:
            return PaymentRoute(
                corridor: corridor, rail: corridor.isDomestic ? .domesticFastPayment : .correspondentBanking,
                system: .sbp, networks: networks)
        case .gostTransfer:
            return PaymentRoute(
                corridor: corridor, rail: corridor.isDomestic ? .domesticTransfer : .correspondentBanking,
                system: .bankTransfer, networks: networks)
        case .emvQR, .cbdcWallet:
            return PaymentRoute(
                corridor: corridor, rail: corridor.isDomestic ? .domesticFastPayment : .correspondentBanking,
                system: .emvQR, networks: networks)
        }
    }
}
