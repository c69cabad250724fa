import CorridorCBDC
import CorridorCore
import CorridorGateway
import CorridorISO20022
import CorridorLedger
import CorridorMerchantQR
import Foundation

/// The state of one run while its steps go through: which payments went to the platform (a refund goes back the way
/// the payment came), which business days saw gateway payments, and the clearing runs made.
struct ScenarioExecution {
    let gateway: Gateway
    let platform: DigitalRublePlatform?
    let backend: any SettlementBackend
    let clock: SimulatedWallClock
    /// Platform payments by step id, with their amount (a refund without an amount refunds it all).
    var walletPayments: [String: Money] = [:]
    /// Business days with gateway activity, in first-seen order.
    var businessDates: [ISODate] = []
    /// The latest clearing run of each business day (clearing a day again gives the same run).
    var clearingRuns: [String: ClearingRun] = [:]

    init(gateway: Gateway, platform: DigitalRublePlatform?, backend: any SettlementBackend, clock: SimulatedWallClock) {
        self.gateway = gateway
        self.platform = platform
        self.backend = backend
        self.clock = clock
    }

    /// Runs one step; a step that cannot run is an `error` outcome, never a thrown error, so the report shows it.
    mutating func perform(_ step: ScenarioStep, index: Int) async -> ScenarioStepOutcome {
        func outcome(
            _ status: ScenarioStepOutcome.Status, code: String? = nil, iso20022: String? = nil, amount: Money? = nil,
            _ detail: String
        ) -> ScenarioStepOutcome {
            ScenarioStepOutcome(
                index: index, line: step.line, id: step.id, action: step.action.key, status: status,
                responseCode: code, iso20022Code: iso20022, amount: amount.map(\.description), detail: detail)
        }
        func gatewayOutcome(_ result: PaymentResult) -> ScenarioStepOutcome {
            if let date = ISODate(text: result.businessDate), !businessDates.contains(date) {
                businessDates.append(date)
            }
            let detail =
                result.declineReason?.text
                ?? [result.route, result.fxDisclosure].compactMap { $0 }.joined(separator: "; ")
            return outcome(
                result.isApproved ? .approved : .declined, code: result.responseCode,
                iso20022: result.declineReason?.iso20022Code ?? result.iso20022Status, amount: result.merchantAmount,
                detail)
        }
        func platformOutcome(_ result: CBDCPaymentResult) -> ScenarioStepOutcome {
            let detail =
                result.declineReason?.text
                ?? ([result.payer, result.payee].compactMap { $0 }.joined(separator: " → ")
                    + (result.fee.minorUnits > 0 ? ", fee \(result.fee)" : ""))
            return outcome(
                result.isApproved ? .approved : .declined, code: result.responseCode,
                iso20022: result.declineReason?.iso20022Code ?? result.iso20022Status, amount: result.amount, detail)
        }
        do {
            switch step.action {
            case .card(let pan, let expiry, let merchant, let amount, let present, let dcc):
                let details = CardPaymentDetails(
                    pan: try PrimaryAccountNumber(pan), expiry: expiry, present: present,
                    merchant: merchant, amount: amount, dcc: dcc)
                return gatewayOutcome(await gateway.submit(.card(details, id: step.id)))
            case .qr(let payer, let merchant, let payload, let amount):
                let parts = payer.split(separator: "/").map(String.init)
                let text =
                    try payload
                    ?? ScenarioMerchantCode.payload(
                        merchant: merchant ?? "", amount: amount, directory: gateway.directory)
                // A code made from the directory carries the amount; a given payload may need it typed.
                let typed = payload == nil ? nil : amount
                return gatewayOutcome(
                    await gateway.submit(
                        .qr(
                            QRPaymentDetails(
                                payload: text, payer: BankPayer(bank: parts[0], reference: parts[1]), amount: typed),
                            id: step.id)))
            case .walletOpen(let holder, let name, let type, let bank, let mcc):
                let platform = try requirePlatform()
                guard let walletType = CBDCWalletType(rawValue: type) else {
                    return outcome(.error, "wallet type \(type)")
                }
                let wallet = try await platform.openWallet(
                    holder: holder, name: name, type: walletType, bank: bank,
                    merchantCategoryCode: mcc.flatMap { MerchantCategoryCode($0) })
                return outcome(.done, "wallet \(wallet.id) of \(holder) at \(wallet.banks.joined(separator: ", "))")
            case .walletDeposit(let holder, let bank, let amount):
                let platform = try requirePlatform()
                try await platform.fundDeposit(customer: holder, bank: bank, amount: amount, reference: step.id)
                let balance = try await platform.depositBalance(customer: holder, bank: bank)
                return outcome(.done, amount: amount, "deposit of \(holder) at \(bank): \(balance)")
            case .walletConvert(let holder, let bank, let amount, let toDeposit):
                let platform = try requirePlatform()
                let wallet = DigitalRublePlatform.walletID(forHolder: holder)
                return platformOutcome(
                    toDeposit
                        ? await platform.convertToDeposit(id: step.id, wallet: wallet, bank: bank, amount: amount)
                        : await platform.convertToDigital(id: step.id, wallet: wallet, bank: bank, amount: amount))
            case .walletPay(let from, let to, let merchant, let amount):
                let platform = try requirePlatform()
                let payer = DigitalRublePlatform.walletID(forHolder: from)
                let result: CBDCPaymentResult
                if let merchant {
                    let payload = try await platform.merchantQR(
                        wallet: DigitalRublePlatform.walletID(forHolder: merchant), amount: amount)
                    result = await platform.pay(qr: payload, from: payer, paymentID: step.id)
                } else {
                    let payee = DigitalRublePlatform.walletID(forHolder: to ?? "")
                    let kind = Self.kind(
                        payer: await platform.wallet(payer)?.type, payee: await platform.wallet(payee)?.type)
                    result = await platform.pay(
                        CBDCPaymentRequest(id: step.id, kind: kind, payer: payer, payee: payee, amount: amount))
                }
                walletPayments[step.id] = amount
                return platformOutcome(result)
            case .refund(let payment, let amount):
                if let paid = walletPayments[payment] {
                    let platform = try requirePlatform()
                    return platformOutcome(
                        await platform.refund(id: step.id, paymentID: payment, amount: amount ?? paid))
                }
                return gatewayOutcome(try await gateway.refund(paymentID: payment, amount: amount, refundID: step.id))
            case .traffic:
                return outcome(.error, "the traffic step is run by the runner")
            case .clear:
                let date = gateway.businessDate(at: clock.now())
                if !businessDates.contains(date) { businessDates.append(date) }
                let run = try await gateway.clear(businessDate: date)
                clearingRuns[date.text] = run
                return outcome(
                    .done,
                    "\(date.text): \(run.netting.positions.count) net positions, "
                        + "\(run.settlementMessages.count) pacs.009, "
                        + "\(run.statements.count) camt.053, \(run.notifications.count) camt.054, reconciliation "
                        + (run.reconciliation.isBalanced ? "balanced" : "with differences"))
            }
        } catch {
            return outcome(.error, "\(error)")
        }
    }

    func requirePlatform() throws(ScenarioError) -> DigitalRublePlatform {
        guard let platform else {
            throw ScenarioError(line: nil, key: "world.cbdc", "wallet steps need a digital-ruble platform file")
        }
        return platform
    }

    /// The platform's payment kind for a payment between two wallets of these types.
    static func kind(payer: CBDCWalletType?, payee: CBDCWalletType?) -> CBDCPaymentKind {
        switch (payer, payee) {
        case (.government?, _): .g2p
        case (let payer?, let payee?) where payer.isBusiness && payee.isBusiness: .b2b
        case (.person?, let payee?) where payee.isBusiness: .c2b
        default: .p2p
        }
    }

    /// The net positions of every clearing run, by day, then currency and participant as netting orders them.
    func netPositions() -> [NetPositionLine] {
        clearingRuns.sorted(by: { $0.key < $1.key }).flatMap { date, run in
            run.netting.positions.map {
                NetPositionLine(
                    businessDate: date, participant: $0.participant, currency: $0.currency.alphaCode,
                    owesMinorUnits: $0.owes, owes: $0.owesAmount.description)
            }
        }
    }

    /// The ISO 20022 messages of the run by kind: the payments' pacs.008/.002/.004 and the clearing runs' pacs.009,
    /// camt.053 and camt.054.
    func messageCounts() async throws -> [String: Int] {
        var counts = Dictionary(uniqueKeysWithValues: ScenarioExpectation.messageKinds.map { ($0, 0) })
        for date in businessDates {
            for message in try await gateway.emittedMessages(businessDate: date) {
                let kind = String(message.definition.prefix(8))
                counts[kind, default: 0] += 1
            }
        }
        for run in clearingRuns.values {
            counts["pacs.009", default: 0] += run.settlementMessages.count
            counts["camt.053", default: 0] += run.statements.count
            counts["camt.054", default: 0] += run.notifications.count
        }
        return counts
    }

    /// The run's files: each payment message as `messages/<definition>-<id>.xml` (its business application header in
    /// `….head.xml`), each clearing run's files under
    /// `clearing/<date>/`.
    func files() async throws -> [GeneratedFile] {
        var files: [GeneratedFile] = []
        for date in businessDates {
            for message in try await gateway.emittedMessages(businessDate: date) {
                let xml = try message.xml()
                let stem = "messages/\(message.definition)-\(message.messageID)"
                files.append(GeneratedFile(name: stem + ".head.xml", text: xml.header))
                files.append(GeneratedFile(name: stem + ".xml", text: xml.document))
            }
        }
        for (date, run) in clearingRuns.sorted(by: { $0.key < $1.key }) {
            files += run.files.map { $0.renamed("clearing/\(date)/\($0.name)") }
        }
        return files
    }
}
