import CorridorCore
import CorridorISO20022
import CorridorLedger

extension ClearingEngine {
    /// The camt documents of a run.
    struct AccountReports: Sendable {
        var statements: [ClearingDocument<BankToCustomerStatement>] = []
        var notifications: [ClearingDocument<BankToCustomerDebitCreditNotification>] = []
    }

    /// Everything one position's camt documents are made of.
    private struct PositionReport {
        let key: PositionKey
        let participant: Participant
        let agent: Participant?
        let entries: [ReportEntry]
        let opening: Int64
        let closing: Int64
    }

    /// One camt.053 per position account (opening balance, the day's item entries, the settlement entry, closing
    /// balance) and one camt.054 per position account with entries, in (currency, participant) order.
    ///
    /// The balances are the ledger's at the run's cut: the latest commit among the items' transfers and the
    /// settlement transfers. The closing balance is the account's balance now minus whatever was posted on it after
    /// the cut (so a later run gives the same statement); the opening balance is the closing balance minus the
    /// entries, so opening + entries = closing always holds.
    /// - Throws: ``ClearingError``, or the backend's errors.
    func accountReports(
        keys: [PositionKey], items: [ClearingItem], effects: ItemLedger.Effects, itemLedger: ItemLedger,
        settlements: [NetSettlementMessage], settlementRecords: [PositionKey: TransferRecord],
        parties: ClearingParties, identifiers: ClearingIdentifiers, created: ISODateTime
    ) async throws -> AccountReports {
        let cut = [itemLedger.lastSequence, settlementRecords.values.map(\.sequence).max()].compactMap { $0 }.max()
        let settlementsByKey = Dictionary(
            settlements.map { (PositionKey(participant: $0.participant, currency: $0.currency), $0) },
            uniquingKeysWith: { first, _ in first })
        let date = identifiers.businessDate
        var reports = AccountReports()
        for key in keys {
            guard let participant = parties.participants[key.participant] ?? directory.participant(key.participant)
            else { throw ClearingError.participantUnknown(key.participant) }
            let agent = parties.agents[key.currency]
                ?? directory.settlementAgents[key.currency].flatMap { directory.participant($0) }
            var entries: [ReportEntry] = []
            var moved: Int64 = 0
            for entry in effects.entries[key] ?? [] {
                // Only items with a counted transfer have effects.
                let transferID = itemLedger.entryTransfers[entry.item]!
                entries.append(try Self.itemEntry(items[entry.item], amount: entry.amount, transferID: transferID,
                                                  key: key, date: date))
                moved = try Self.sum(moved, entry.amount, key)
            }
            if let record = settlementRecords[key], let settlement = settlementsByKey[key] {
                let amount = try ItemLedger.postedEffect(of: record, on: key)
                entries.append(try Self.settlementEntry(settlement, amount: amount, key: key, date: date))
                moved = try Self.sum(moved, amount, key)
            }
            let closing = try await closingBalance(of: key, cut: cut)
            let opening = try Self.difference(closing, moved, key)
            try Self.append(PositionReport(key: key, participant: participant, agent: agent, entries: entries,
                                           opening: opening, closing: closing),
                            to: &reports, identifiers: identifiers, created: created)
        }
        return reports
    }

    private static func append(
        _ report: PositionReport, to reports: inout AccountReports, identifiers: ClearingIdentifiers,
        created: ISODateTime
    ) throws(ClearingError) {
        let date = identifiers.businessDate
        let currency = report.key.currency
        let account = ReportedAccount(
            account: CashAccount(identification: .other(id: ClearingIdentifiers.compact(report.key.account),
                                                        schemeCode: nil),
                                 currency: currency, name: report.participant.name),
            owner: Party(name: report.participant.name),
            servicer: report.agent.map { FinancialInstitution(bic: $0.bic) })
        // The whole business day, in UTC (the day items are booked in).
        let period = (from: ISODateTime(date: date, hour: 0, minute: 0, second: 0, utcOffsetMinutes: 0)!,
                      to: ISODateTime(date: date, hour: 23, minute: 59, second: 59, utcOffsetMinutes: 0)!)
        // Reported from the account owner's side, as a bank statement is: what the participant owes is a debit.
        let information = "Corridor settlement position as the participant sees it: a debit balance is what it owes "
            + "at settlement, a credit balance what it is owed."
        do throws(ISO20022Error) {
            let number = reports.statements.count + 1
            let statementID = identifiers.statement(number)
            let statement = BankToCustomerStatement(
                messageId: statementID, creationDateTime: created,
                statements: [AccountReport(
                    id: statementID, creationDateTime: created, period: period, account: account,
                    balances: [
                        try CashBalance(typeCode: "OPBD", signedAmount: Money(minorUnits: -report.opening,
                                                                              currency: currency), date: date),
                        try CashBalance(typeCode: "CLBD", signedAmount: Money(minorUnits: -report.closing,
                                                                              currency: currency), date: date),
                    ],
                    entries: report.entries, additionalInformation: information)])
            reports.statements.append(try ClearingDocument(
                participant: report.participant.id, currency: currency, document: statement,
                fileName: identifiers.fileName(BankToCustomerStatement.messageDefinition, number)))
            guard !report.entries.isEmpty else { return }
            let notificationNumber = reports.notifications.count + 1
            let notificationID = identifiers.notification(notificationNumber)
            let notification = BankToCustomerDebitCreditNotification(
                messageId: notificationID, creationDateTime: created,
                notifications: [AccountReport(id: notificationID, creationDateTime: created, account: account,
                                              entries: report.entries, additionalInformation: information)])
            reports.notifications.append(try ClearingDocument(
                participant: report.participant.id, currency: currency, document: notification,
                fileName: identifiers.fileName(BankToCustomerDebitCreditNotification.messageDefinition,
                                               notificationNumber)))
        } catch {
            throw .message(error)
        }
    }

    /// An item's booking on a position, from the participant's side: a debit when it made the participant owe more
    /// (it paid out: issued), a credit when it made it owed more (received).
    private static func itemEntry(
        _ item: ClearingItem, amount: Int64, transferID: TransferID, key: PositionKey, date: ISODate
    ) throws(ClearingError) -> ReportEntry {
        let money = Money(minorUnits: try magnitude(amount, key), currency: key.currency)
        let side: CreditDebit = amount > 0 ? .debit : .credit
        let reference = ClearingIdentifiers.compact(transferID)
        return ReportEntry(
            amount: money, creditDebit: side, bookingDate: date, valueDate: date, accountServicerReference: reference,
            bankTransactionCode: BankTransactionCode(domain: "PMNT", family: amount > 0 ? "ICDT" : "RCDT",
                                                     subFamily: item.messageID == nil ? "DMCT" : "XBCT"),
            transactions: [EntryTransaction(messageId: item.messageID, accountServicerReference: reference,
                                            endToEndId: item.endToEndID, amount: money, creditDebit: side,
                                            remittanceInformation: ["\(item.kind.rawValue) \(item.id)"])])
    }

    /// The settlement's booking on a position: cash management, account balancing, zero balancing
    /// (ISO external code list `CAMT/ACCB/ZABA`), with the pacs.009's references.
    private static func settlementEntry(
        _ settlement: NetSettlementMessage, amount: Int64, key: PositionKey, date: ISODate
    ) throws(ClearingError) -> ReportEntry {
        let money = Money(minorUnits: try magnitude(amount, key), currency: key.currency)
        let side: CreditDebit = amount > 0 ? .debit : .credit
        let transaction = settlement.message.document.transactions[0]
        return ReportEntry(
            amount: money, creditDebit: side, bookingDate: date, valueDate: date,
            accountServicerReference: ClearingIdentifiers.compact(settlement.transferID),
            bankTransactionCode: BankTransactionCode(domain: "CAMT", family: "ACCB", subFamily: "ZABA"),
            transactions: [EntryTransaction(
                messageId: settlement.message.document.groupHeader.messageId,
                instructionId: transaction.instructionId, endToEndId: transaction.endToEndId, uetr: transaction.uetr,
                amount: money, creditDebit: side, remittanceInformation: ["net settlement"])])
    }

    /// The position's balance (credits − debits) at the cut, read so that a commit during the read cannot slip
    /// between the balance and the history: the read is repeated until no record appeared after it.
    /// - Throws: ``ClearingError/ledgerUnsettled(_:attempts:)``,
    ///   ``ClearingError/amountOverflow(participant:currency:)``, or the backend's errors.
    private func closingBalance(of key: PositionKey, cut: UInt64?) async throws -> Int64 {
        let account = key.account
        let page = max(1, backend.batchSizeMax)
        for _ in 0..<Self.closingBalanceAttemptsMax {
            var later: Int64 = 0
            var cursor = cut
            if cut != nil {
                while true {
                    let records = try await backend.history(of: account, after: cursor, limit: page)
                    for record in records {
                        later = try Self.sum(later, try ItemLedger.postedEffect(of: record, on: key), key)
                    }
                    cursor = records.last?.sequence ?? cursor
                    if records.count < page { break }
                }
            }
            let balance = try await backend.balance(of: account)
            let now = try Self.difference(balance?.creditsPosted ?? 0, balance?.debitsPosted ?? 0, key)
            guard cut != nil else { return now }
            if try await backend.history(of: account, after: cursor, limit: 1).isEmpty {
                return try Self.difference(now, later, key)
            }
        }
        throw ClearingError.ledgerUnsettled(account, attempts: Self.closingBalanceAttemptsMax)
    }

    private static func sum(_ lhs: Int64, _ rhs: Int64, _ key: PositionKey) throws(ClearingError) -> Int64 {
        let (result, overflow) = lhs.addingReportingOverflow(rhs)
        guard !overflow else { throw .amountOverflow(participant: key.participant, currency: key.currency) }
        return result
    }

    private static func difference(_ lhs: Int64, _ rhs: Int64, _ key: PositionKey) throws(ClearingError) -> Int64 {
        let (result, overflow) = lhs.subtractingReportingOverflow(rhs)
        guard !overflow else { throw .amountOverflow(participant: key.participant, currency: key.currency) }
        return result
    }

    private static func magnitude(_ amount: Int64, _ key: PositionKey) throws(ClearingError) -> Int64 {
        guard amount != .min else { throw .amountOverflow(participant: key.participant, currency: key.currency) }
        return abs(amount)
    }
}
