import CorridorCBDC
import CorridorCore
import CorridorGateway
import CorridorIssuer
import CorridorLedger
import Foundation
import Logging

/// Builds the run's gateway from the world's files, as ``GatewayWorld`` does, with the population added before the
/// gateway provisions: each card tourist's card in the issuer portfolio, each bank-app tourist in the directory as
/// a customer with an opening balance. The issuer host answers delayed requests at once (the delay is simulated,
/// counted in the report, not slept) and remembers transaction keys for ten minutes of simulated time, so it does
/// not grow with the traffic.
struct ScenarioGatewayFactory {
    let world: ScenarioWorld
    let population: [TouristGroup]
    let faults: [ScenarioFault]

    /// How long the issuer host remembers a transaction key, in simulated seconds.
    static let duplicateWindowSeconds: Int64 = 600

    func makeGateway(
        backend: any SettlementBackend, store: any PaymentStore, tokenizer: CardTokenizer, clock: any WallClock,
        ids: IdentifierGenerator, seed: UInt64, cbdc: DigitalRublePlatform?, logger: Logger
    ) async throws -> Gateway {
        let folder = world.gatewayFolder
        var directory = try GatewayDirectory(directory: folder)
        let book = try FXRateBook(contentsOf: folder.appendingPathComponent("fx-rates.csv"))
        let spreadsFile = folder.appendingPathComponent("fx-spreads.csv")
        let spreads =
            FileManager.default.fileExists(atPath: spreadsFile.path)
            ? try FXSpreadTable(contentsOf: spreadsFile) : FXSpreadTable()
        let watchList = try WatchList(contentsOf: folder.appendingPathComponent("watchlist.csv"))
        var portfolio: IssuerPortfolio?
        if let cardsFile = world.cardsFile {
            portfolio = try IssuerPortfolio(contentsOf: cardsFile, tokenizer: tokenizer)
        }

        for (groupIndex, group) in population.enumerated() {
            let line = group.line
            guard directory.participant(group.bank) != nil else {
                throw ScenarioError(
                    line: line, key: "population[\(groupIndex)].bank", "no participant \(group.bank) in the directory")
            }
            for index in 0..<group.size {
                let tourist = Tourist(group: group, groupIndex: groupIndex, index: index)
                switch tourist.instrument {
                case .mirCard, .unionPayCard:
                    guard portfolio?.issuers[group.bank] != nil else {
                        throw ScenarioError(
                            line: line, key: "population[\(groupIndex)].bank",
                            "\(group.bank) issues no cards in world.cards")
                    }
                    let pan = try PrimaryAccountNumber(tourist.pan)
                    portfolio?.add(
                        IssuedCard(
                            token: tokenizer.token(for: pan), issuerID: group.bank, currency: group.balance.currency,
                            openingBalance: group.balance, expiry: Tourist.cardExpiry))
                case .bankQR:
                    do {
                        try directory.add(
                            BankCustomer(
                                bank: group.bank, reference: tourist.reference, name: tourist.name,
                                country: group.home, currency: group.balance.currency, openingBalance: group.balance))
                    } catch {
                        throw ScenarioError(line: line, key: "population[\(groupIndex)]", "\(error)")
                    }
                case .cbdcWallet:
                    break
                }
            }
        }
        for (index, fault) in faults.enumerated() {
            guard case .sanctionsHit(_, let name, let bank, _, let amount) = fault else { continue }
            guard let participant = directory.participant(bank), let currency = participant.currencies.first else {
                throw ScenarioError(
                    line: nil, key: "faults[\(index)].sanctions_hit.bank", "no participant \(bank) in the directory")
            }
            let balance = Money(
                minorUnits: currency == amount.currency ? amount.minorUnits * 10 : 100_000_000, currency: currency)
            do {
                try directory.add(
                    BankCustomer(
                        bank: bank, reference: TrafficEngine.sanctionsReference(index), name: name,
                        country: participant.country, currency: currency, openingBalance: balance))
            } catch {
                throw ScenarioError(line: nil, key: "faults[\(index)].sanctions_hit", "\(error)")
            }
        }
        let configuration = GatewayConfiguration()
        var issuing: Gateway.CardIssuing?
        if let portfolio {
            let host = IssuerHost(
                portfolio: portfolio, backend: backend, tokenizer: tokenizer, clock: clock,
                configuration: IssuerHostConfiguration(
                    responseDelay: .zero, duplicateWindowSeconds: Self.duplicateWindowSeconds,
                    approvalSeed: seed),
                logger: logger)
            issuing = Gateway.CardIssuing(host: host, portfolio: portfolio, tokenizer: tokenizer)
        }
        let gateway = Gateway(
            directory: directory, backend: backend, store: store,
            screener: ComplianceScreener(watchList: watchList, limits: directory.screeningLimits),
            quoter: FXQuoter(book: book, spreads: spreads, lifetimeSeconds: configuration.quoteLifetimeSeconds),
            issuer: issuing, cbdc: cbdc, clock: clock, ids: ids, configuration: configuration, logger: logger)
        try await gateway.provision()
        return gateway
    }
}
