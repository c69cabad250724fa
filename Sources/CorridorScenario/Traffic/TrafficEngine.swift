import CorridorCBDC
import CorridorCore
import CorridorGateway
import CorridorLedger
import Crypto
import Foundation

/// Runs a scenario's generated traffic through the real gateway: arrivals spread over the day by the hourly
/// rates, each a tourist of the population paying a merchant of the right category with their instrument (card via
/// the issuer host, bank-app QR, digital-ruble wallet via the platform), with the faults applied at their times.
///
/// One payment at a time, on the simulated clock, with random choices from the seed: the same seed submits the same
/// payments in the same order, so the ledger, the messages and the clearing files come out byte for byte the same.
/// Only counters are kept (``TrafficStatistics``).
struct TrafficEngine {
    let traffic: ScenarioTraffic
    let population: [TouristGroup]
    let faults: [ScenarioFault]
    let gateway: Gateway
    let platform: DigitalRublePlatform?
    let backend: any SettlementBackend
    let clock: SimulatedWallClock
    let store: ScenarioPaymentStore
    let seed: UInt64
    /// The world's gateway folder (its FX files price DCC offers ahead of the gateway).
    let worldFolder: URL
    /// Called with (done, total) every hundredth of the payments, at most every ``progressStep``.
    let progress: (@Sendable (Int, Int) -> Void)?

    static let progressStep = 1_000
    /// Amount tails that select a test-mode outcome at the issuer host (DESIGN.md §7); generated amounts avoid them.
    static let magicAmountTails: Set<Int64> = [905, 914, 951, 954, 957, 961, 991, 998, 999]
    static let delayTail: Int64 = 998
    static let dropTail: Int64 = 999

    /// The reference of the payer a `sanctions_hit` fault uses.
    static func sanctionsReference(_ index: Int) -> String { "sanctions-\(index)" }

    func run(payments override: Int?) async throws -> TrafficStatistics {
        var stats = TrafficStatistics()
        stats.day = gateway.businessDate(at: traffic.day).text
        var random = ScenarioRandom(seed: seed, stream: 7)
        let directory = gateway.directory
        let merchants = TrafficMerchants(directory: directory, country: traffic.merchantCountry)
        try checkPools(merchants)
        try await openWallets(directory: directory)
        var schedule = TrafficFaultSchedule(faults)
        var fx = try FXMirror(folder: worldFolder)
        var offline = OfflineRuns()

        let perHour = traffic.paymentsPerHour(total: override ?? traffic.payments)
        let total = perHour.reduce(0, +)
        let touristTotal = population.reduce(0) { $0 + $1.size }
        let dayStart = traffic.day.timeIntervalSince1970
        store.setStreaming(true)
        defer { store.setStreaming(false) }
        // Like the store, the platform keeps traffic payments' answers but not their trails.
        await platform?.keepTrails(false)
        do {
            try await runSlots(
                perHour: perHour, total: total, touristTotal: touristTotal, dayStart: dayStart, merchants: merchants,
                directory: directory, schedule: &schedule, fx: &fx, offline: &offline, random: &random, stats: &stats)
        } catch {
            await platform?.keepTrails(true)
            throw error
        }
        await platform?.keepTrails(true)
        return stats
    }

    /// The day's payments, slot by slot, with the fault events due before each.
    private func runSlots(
        perHour: [Int], total: Int, touristTotal: Int, dayStart: TimeInterval, merchants: TrafficMerchants,
        directory: GatewayDirectory, schedule: inout TrafficFaultSchedule, fx: inout FXMirror,
        offline: inout OfflineRuns, random: inout ScenarioRandom, stats: inout TrafficStatistics
    ) async throws {
        var done = 0
        let progressStep = max(1, min(Self.progressStep, total / 100))
        for hour in 0..<24 where perHour[hour] > 0 {
            let count = perHour[hour]
            let spacingMs = 3_600_000 / count
            for slot in 0..<count {
                let offsetMs =
                    hour * 3_600_000 + slot * 3_600_000 / count + (spacingMs > 1 ? random.below(spacingMs) : 0)
                let second = offsetMs / 1000
                for (at, event) in schedule.due(upTo: second) {
                    moveClock(to: dayStart + TimeInterval(at))
                    try await apply(
                        event, stats: &stats, fx: &fx, offline: &offline, directory: directory, random: &random)
                }
                moveClock(to: dayStart + TimeInterval(offsetMs) / 1000)
                let tourist = pickTourist(&random, touristTotal: touristTotal)
                try await pay(
                    tourist, second: second, hour: hour, merchants: merchants, schedule: schedule, fx: fx,
                    random: &random, stats: &stats, id: "T" + Self.digits(done + 1, width: 9))
                done += 1
                if done % progressStep == 0 { progress?(done, total) }
            }
        }
        for (at, event) in schedule.due(upTo: 86_399) {
            moveClock(to: dayStart + TimeInterval(at))
            try await apply(event, stats: &stats, fx: &fx, offline: &offline, directory: directory, random: &random)
        }
        progress?(done, total)
    }

    // MARK: One payment

    private func pay(
        _ tourist: Tourist, second: Int, hour: Int, merchants: TrafficMerchants, schedule: TrafficFaultSchedule,
        fx: FXMirror,
        random: inout ScenarioRandom, stats: inout TrafficStatistics, id: String
    ) async throws {
        let group = tourist.group
        let instrument = tourist.instrument
        let spending = group.spending[random.pick(weightsBps: group.spending.map(\.shareBps))]
        // Pools were checked at the start: every (instrument, basket currency) has one.
        let pool = merchants.pool(
            instrument, mcc: spending.merchantCategoryCode, currency: spending.basketMin.currency)!
        let merchantID = pool[random.below(pool.count)]
        var minor =
            spending.basketMin.minorUnits
            + Int64(random.below(Int(spending.basketMax.minorUnits - spending.basketMin.minorUnits + 1)))
        while Self.magicAmountTails.contains(minor % 1000) { minor += 1 }
        var amount = Money(minorUnits: minor, currency: spending.basketMin.currency)
        var delaySeconds: Int?
        let request: PaymentRequest
        switch instrument {
        case .mirCard, .unionPayCard:
            var dcc = group.dccBps > 0 && group.balance.currency != amount.currency && random.chance(bps: group.dccBps)
            if let window = schedule.window(issuer: group.bank, at: second), random.chance(bps: window.shareBps) {
                amount = Money(
                    minorUnits: max(1, minor / 1000) * 1000
                        + (window.delaySeconds == nil ? Self.dropTail : Self.delayTail),
                    currency: amount.currency)
                delaySeconds = window.delaySeconds
                dcc = false
            } else if dcc {
                amount = fx.dccSafeAmount(amount, home: group.balance.currency, magicTails: Self.magicAmountTails)
            }
            if dcc { stats.add("dcc.accepted") }
            let details = CardPaymentDetails(
                pan: try PrimaryAccountNumber(tourist.pan), expiry: Tourist.cardExpiry,
                merchant: merchantID, amount: amount, dcc: dcc)
            request = .card(details, id: id)
        case .bankQR:
            let payload = try ScenarioMerchantCode.payload(
                merchant: merchantID, amount: amount, directory: gateway.directory)
            request = .qr(
                QRPaymentDetails(payload: payload, payer: BankPayer(bank: group.bank, reference: tourist.reference)),
                id: id)
        case .cbdcWallet:
            let payload = try ScenarioMerchantCode.payload(
                merchant: merchantID, amount: amount, directory: gateway.directory)
            request = .wallet(WalletPaymentDetails(payload: payload, wallet: tourist.walletID), id: id)
        }
        let started = ContinuousClock.now
        let result = await gateway.submit(request)
        let elapsed = ContinuousClock.now - started
        let microseconds = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        stats.latency(microseconds: microseconds + Int64(delaySeconds ?? 0) * 1_000_000)
        stats.count(instrument: instrument, hour: hour, approved: result.isApproved)
        if delaySeconds != nil { stats.add("delayed") }
        if result.isApproved {
            if let payer = result.payerAmount, payer.currency != result.merchantAmount.currency {
                stats.convert(payer: payer, merchant: result.merchantAmount)
            }
        } else if let reason = result.declineReason {
            stats.decline(iso8583: reason.iso8583Code, iso20022: reason.iso20022Code, text: reason.text)
            if reason.iso20022Code == "AB07", reason.text.hasSuffix("is offline") { stats.add("bank_offline.declined") }
            if reason.text.contains("reversed") { stats.add("reversals") }
        }
    }

    private func pickTourist(_ random: inout ScenarioRandom, touristTotal: Int) -> Tourist {
        var roll = random.below(touristTotal)
        for (index, group) in population.enumerated() {
            if roll < group.size { return Tourist(group: group, groupIndex: index, index: roll) }
            roll -= group.size
        }
        preconditionFailure("the roll is below the population's size")
    }

    private func moveClock(to time: TimeInterval) {
        let now = clock.now().timeIntervalSince1970
        if time > now { clock.advance(by: time - now) }
    }

    static func digits(_ value: Int, width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
