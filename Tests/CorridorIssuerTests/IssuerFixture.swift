import CorridorCore
import CorridorISO8583
import CorridorIssuer
import CorridorLedger
import CorridorTesting
import Foundation
import Testing

/// An issuer host over the sample portfolio (Samples/issuer/cards.yaml) on a fresh in-memory ledger, with a
/// simulated clock at 2026-01-01 and helpers that build requests as an acquirer would.
struct IssuerFixture {
    static let tokenizer = CardTokenizer(key: Data(repeating: 7, count: 32))
    static let mirPAN = "2200700000001239"          // RUB 150,000.00; per transaction 100,000; daily 200,000
    static let mirSmallPAN = "2200700000004563"     // RUB 500.00
    static let unionPayPAN = "6212340000007899"     // CNY 20,000.00; per transaction 8,000; daily 10,000
    static let stolenPAN = "6212340000003211"
    static let visaPAN = "4000000000001117"         // EUR 2,500.00
    static let expiredPAN = "5100000000002228"
    static let delayPAN = "2200700000020098"
    static let dropPAN = "2200700000010099"

    let host: IssuerHost
    let backend: any SettlementBackend
    let portfolio: IssuerPortfolio
    let clock: SimulatedWallClock

    init(
        backend: (any SettlementBackend)? = nil,
        configuration: IssuerHostConfiguration = IssuerHostConfiguration(responseDelay: .milliseconds(200), approvalSeed: 1)
    ) async throws {
        let clock = SimulatedWallClock(start: SimulatedWallClock.defaultStart)
        let text = try String(contentsOfFile: SampleFiles.path("issuer/cards.yaml"), encoding: .utf8)
        let portfolio = try IssuerPortfolio(yaml: text, tokenizer: Self.tokenizer)
        let backend = backend ?? InMemorySettlementBackend(clock: clock)
        try await IssuerLedgerAccounts.provision(portfolio, on: backend)
        self.portfolio = portfolio
        self.backend = backend
        self.clock = clock
        self.host = IssuerHost(
            portfolio: portfolio, backend: backend, tokenizer: Self.tokenizer, clock: clock, configuration: configuration)
    }

    /// A card request as an acquirer sends it; `amount` is in minor units, `currency` an ISO 4217 numeric code.
    static func request(
        mti: String = "0100", pan: String = mirPAN, processingCode: String = "000000", amount: Int64, currency: String = "643",
        stan: Int, terminal: String = "TERM0001", transmission: String = "0101120000", acquirer: String = "4000001"
    ) -> IsoMessage {
        IsoMessage(mti: mti, text: [
            2: pan, 3: processingCode, 4: digits(amount, 12), 7: transmission, 11: digits(Int64(stan), 6),
            12: "120000", 13: "0101", 18: "5812", 22: "071", 32: acquirer, 41: terminal, 42: "MERCHANT0000001",
            43: "CAFE NEVSKY              MOSCOW       RU", 49: currency,
        ])
    }

    /// A reversal of `original`, naming it in field 90 (original MTI, STAN, transmission time, acquirer).
    static func reversal(of original: IsoMessage, mti: String = "0400", stan: Int) -> IsoMessage {
        var reversal = original
        reversal.mti = mti
        reversal[text: 11] = digits(Int64(stan), 6)
        reversal[text: 90] = original.mti + (original[text: 11] ?? "") + (original[text: 7] ?? "")
            + digits(Int64(original[text: 32] ?? "0") ?? 0, 11) + digits(0, 11)
        return reversal
    }

    static func digits(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    func cardBalance(_ pan: String) async throws -> AccountBalance {
        let token = Self.tokenizer.token(for: try PrimaryAccountNumber(pan)).token
        return try #require(await backend.balance(of: IssuerLedgerAccounts.cardAccount(token: token)))
    }

    func send(_ request: IsoMessage) async -> IsoMessage? { await host.respond(to: request) }
}

