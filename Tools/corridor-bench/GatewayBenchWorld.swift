import CorridorCore
import CorridorGateway
import CorridorLedger
import CorridorMerchantQR
import CorridorTesting
import Foundation
import Logging
import Synchronization

/// The gateway the `gateway` suite measures: the sample world (`Samples/gateway`, `Samples/issuer/cards.yaml`) with
/// ``customersPerBank`` extra bank-app customers at mirbank (RUB) and huaxiabank (CNY), each with a balance no
/// benchmark can spend, a simulated clock at 2026-01-01 10:00 UTC (one business day) and no screening limits.
///
/// The payments are the cross-border QR corridors of the sample world: Russian bank-app customers paying Beijing and
/// Shanghai merchants by EMV QR (amounts in the code, CNY), and Chinese customers paying a Moscow SBP link and a
/// St Petersburg EMV code with a typed amount (RUB). Every one is quoted, converted and messaged (pacs.008).
struct GatewayBenchWorld {
    static let customersPerBank = 1_000
    /// 10⁹ in major units: more than any number of bench payments spends.
    static let openingBalanceMinorUnits: Int64 = 1_000_000_000_00
    /// How many different amounts each dynamic EMV code is encoded with.
    static let amountsPerMerchant = 64
    /// Payments in flight at once: enough for the batch poster to gather full batches (group commit).
    static var inFlight: Int {
        let chosen = ProcessInfo.processInfo.environment["CORRIDOR_BENCH_GATEWAY_IN_FLIGHT"].flatMap { Int($0) }
        return chosen.map { max(1, $0) } ?? 256
    }

    let gateway: Gateway

    static let world = GatewayWorld(
        folder: URL(fileURLWithPath: SampleFiles.path("gateway")),
        cardsFile: URL(fileURLWithPath: SampleFiles.path("issuer/cards.yaml")))

    /// Builds and provisions the gateway over `backend`, with the bench customers added.
    static func make(backend: any SettlementBackend) async throws -> GatewayBenchWorld {
        let clock = SimulatedWallClock(start: SimulatedWallClock.defaultStart.addingTimeInterval(10 * 3600))
        var quiet = Logger(label: "corridor.bench.gateway")
        quiet.logLevel = .critical
        let gateway = try await world.makeGateway(
            backend: backend, tokenizer: CardTokenizer(key: Data(repeating: 7, count: 32)), clock: clock,
            ids: IdentifierGenerator(seed: 42), limits: .unlimited, logger: quiet)
        try gateway.updateDirectory { (directory: inout GatewayDirectory) throws(GatewayConfigurationError) in
            for customer in benchCustomers { try directory.add(customer) }
        }
        try await gateway.provision()
        return GatewayBenchWorld(gateway: gateway)
    }

    /// `count` cross-border QR payments with ids `prefix-N`, half each way, payers and amounts drawn from `seed`.
    static func requests(prefix: String, count: Int, seed: UInt64) throws -> [PaymentRequest] {
        let payloads = try Payloads.shared
        var random = SeededRandom(seed: seed)
        var requests: [PaymentRequest] = []
        requests.reserveCapacity(count)
        for index in 0..<count {
            let customer = Int.random(in: 0..<customersPerBank, using: &random)
            let details: QRPaymentDetails
            if index % 2 == 0 {
                // RU → CN: the amount is in the code.
                let payload = payloads.russianPayers[Int.random(in: 0..<payloads.russianPayers.count, using: &random)]
                details = QRPaymentDetails(
                    payload: payload, payer: BankPayer(bank: "mirbank", reference: reference(customer)))
            } else {
                // CN → RU: a static code; the payer types 100.00–20,000.00 RUB.
                let payload = payloads.chinesePayers[Int.random(in: 0..<payloads.chinesePayers.count, using: &random)]
                let amount = Money(minorUnits: Int64.random(in: 100_00...20_000_00, using: &random), currency: .rub)
                let payer = BankPayer(bank: "huaxiabank", reference: reference(customer))
                details = QRPaymentDetails(payload: payload, payer: payer, amount: amount)
            }
            requests.append(.qr(details, id: "\(prefix)-\(index)"))
        }
        return requests
    }

    /// Submits every request with ``inFlight`` payments in flight and returns how many were approved and the
    /// first decline, if any.
    func submit(_ requests: [PaymentRequest]) async -> (approved: Int, firstDecline: PaymentResult?) {
        let tally = SubmitTally()
        let gateway = self.gateway
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<min(Self.inFlight, requests.count) {
                group.addTask {
                    while true {
                        let index = tally.cursor.wrappingAdd(1, ordering: .relaxed).oldValue
                        guard index < requests.count else { return }
                        tally.count(await gateway.submit(requests[index]))
                    }
                }
            }
        }
        return (tally.approved.load(ordering: .relaxed), tally.firstDecline.withLock { $0 })
    }

    /// What the submitting tasks share: the next request and the answers so far.
    private final class SubmitTally: Sendable {
        let cursor = Atomic<Int>(0)
        let approved = Atomic<Int>(0)
        let firstDecline = Mutex<PaymentResult?>(nil)

        func count(_ result: PaymentResult) {
            if result.isApproved {
                approved.wrappingAdd(1, ordering: .relaxed)
            } else {
                firstDecline.withLock { if $0 == nil { $0 = result } }
            }
        }
    }

    private static func reference(_ index: Int) -> String { "bench.\(index)" }

    /// 1,000 Russian and 1,000 Chinese customers with names in their own scripts (screened on every payment).
    static var benchCustomers: [BankCustomer] {
        let russianFirst = ["Алексей", "Мария", "Дмитрий", "Елена", "Николай", "Татьяна", "Андрей", "Ольга",
                            "Владимир", "Наталья", "Григорий", "Светлана", "Константин", "Ирина", "Фёдор", "Юлия",
                            "Степан", "Вера", "Тимофей", "Ксения", "Аркадий", "Людмила", "Валентин", "Галина",
                            "Роман", "Надежда", "Леонид", "Анастасия", "Егор", "Дарья", "Василий", "Полина"]
        let russianLast = ["Кузнецов", "Попова", "Соколов", "Лебедева", "Козлов", "Новикова", "Морозов", "Волкова",
                           "Зайцев", "Павлова", "Семёнов", "Голубева", "Виноградов", "Богданова", "Воробьёв",
                           "Фёдорова", "Михайлов", "Беляева", "Тарасов", "Белова", "Комаров", "Орлова", "Киселёв",
                           "Макарова", "Андреев", "Ковалёва", "Ильин", "Гусева", "Титов", "Кузьмина", "Кудрявцев",
                           "Баранова"]
        let chineseFamily = ["王", "李", "张", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
                             "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程",
                             "曹", "袁"]
        let chineseGiven = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
                            "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "文", "华", "玉兰", "红",
                            "志强", "晓明", "海燕", "国庆"]
        var customers: [BankCustomer] = []
        for index in 0..<customersPerBank {
            let (high, low) = (index / 32 % 32, index % 32)
            customers.append(BankCustomer(
                bank: "mirbank", reference: reference(index), name: "\(russianFirst[low]) \(russianLast[high])",
                country: .russia, currency: .rub,
                openingBalance: Money(minorUnits: openingBalanceMinorUnits, currency: .rub)))
            customers.append(BankCustomer(
                bank: "huaxiabank", reference: reference(index), name: chineseFamily[high] + chineseGiven[low],
                country: .china, currency: .cny,
                openingBalance: Money(minorUnits: openingBalanceMinorUnits, currency: .cny)))
        }
        return customers
    }

    /// The scanned payloads, made once from `Samples/merchants.json`.
    private struct Payloads: Sendable {
        /// Codes a Russian bank app scans in China (CNY amounts in the code).
        let russianPayers: [String]
        /// Codes a Chinese bank app scans in Russia (static, RUB).
        let chinesePayers: [String]

        static let loaded = Result<Payloads, any Error> { try Payloads() }
        static var shared: Payloads { get throws { try loaded.get() } }

        private init() throws {
            let catalog = URL(fileURLWithPath: SampleFiles.path("merchants.json"))
            let profiles = try MerchantProfileCatalog.load(contentsOf: catalog)
            func profile(_ id: String) throws -> MerchantProfile {
                guard let found = profiles.first(where: { $0.id == id }) else {
                    throw GatewaySuite.Failure("Samples/merchants.json has no profile \(id)")
                }
                return found
            }
            var random = SeededRandom(seed: 5)
            var russian: [String] = []
            for id in ["beijing-restaurant", "shanghai-teahouse"] {
                var dynamic = try profile(id)
                for _ in 0..<GatewayBenchWorld.amountsPerMerchant {
                    let fen = Int.random(in: 10_00...999_99, using: &random)
                    dynamic.amount = "\(fen / 100).\(fen % 100 < 10 ? "0" : "")\(fen % 100)"
                    russian.append(try dynamic.payload())
                }
            }
            russian.append(try profile("beijing-taxi-dynamic").payload())
            russianPayers = russian
            chinesePayers = [try profile("moscow-souvenirs").payload(), try profile("spb-cafe").payload()]
        }
    }
}
