import CorridorCore
import CorridorGateway
import CorridorISO20022
import CorridorLedger
import Foundation

/// Measures `clearing_1m_s` (issue 5 §5): the end-of-day netting of 1,000,000 clearing items with
/// `MultilateralNetting.net`, then one pacs.009.001.08 (with its head.001.001.02) per non-zero net position, built
/// and written to XML the way `ClearingEngine` settles them.
///
/// This is the netting and settlement-message part of clearing, not `ClearingEngine.run`: the run also looks up
/// every item's ledger transfer and writes a camt.053/camt.054 entry per item, which needs a ledger holding a
/// million matching transfers. The items are generated with `SeededRandom` in the shapes `PaymentBooking` gives
/// them: among the sample directory's nine banks, acquirers, operators and FX provider, in RUB, CNY and EUR, a
/// cross-currency payment owing the FX provider its mid amount and margin in the payer's currency, the FX provider
/// owing the acquirer in the merchant's, and the acquirer owing interchange and the scheme fee; 3–5 obligations an
/// item. Wall clock (it is one thread: CPU time is in the note), best of ``rounds``.
enum GatewayClearingBench {
    static let rounds = 3

    static func run(_ options: BenchOptions) throws {
        let directory = try GatewayDirectory(directory: GatewayBenchWorld.world.folder)
        let itemCount = options.quick ? 100_000 : 1_000_000
        let items = try makeItems(count: itemCount)
        let obligationCount = items.reduce(0) { $0 + $1.obligations.count }
        // Warm-up: a tenth of the items, and the message writer once.
        _ = try settle(try MultilateralNetting.net(items[0..<(itemCount / 10)]), directory: directory)

        var wall: [Double] = []
        var cpu: [Double] = []
        var messageCount = 0
        for _ in 0..<rounds {
            var seconds = 0.0
            let cpuSeconds = try ThreadCPUClock.seconds {
                seconds = try Stopwatch.seconds {
                    let netting = try MultilateralNetting.net(items)
                    guard netting.isBalanced, netting.itemCount == itemCount else {
                        throw GatewaySuite.Failure("netting of \(itemCount) items did not balance")
                    }
                    messageCount = try settle(netting, directory: directory)
                }
            }
            wall.append(seconds)
            cpu.append(cpuSeconds)
        }
        func milliseconds(_ values: [Double]) -> String {
            values.map { "\(Int(($0 * 1000).rounded()))" }.joined(separator: "/")
        }
        let note = "MultilateralNetting.net + \(messageCount) pacs.009 to XML; \(itemCount) items, \(obligationCount) "
            + "obligations, 9 participants, RUB/CNY/EUR; best of \(rounds), wall ms \(milliseconds(wall)), "
            + "thread CPU ms \(milliseconds(cpu))"
        MetricLine(suite: "gateway", metric: "clearing_1m_s", value: (wall.min()! * 1000).rounded() / 1000, unit: "s",
                   note: note).emit()
    }

    /// One pacs.009 per non-zero net position, built and written by the clearing engine (no ledger); returns how many.
    static func settle(_ netting: NettingResult, directory: GatewayDirectory) throws -> Int {
        let engine = ClearingEngine(directory: directory, backend: InMemorySettlementBackend())
        let messages = try engine.settlementMessages(
            for: netting, businessDate: ISODate(year: 2026, month: 1, day: 1)!,
            createdAt: SimulatedWallClock.defaultStart.addingTimeInterval(23 * 3600), idPrefix: "BENCH")
        precondition(messages.allSatisfy { !$0.documentXML.isEmpty }, "every pacs.009 was written")
        return messages.count
    }

    /// `count` items of one business day, from a fixed seed.
    static func makeItems(count: Int) throws -> [ClearingItem] {
        // (participant, currency) of payers and acquirers; rates as integer ratios of minor units (all three
        // currencies have two decimals): RUB per CNY 12.64, RUB per EUR 100.00, CNY per EUR 7.90.
        let payers: [(ParticipantID, Currency)] = [("mirbank", .rub), ("huaxiabank", .cny), ("eurobank", .eur)]
        let acquirers: [(ParticipantID, Currency)] = [("moscow-acquiring", .rub), ("beijing-acquiring", .cny)]
        let operators: [ParticipantID] = ["nspk", "unionpay-intl", "visa-net"]
        let fx: ParticipantID = "corridor-fx"
        func rate(payee: Currency, payer: Currency) -> (numerator: Int64, denominator: Int64) {
            switch (payee.alphaCode, payer.alphaCode) {
            case ("CNY", "RUB"): (1264, 100)
            case ("RUB", "CNY"): (100, 1264)
            case ("RUB", "EUR"): (1, 100)
            case ("CNY", "EUR"): (100, 790)
            default: (1, 1)
            }
        }
        guard let date = ISODate(year: 2026, month: 1, day: 1) else { throw GatewaySuite.Failure("bad date") }
        let start = SimulatedWallClock.defaultStart.addingTimeInterval(8 * 3600)
        var random = SeededRandom(seed: 1_000_000)
        var items: [ClearingItem] = []
        items.reserveCapacity(count)
        for index in 0..<count {
            let (payerBank, payerCurrency) = payers[Int.random(in: 0..<payers.count, using: &random)]
            let (acquirer, payeeCurrency) = acquirers[Int.random(in: 0..<acquirers.count, using: &random)]
            let systemOperator = operators[Int.random(in: 0..<operators.count, using: &random)]
            let payee = Int64.random(in: 1_00...50_000_00, using: &random)
            var obligations: [Obligation] = []
            obligations.reserveCapacity(5)
            func owe(_ debtor: ParticipantID, _ creditor: ParticipantID, _ minorUnits: Int64, _ currency: Currency) {
                guard minorUnits > 0, debtor != creditor else { return }
                obligations.append(Obligation(debtor: debtor, creditor: creditor,
                                              amount: Money(minorUnits: minorUnits, currency: currency)))
            }
            var payer = payee
            if payerCurrency != payeeCurrency {
                let (numerator, denominator) = rate(payee: payeeCurrency, payer: payerCurrency)
                let mid = max(1, payee * numerator / denominator)
                let margin = mid * 45 / 10_000
                payer = mid + margin
                owe(payerBank, fx, mid, payerCurrency)
                owe(payerBank, fx, margin, payerCurrency)
                owe(fx, acquirer, payee, payeeCurrency)
            } else {
                owe(payerBank, acquirer, payee, payeeCurrency)
            }
            owe(acquirer, payerBank, payee * 80 / 10_000, payeeCurrency)
            owe(acquirer, systemOperator, payee * 10 / 10_000, payeeCurrency)
            let id = "PAY-\(index)"
            items.append(ClearingItem(
                id: id, kind: .payment, businessDate: date, bookedAt: start.addingTimeInterval(Double(index) / 100),
                obligations: obligations, payeeAmount: Money(minorUnits: payee, currency: payeeCurrency),
                payerAmount: Money(minorUnits: payer, currency: payerCurrency), payerParticipant: payerBank,
                payeeParticipant: acquirer, merchantID: "bench-merchant-\(index % 1000)",
                transferID: LedgerIdentifier(UInt128(random.next()) << 64 | UInt128(index)).description, endToEndID: id,
                messageID: payerCurrency != payeeCurrency
                    ? "P008-20260101-\(String(random.next() >> 24, radix: 16))" : nil))
        }
        return items
    }
}
