import CorridorCore
import CorridorGateway
import Foundation

/// Context for the end-to-end figures: `screen_quote_per_s`, steps 3–4 of a payment alone on one core — screening
/// the four names of a payment (payer, merchant, both banks) against the sample watch list, then quoting the
/// conversion with the payer bank's spread. The names cycle over 2,000 payers, so after the first pass the
/// screener answers them from its name cache, as it does in the end-to-end run. Thread CPU time, best of 3.
enum GatewayScreenQuoteBench {
    static let rounds = 3

    static func run(_ options: BenchOptions) throws {
        let folder = GatewayBenchWorld.world.folder
        let directory = try GatewayDirectory(directory: folder)
        let watchList = try WatchList(contentsOf: folder.appendingPathComponent("watchlist.csv"))
        let screener = ComplianceScreener(watchList: watchList)
        let quoter = FXQuoter(book: try FXRateBook(contentsOf: folder.appendingPathComponent("fx-rates.csv")),
                              spreads: try FXSpreadTable(contentsOf: folder.appendingPathComponent("fx-spreads.csv")))
        let cases = try screeningCases(directory)
        let now = SimulatedWallClock.defaultStart.addingTimeInterval(10 * 3600)
        let iterations = options.quick ? 20_000 : 200_000

        func once(_ index: Int) throws -> Int64 {
            let item = cases[index % cases.count]
            let result = screener.screen(item.subjects, payerKey: item.payerKey, corridor: item.corridor,
                                         amount: item.amount, at: now)
            guard case .clear = result.decision else {
                throw GatewaySuite.Failure("bench name hit: \(result.decision)")
            }
            let quote = try quoter.quote(payeeAmount: item.amount, payerCurrency: item.payerCurrency,
                                         participant: item.payerBank, id: "Q", at: now)
            return quote.payerAmount.minorUnits
        }
        var checksum: Int64 = 0
        for index in 0..<cases.count { checksum &+= try once(index) }
        var rates: [Double] = []
        for _ in 0..<rounds {
            let seconds = try ThreadCPUClock.seconds {
                for index in 0..<iterations { checksum &+= try once(index) }
            }
            rates.append(Double(iterations) / seconds)
        }
        precondition(checksum > 0, "the loop did no work")
        let list = rates.map { "\(Int($0.rounded()))" }.joined(separator: "/")
        MetricLine(suite: "gateway", metric: "screen_quote_per_s", value: rates.max()!.rounded(), unit: "1/s",
                   note: "4 names screened (cached verdicts) + 1 quote, one core, thread CPU time, best of "
                       + "\(rounds)×\(iterations): \(list)").emit()
    }

    private struct ScreeningCase {
        let subjects: [ScreeningSubject]
        let payerKey: String
        let corridor: PaymentCorridor
        let amount: Money
        let payerCurrency: Currency
        let payerBank: ParticipantID
    }

    /// The payers of the bench world paying the merchants of the sample directory across the border.
    private static func screeningCases(_ directory: GatewayDirectory) throws -> [ScreeningCase] {
        func participant(_ id: ParticipantID) throws -> Participant {
            guard let found = directory.participant(id) else { throw GatewaySuite.Failure("no participant \(id)") }
            return found
        }
        func merchant(_ id: MerchantID) throws -> Merchant {
            guard let found = directory.merchant(id) else { throw GatewaySuite.Failure("no merchant \(id)") }
            return found
        }
        let mirbank = try participant("mirbank"), huaxiabank = try participant("huaxiabank")
        let beijing = try merchant("beijing-restaurant"), moscow = try merchant("moscow-souvenirs")
        let beijingAcquirer = try participant(beijing.acquirer), moscowAcquirer = try participant(moscow.acquirer)
        var random = SeededRandom(seed: 9)
        return GatewayBenchWorld.benchCustomers.map { customer in
            let russian = customer.bank == mirbank.id
            let (bank, target, acquirer) = russian
                ? (mirbank, beijing, beijingAcquirer) : (huaxiabank, moscow, moscowAcquirer)
            return ScreeningCase(
                subjects: [
                    ScreeningSubject(name: customer.name, role: .payer, country: customer.country),
                    ScreeningSubject(name: target.name, role: .payee, country: target.country),
                    ScreeningSubject(name: bank.name, role: .payerBank, country: bank.country),
                    ScreeningSubject(name: acquirer.name, role: .payeeBank, country: acquirer.country),
                ],
                payerKey: customer.key,
                corridor: PaymentCorridor(payerCountry: customer.country, payeeCountry: target.country),
                amount: Money(minorUnits: Int64.random(in: 10_00...20_000_00, using: &random),
                              currency: target.currency),
                payerCurrency: customer.currency, payerBank: bank.id)
        }
    }
}
