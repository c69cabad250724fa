import CorridorCore
import CorridorGateway
import CorridorISO20022
import CorridorLedger
import CorridorTesting
import Foundation
import Testing

/// A small two-corridor world: two Russian and two Chinese banks, a ruble and a yuan settlement agent.
enum ClearingWorld {
    static let day = ISODate(year: 2026, month: 1, day: 1)!
    static let dayStart = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
    static let createdAt = Date(timeIntervalSince1970: 1_767_315_600)  // 2026-01-02T01:00:00Z
    static let banks: [ParticipantID] = ["dragonbank", "lotusbank", "mirbank", "volgabank"]
    static let currencies: [Currency] = [.cny, .rub]

    static func participant(_ id: ParticipantID, _ name: String, _ bic: String, _ country: Country,
                            _ roles: Set<ParticipantRole>) throws -> Participant {
        Participant(id: id, name: name, bic: try BIC(bic), country: country, currencies: currencies, roles: roles)
    }

    /// The directory; `agents` decides which currencies can be settled.
    static func directory(agents: [Currency: ParticipantID] = [.rub: "rusclear", .cny: "cnclear"]) throws
        -> GatewayDirectory
    {
        var directory = GatewayDirectory()
        directory.add(try participant("mirbank", "ПАО «Мир Банк»", "MIRBRUMMXXX", .russia, [.bank, .issuer]))
        directory.add(try participant("volgabank", "Volga Bank", "VLGARUMM", .russia, [.bank, .acquirer]))
        directory.add(try participant("dragonbank", "龙银行", "DRGNCNSHXXX", .china, [.bank, .acquirer]))
        directory.add(try participant("lotusbank", "Lotus Bank", "LTUSCNBJ", .china, [.bank, .issuer]))
        directory.add(try participant("rusclear", "Ruble Clearing House", "RUCLRUMMXXX", .russia, [.settlementAgent]))
        directory.add(try participant("cnclear", "Yuan Clearing House", "CNCLCNBJXXX", .china, [.settlementAgent]))
        for (currency, agent) in agents { directory.setSettlementAgent(agent, for: currency) }
        return directory
    }

    static func owes(_ debtor: ParticipantID, _ creditor: ParticipantID, _ minorUnits: Int64, _ currency: Currency)
        -> Obligation
    {
        Obligation(debtor: debtor, creditor: creditor, amount: Money(minorUnits: minorUnits, currency: currency))
    }

    /// An item booked `minute` minutes into `date`, whose transfer id is derived from its id.
    static func item(_ id: String, _ obligations: [Obligation], minute: Int, kind: ClearingItem.Kind = .payment,
                     date: ISODate = day, transferID: String? = nil) -> ClearingItem {
        let first = obligations[0]
        return ClearingItem(
            id: id, originalPaymentID: kind == .payment ? nil : "p1", kind: kind, businessDate: date,
            bookedAt: dayStart.addingTimeInterval(Double(minute) * 60), obligations: obligations,
            payeeAmount: first.amount, payerAmount: first.amount, payerParticipant: first.debtor,
            payeeParticipant: first.creditor, merchantID: nil,
            transferID: transferID ?? GatewayAccounts.transferID("payment/\(id)").description,
            endToEndID: "E2E-\(id.uppercased())", messageID: "CORRIDOR-PACS008-\(id.uppercased())")
    }

    /// A ledger with every bank's position accounts and nothing else.
    static func ledger() async throws -> any SettlementBackend {
        let backend = InMemorySettlementBackend(clock: SimulatedWallClock(start: dayStart, step: 1))
        var accounts: [Account] = []
        for bank in banks {
            for currency in currencies {
                accounts.append(Account(id: GatewayAccounts.position(of: bank, currency: currency), currency: currency,
                                        owner: bank, kind: .settlement))
            }
        }
        #expect(try await backend.createAccounts(accounts).allSatisfy { $0 == .created })
        return backend
    }

    /// Books an item as the gateway would: for each obligation one leg that debits the creditor's position and
    /// credits the debtor's. `legs` replaces the obligations' legs (to tamper).
    static func book(_ item: ClearingItem, on backend: any SettlementBackend, legs: [Obligation]? = nil) async throws {
        let transfer = Transfer(
            id: try #require(LedgerIdentifier(string: item.transferID)),
            legs: (legs ?? item.obligations).map {
                TransferLeg(debit: GatewayAccounts.position(of: $0.creditor, currency: $0.amount.currency),
                            credit: GatewayAccounts.position(of: $0.debtor, currency: $0.amount.currency),
                            amount: $0.amount)
            },
            userData: TransferUserData(paymentID: item.id, rail: "test"))
        #expect(try await backend.post([transfer]) == [.committed])
    }

    static func positionBalance(_ bank: ParticipantID, _ currency: Currency, _ backend: any SettlementBackend)
        async throws -> Int64
    {
        try await backend.balance(of: GatewayAccounts.position(of: bank, currency: currency))?.netCredit.minorUnits ?? 0
    }
}

@Suite("Clearing engine")
struct ClearingEngineTests {
    typealias World = ClearingWorld

    /// A day of five items across both currencies, plus one item of the next day that must be left alone.
    static func items() -> [ClearingItem] {
        [
            World.item("p1", [World.owes("mirbank", "dragonbank", 100_000, .cny)], minute: 10),
            World.item("p2", [World.owes("volgabank", "lotusbank", 50_050, .cny)], minute: 20),
            World.item("p3", [World.owes("dragonbank", "mirbank", 200_000, .rub)], minute: 30),
            World.item("p4", [World.owes("lotusbank", "volgabank", 30_000, .rub),
                              World.owes("volgabank", "mirbank", 5_000, .rub)], minute: 40),
            World.item("r1", [World.owes("dragonbank", "mirbank", 20_000, .cny)], minute: 50, kind: .refund),
            World.item("n1", [World.owes("mirbank", "lotusbank", 999_999, .cny)], minute: 60,
                       date: ISODate(year: 2026, month: 1, day: 2)!),
        ]
    }

    /// The day's net positions, worked out by hand from `items()` (positive: pays in).
    static let expected: [String: Int64] = [
        "mirbank CNY": 100_000 - 20_000, "dragonbank CNY": -100_000 + 20_000,
        "volgabank CNY": 50_050, "lotusbank CNY": -50_050,
        "dragonbank RUB": 200_000, "mirbank RUB": -200_000 - 5_000,
        "lotusbank RUB": 30_000, "volgabank RUB": -30_000 + 5_000,
    ]

    @Test("a consistent day reconciles, settles every position to zero and validates")
    func consistentDayReconcilesAndSettles() async throws {
        let backend = try await World.ledger()
        let items = Self.items()
        for item in items where item.businessDate == World.day { try await World.book(item, on: backend) }
        let engine = ClearingEngine(directory: try World.directory(), backend: backend)

        let run = try await engine.run(items: items, businessDate: World.day, createdAt: World.createdAt,
                                       idPrefix: "CORRIDOR")

        // Netting, ledger and messages agree with the hand-computed positions.
        #expect(run.netting.itemCount == 5)
        #expect(run.reconciliation.isBalanced)
        #expect(run.reconciliation.differences.isEmpty && run.reconciliation.missingTransfers.isEmpty)
        #expect(run.reconciliation.lines.count == Self.expected.count)
        for line in run.reconciliation.lines {
            let want = try #require(Self.expected["\(line.participant) \(line.currency.alphaCode)"])
            #expect(line.netting == want && line.ledger == want && line.messages == want, "\(line)")
        }
        let yuan = try #require(run.netting.netting(of: .cny))
        #expect(yuan.grossTotal == 100_000 + 50_050 + 20_000)
        #expect(yuan.netTotal == 80_000 + 50_050)

        // One pacs.009 per net position: payers pay the agent, the agent pays receivers.
        #expect(run.settlementMessages.count == 8)
        #expect(run.settlementTransferIDs.count == 8)
        let mirCNY = try #require(run.settlementMessages.first { $0.participant == "mirbank" && $0.currency == .cny })
        let mirTransaction = try #require(mirCNY.message.document.transactions.first)
        #expect(mirTransaction.debtor.bic?.text == "MIRBRUMMXXX")
        #expect(mirTransaction.creditor.bic?.text == "CNCLCNBJXXX")
        #expect(mirTransaction.interbankSettlementAmount == Money(minorUnits: 80_000, currency: .cny))
        #expect(mirCNY.documentXML.contains("<IntrBkSttlmAmt Ccy=\"CNY\">800.00</IntrBkSttlmAmt>"))
        let mirRUB = try #require(run.settlementMessages.first { $0.participant == "mirbank" && $0.currency == .rub })
        #expect(mirRUB.message.header.from.text == "RUCLRUMMXXX" && mirRUB.message.header.to.text == "MIRBRUMMXXX")
        #expect(mirRUB.message.document.transactions.first?.interbankSettlementAmount
                    == Money(minorUnits: 205_000, currency: .rub))

        // Every position and both agent accounts are back at zero, and the ledger is sound.
        for bank in World.banks {
            for currency in World.currencies {
                #expect(try await World.positionBalance(bank, currency, backend) == 0, "\(bank) \(currency)")
            }
        }
        for (agent, currency) in [("rusclear", Currency.rub), ("cnclear", .cny)] {
            let balance = try await backend.balance(of: GatewayAccounts.settlementAgent(agent, currency: currency))
            #expect(balance?.netCredit.minorUnits == 0)
            #expect(balance?.creditsPosted == (currency == .rub ? 230_000 : 130_050))
        }
        #expect(try await backend.verify().isBalanced)

        // The statement of mirbank's yuan position: p1, the refund, the settlement; from zero to zero.
        let statement = try #require(run.statements.first { $0.participant == "mirbank" && $0.currency == .cny })
        let report = try #require(statement.document.statements.first)
        #expect(report.balances.map(\.typeCode) == ["OPBD", "CLBD"])
        #expect(report.balances.map(\.amount.minorUnits) == [0, 0])
        #expect(report.entries.map(\.amount.minorUnits) == [100_000, 20_000, 80_000])
        // From mirbank's side: p1 made it owe (a debit); the refund and the settlement are credits.
        #expect(report.entries.map(\.creditDebit) == [.debit, .credit, .credit])
        let endToEndIDs = report.entries.map { $0.transactions.first?.endToEndId }
        #expect(endToEndIDs == ["E2E-P1", "E2E-R1", mirTransaction.endToEndId])
        #expect(run.statements.count == 8)
        #expect(run.notifications.count == 8)
        let notification = try #require(run.notifications.first { $0.participant == "mirbank" && $0.currency == .cny })
        #expect(notification.document.notifications.first?.entries == report.entries)

        // Every message validates against the official schemas.
        for message in run.settlementMessages {
            try XMLLint.expectValid(message.headerXML, definition: "head.001.001.02")
            try XMLLint.expectValid(message.documentXML, definition: "pacs.009.001.08")
        }
        for statement in run.statements { try XMLLint.expectValid(statement.xml, definition: "camt.053.001.08") }
        for notification in run.notifications {
            try XMLLint.expectValid(notification.xml, definition: "camt.054.001.08")
        }
    }

    @Test("running a date twice changes nothing on the ledger and writes the same files")
    func runningTwiceIsIdempotent() async throws {
        let backend = try await World.ledger()
        let items = Self.items()
        for item in items where item.businessDate == World.day { try await World.book(item, on: backend) }
        let engine = ClearingEngine(directory: try World.directory(), backend: backend)
        let first = try await engine.run(items: items, businessDate: World.day, createdAt: World.createdAt,
                                         idPrefix: "CORRIDOR")
        let transfersAfterFirst = try await backend.allTransfers(after: nil, limit: 1_000)
        let accounts = try await backend.allAccounts(after: nil, limit: 1_000).map(\.id)
        let balancesAfterFirst = try await backend.balances(of: accounts)

        // The second run is given the items in another order.
        let second = try await engine.run(items: items.reversed(), businessDate: World.day,
                                          createdAt: World.createdAt, idPrefix: "CORRIDOR")

        #expect(try await backend.allTransfers(after: nil, limit: 1_000) == transfersAfterFirst)
        #expect(try await backend.balances(of: accounts) == balancesAfterFirst)
        #expect(second.settlementTransferIDs == first.settlementTransferIDs)
        #expect(second.files.map(\.name) == first.files.map(\.name))
        #expect(second.files.map(\.text) == first.files.map(\.text))
        #expect(second.reconciliation == first.reconciliation)

        // Written twice, into two folders: byte-identical files, each message valid on disk.
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("clearing-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let one = try first.write(to: base.appendingPathComponent("one"))
        let two = try second.write(to: base.appendingPathComponent("two"))
        #expect(one.map(\.lastPathComponent) == two.map(\.lastPathComponent))
        for (a, b) in zip(one, two) {
            #expect(try Data(contentsOf: a) == Data(contentsOf: b), "\(a.lastPathComponent)")
        }
        let names = Set(one.map(\.lastPathComponent))
        #expect(names.contains("pacs.009-2026-01-01-001.xml") && names.contains("pacs.009-2026-01-01-001.head.xml"))
        #expect(names.contains("reconciliation-2026-01-01.json") && names.contains("reconciliation-2026-01-01.md"))
        // Eight pacs.009 (header and document), eight camt.053, eight camt.054, two reports.
        #expect(one.count == 34)
        for url in one where url.pathExtension == "xml" {
            let definition = url.lastPathComponent.hasSuffix(".head.xml")
                ? "head.001.001.02" : String(url.lastPathComponent.prefix(8)) + ".001.08"
            let result = try XMLLint.validate(file: url.path, definition: definition)
            #expect(result.status == 0, "\(url.lastPathComponent): \(result.output)")
        }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: base.appendingPathComponent(
            "one/reconciliation-2026-01-01.json"))) as? [String: Any]
        #expect(json?["isBalanced"] as? Bool == true)
    }

    @Test("transfers that disagree with their obligations, or are missing, are reported as differences")
    func tamperedItemsAreReported() async throws {
        let backend = try await World.ledger()
        let good = World.item("g1", [World.owes("lotusbank", "mirbank", 3_000, .cny)], minute: 5)
        // Its obligation says 150.00 CNY, its transfer moved 100.00.
        let shortBooked = World.item("t1", [World.owes("mirbank", "dragonbank", 15_000, .cny)], minute: 10)
        // Never booked on the ledger.
        let unbooked = World.item("t2", [World.owes("volgabank", "lotusbank", 7_000, .cny)], minute: 20)
        // Names no ledger id at all.
        let garbled = World.item("t3", [World.owes("dragonbank", "lotusbank", 1_000, .cny)], minute: 30,
                                 transferID: "not-a-transfer")
        // Only held (a pending transfer), never posted.
        let held = World.item("t4", [World.owes("lotusbank", "dragonbank", 500, .cny)], minute: 40)
        try await World.book(good, on: backend)
        try await World.book(shortBooked, on: backend, legs: [World.owes("mirbank", "dragonbank", 10_000, .cny)])
        let hold = Transfer(id: try #require(LedgerIdentifier(string: held.transferID)),
                            kind: .pending(timeoutSeconds: nil),
                            legs: [TransferLeg(debit: GatewayAccounts.position(of: "dragonbank", currency: .cny),
                                               credit: GatewayAccounts.position(of: "lotusbank", currency: .cny),
                                               amount: Money(minorUnits: 500, currency: .cny))])
        #expect(try await backend.post([hold]) == [.committed])
        let engine = ClearingEngine(directory: try World.directory(), backend: backend)

        let run = try await engine.run(items: [good, shortBooked, unbooked, garbled, held], businessDate: World.day,
                                       createdAt: World.createdAt, idPrefix: "CORRIDOR")
        let reconciliation = run.reconciliation

        #expect(!reconciliation.isBalanced)
        // By hand: netting from the obligations, ledger from what was booked; messages follow the netting.
        let want: [(ParticipantID, Int64, Int64)] = [
            ("dragonbank", -15_000 + 1_000 - 500, -10_000),
            ("lotusbank", 3_000 - 7_000 - 1_000 + 500, 3_000),
            ("mirbank", 15_000 - 3_000, 10_000 - 3_000),
            ("volgabank", 7_000, 0),
        ]
        #expect(reconciliation.differences.count == want.count)
        for (participant, netting, ledger) in want {
            let line = try #require(reconciliation.differences.first { $0.participant == participant })
            #expect(line.currency == .cny)
            #expect(line.netting == netting, "\(participant) netting")
            #expect(line.ledger == ledger, "\(participant) ledger")
            #expect(line.messages == netting, "\(participant) messages")
        }
        #expect(reconciliation.missingTransfers == [
            .init(itemID: "t2", transferID: unbooked.transferID, reason: .notFound),
            .init(itemID: "t3", transferID: "not-a-transfer", reason: .idInvalid),
            .init(itemID: "t4", transferID: held.transferID, reason: .notPosted),
        ])
        #expect(run.reconciliationMarkdown.contains("**Not balanced**: 4 difference(s), 3 missing transfer(s)"))
        #expect(run.reconciliationMarkdown.contains("| t3 | not-a-transfer | id_invalid |"))
        let json = try JSONSerialization.jsonObject(with: Data(run.reconciliationJSON.utf8)) as? [String: Any]
        #expect(json?["isBalanced"] as? Bool == false)
        #expect((json?["differences"] as? [Any])?.count == 4)
        #expect((json?["missingTransfers"] as? [Any])?.count == 3)

        // The statements show what the ledger holds: mirbank's short booking is 100.00, not 150.00.
        let statement = try #require(run.statements.first { $0.participant == "mirbank" && $0.currency == .cny })
        let entries = try #require(statement.document.statements.first).entries
        #expect(entries.map(\.amount.minorUnits) == [3_000, 10_000, 12_000])
        for message in run.settlementMessages {
            try XMLLint.expectValid(message.documentXML, definition: "pacs.009.001.08")
        }
        for statement in run.statements { try XMLLint.expectValid(statement.xml, definition: "camt.053.001.08") }
        for notification in run.notifications {
            try XMLLint.expectValid(notification.xml, definition: "camt.054.001.08")
        }
        #expect(try await backend.verify().isBalanced)
    }

    @Test("a day without items clears to nothing, balanced")
    func emptyDayClearsToNothing() async throws {
        let backend = try await World.ledger()
        let engine = ClearingEngine(directory: try World.directory(), backend: backend)
        let run = try await engine.run(items: Self.items().filter { $0.id == "n1" }, businessDate: World.day,
                                       createdAt: World.createdAt, idPrefix: "CORRIDOR")
        #expect(run.netting.itemCount == 0 && run.netting.currencies.isEmpty)
        #expect(run.reconciliation.isBalanced && run.reconciliation.lines.isEmpty)
        #expect(run.settlementMessages.isEmpty && run.statements.isEmpty && run.notifications.isEmpty)
        #expect(run.files.map(\.name) == ["reconciliation-2026-01-01.json", "reconciliation-2026-01-01.md"])
        #expect(try await backend.allTransfers(after: nil, limit: 10).isEmpty)
    }

    @Test("a currency without a settlement agent is an error naming it, and nothing is posted")
    func currencyWithoutAgentIsAnError() async throws {
        let backend = try await World.ledger()
        let items = Self.items()
        for item in items where item.businessDate == World.day { try await World.book(item, on: backend) }
        let before = try await backend.allTransfers(after: nil, limit: 1_000)
        let engine = ClearingEngine(directory: try World.directory(agents: [.rub: "rusclear"]), backend: backend)

        let error = await #expect(throws: ClearingError.self) {
            try await engine.run(items: items, businessDate: World.day, createdAt: World.createdAt,
                                 idPrefix: "CORRIDOR")
        }
        #expect(error == .settlementAgentMissing(.cny))
        let description = error?.description ?? ""
        #expect(description.contains("CNY"))
        #expect(try await backend.allTransfers(after: nil, limit: 1_000) == before)
    }

    @Test("an id prefix CBPR+ refuses and an unknown participant are errors before anything is posted")
    func invalidInputsAreErrors() async throws {
        let backend = try await World.ledger()
        let engine = ClearingEngine(directory: try World.directory(), backend: backend)
        let stranger = World.item("s1", [World.owes("mirbank", "nobank", 100, .rub)], minute: 1)
        await #expect(throws: ClearingError.participantUnknown("nobank")) {
            try await engine.run(items: [stranger], businessDate: World.day, createdAt: World.createdAt,
                                 idPrefix: "CORRIDOR")
        }
        await #expect(throws: ClearingError.self) {
            try await engine.run(items: Self.items(), businessDate: World.day, createdAt: World.createdAt,
                                 idPrefix: "ПРЕФИКС")
        }
        let good = World.item("p1", [World.owes("mirbank", "dragonbank", 100, .cny)], minute: 1)
        let badReference = ClearingItem(
            id: "p2", kind: .payment, businessDate: World.day, bookedAt: World.dayStart,
            obligations: good.obligations, payeeAmount: good.payeeAmount, payerAmount: good.payerAmount,
            payerParticipant: "mirbank", payeeParticipant: "dragonbank", merchantID: nil,
            transferID: good.transferID, endToEndID: "платёж-2", messageID: nil)
        try await World.book(good, on: backend)
        let booked = try await backend.allTransfers(after: nil, limit: 10)
        let error = await #expect(throws: ClearingError.self) {
            try await engine.run(items: [good, badReference], businessDate: World.day, createdAt: World.createdAt,
                                 idPrefix: "CORRIDOR")
        }
        guard case .message(.invalidIdentifier(let path, _, _))? = error else {
            Issue.record("expected an invalid identifier, got \(String(describing: error))")
            return
        }
        #expect(path == "item p2 endToEndID")
        #expect(try await backend.allTransfers(after: nil, limit: 10) == booked)
    }
}
