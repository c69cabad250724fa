import CorridorCore
import CorridorGateway

/// Which merchants a tourist can pay, by instrument, merchant category and currency: built once from the directory
/// (merchants of the traffic's country), then looked up per payment by small integers.
struct TrafficMerchants {
    struct Key: Hashable {
        let instrument: TouristGroup.Instrument
        let mcc: Int
        let currency: Currency
    }

    private var pools: [Key: [MerchantID]] = [:]

    init(directory: GatewayDirectory, country: Country?) {
        for merchant in directory.merchants.values.sorted(by: { $0.id < $1.id })
        where country == nil || merchant.country == country {
            for instrument in TouristGroup.Instrument.allCases where Self.accepts(merchant, instrument) {
                pools[Key(instrument: instrument, mcc: merchant.mcc.code, currency: merchant.currency), default: []]
                    .append(merchant.id)
                pools[Key(instrument: instrument, mcc: -1, currency: merchant.currency), default: []].append(
                    merchant.id)
            }
        }
    }

    /// True when the merchant takes the instrument (bank apps scan EMV or SBP codes; wallets need a code to scan).
    static func accepts(_ merchant: Merchant, _ instrument: TouristGroup.Instrument) -> Bool {
        switch instrument {
        case .mirCard, .unionPayCard: merchant.instruments.contains(.card)
        case .bankQR:
            (merchant.instruments.contains(.sbpQR) || merchant.instruments.contains(.emvQR))
                && !merchant.qrIdentifiers.isEmpty
        case .cbdcWallet:
            merchant.instruments.contains(.cbdcWallet) && merchant.cbdcWallet != nil && !merchant.qrIdentifiers.isEmpty
        }
    }

    /// The merchants of a category taking the instrument in the basket's currency; any category's when none.
    func pool(_ instrument: TouristGroup.Instrument, mcc: Int, currency: Currency) -> [MerchantID]? {
        pools[Key(instrument: instrument, mcc: mcc, currency: currency)]
            ?? pools[Key(instrument: instrument, mcc: -1, currency: currency)]
    }
}
