import CorridorCore
import CorridorLedger

extension DigitalRublePlatform {
    /// Runs an operation once per id: a finished one returns its stored result (or a decline when the id names
    /// another request), a running one is awaited, a new one runs in its own task.
    func perform(_ id: String, _ request: OperationRequest, qrPayload: String? = nil) async -> CBDCPaymentResult {
        guard Self.isValidIdentifier(id) else {
            return declined(id: String(id.prefix(Self.identifierLengthMax)), request, .idInvalid)
        }
        if let stored = operations[id] {
            return stored.request == request ? stored.result : declined(id: id, request, .idReused(id))
        }
        if let running = inFlight[id] {
            guard running.request == request else { return declined(id: id, request, .idReused(id)) }
            return await running.task.value
        }
        let task = Task { await self.execute(id, request, qrPayload: qrPayload) }
        inFlight[id] = (request, task)
        return await task.value
    }

    private func execute(_ id: String, _ request: OperationRequest, qrPayload: String?) async -> CBDCPaymentResult {
        let nowMs = clock.now().unixMilliseconds
        var trail = CBDCPaymentTrail(operationID: id, request: Self.describe(request))
        trail.qrPayload = qrPayload
        trail.record("request", at: nowMs, trail.request)
        let (result, feeBank, retryable) = switch request {
        case .payment(let payment): await executePayment(id, payment, trail: &trail, at: nowMs)
        case .toDigital, .toDeposit: await executeConversion(id, request, trail: &trail, at: nowMs)
        case .refund(let paymentID, let amount): await executeRefund(id, paymentID: paymentID, amount: amount, trail: &trail, at: nowMs)
        }
        trail.record("result", at: nowMs, result.declineReason.map { "declined \($0)" } ?? "approved \(result.responseCode)")
        // Declines that a retry could turn into approvals without any change of request (the store failed) are not
        // kept, so the retry is evaluated afresh; every other outcome is the id's answer from now on.
        if !retryable {
            if !keepsTrails { trail = Self.summary(of: trail, result: result, at: nowMs) }
            operations[id] = StoredOperation(request: request, result: result, trail: trail, feeBank: feeBank)
        }
        inFlight[id] = nil
        return result
    }

    /// A trail cut to its request and result (``keepTrails(_:)`` off): no QR payload, no intermediate steps.
    static func summary(of trail: CBDCPaymentTrail, result: CBDCPaymentResult, at ms: Int64) -> CBDCPaymentTrail {
        var summary = CBDCPaymentTrail(operationID: trail.operationID, request: trail.request)
        summary.ledgerTransfers = trail.ledgerTransfers
        summary.record("result", at: ms, result.declineReason.map { "declined \($0)" } ?? "approved \(result.responseCode)")
        return summary
    }

    /// A declined result for a request, not stored.
    func declined(id: String, _ request: OperationRequest, _ reason: CBDCDeclineReason) -> CBDCPaymentResult {
        switch request {
        case .payment(let payment):
            CBDCPaymentResult(id: id, kind: payment.kind, amount: payment.amount, payer: payment.payer, payee: payment.payee,
                              declined: reason)
        case .toDigital(let wallet, _, let amount):
            CBDCPaymentResult(id: id, kind: .toDigital, amount: amount, payer: nil, payee: wallet, declined: reason)
        case .toDeposit(let wallet, _, let amount):
            CBDCPaymentResult(id: id, kind: .toDeposit, amount: amount, payer: wallet, payee: nil, declined: reason)
        case .refund(let paymentID, let amount):
            CBDCPaymentResult(id: id, kind: .refund, amount: amount, payer: operations[paymentID]?.result.payee,
                              payee: operations[paymentID]?.result.payer, declined: reason)
        }
    }

    static func describe(_ request: OperationRequest) -> String {
        switch request {
        case .payment(let p):
            "\(p.kind.rawValue) \(p.amount) from \(p.payer) to \(p.payee)" + (p.reference.isEmpty ? "" : " (\(p.reference))")
        case .toDigital(let wallet, let bank, let amount): "convert \(amount) from a deposit at \(bank) into \(wallet)"
        case .toDeposit(let wallet, let bank, let amount): "redeem \(amount) from \(wallet) into a deposit at \(bank)"
        case .refund(let paymentID, let amount): "refund \(amount) of payment \(paymentID)"
        }
    }

    /// Posts one operation's transfer through the group-commit poster.
    func post(_ id: String, kind: CBDCPaymentKind, legs: [TransferLeg]) async throws -> (TransferID, TransferOutcome) {
        let transferID = CBDCAccounts.transferID("operation/" + id)
        let outcome = try await poster.post(Transfer(
            id: transferID, kind: .single, legs: legs,
            userData: TransferUserData(paymentID: id, rail: "cbdc", reference: kind.rawValue)))
        return (transferID, outcome)
    }

    // MARK: Limits

    /// The UTC calendar day (yyyymmdd) and month (yyyymm) of an instant, the periods limits count over.
    static func periods(atMs ms: Int64) -> (day: Int, month: Int) {
        let civil = CivilDate(unixMilliseconds: ms)
        return (civil.year * 10_000 + civil.month * 100 + civil.day, civil.year * 100 + civil.month)
    }

    /// Adds `amount` to a period's total when it stays within `limit`; false (nothing added) when it would not.
    static func reserve(_ totals: inout [WalletID: PeriodTotal], _ wallet: WalletID, period: Int, amount: Int64, limit: Money?) -> Bool {
        var total = totals[wallet] ?? PeriodTotal(period: period, totalMinorUnits: 0)
        if total.period != period { total = PeriodTotal(period: period, totalMinorUnits: 0) }
        let (sum, overflow) = total.totalMinorUnits.addingReportingOverflow(amount)
        if let limit, overflow || sum > limit.minorUnits { return false }
        total.totalMinorUnits = overflow ? .max : sum
        totals[wallet] = total
        return true
    }

    /// Takes back a reservation made in `period` (nothing when the period has moved on since).
    static func release(_ totals: inout [WalletID: PeriodTotal], _ wallet: WalletID, period: Int, amount: Int64) {
        guard var total = totals[wallet], total.period == period else { return }
        total.totalMinorUnits = max(0, total.totalMinorUnits - amount)
        totals[wallet] = total
    }
}
