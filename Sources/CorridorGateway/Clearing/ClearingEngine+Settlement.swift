import CorridorCore
import CorridorISO20022
import CorridorLedger

extension ClearingEngine {
    /// One pacs.009 per non-zero net position, in netting order (currency, then participant): a net payer pays
    /// the currency's settlement agent (settlement method INDA: the agent debits the account it services for the
    /// payer); the agent pays a net receiver (INGA: from the agent's own books).
    /// - Throws: ``ClearingError/message(_:)`` when a message breaks a CBPR+ rule (an id too long, an amount over
    ///   18 digits).
    func settlementMessages(
        netting: NettingResult, parties: ClearingParties, identifiers: ClearingIdentifiers, created: ISODateTime
    ) throws(ClearingError) -> [NetSettlementMessage] {
        var messages: [NetSettlementMessage] = []
        for position in netting.positions where position.owes != 0 {
            // ClearingParties resolved every netted participant and every netted currency's agent.
            let participant = parties.participants[position.participant]!
            let agent = parties.agents[position.currency]!
            let number = messages.count + 1
            let messageID = identifiers.settlementMessage(number)
            let participantSide = (
                institution: FinancialInstitution(bic: participant.bic, name: participant.name),
                account: CashAccount(identification: .other(
                    id: ClearingIdentifiers.compact(GatewayAccounts.position(of: participant.id,
                                                                             currency: position.currency)),
                    schemeCode: nil), currency: position.currency))
            let agentSide = (
                institution: FinancialInstitution(bic: agent.bic, name: agent.name),
                account: CashAccount(identification: .other(
                    id: ClearingIdentifiers.compact(GatewayAccounts.settlementAgent(agent.id,
                                                                                    currency: position.currency)),
                    schemeCode: nil), currency: position.currency))
            let paysIn = position.owes > 0
            let (debtor, creditor) = paysIn ? (participantSide, agentSide) : (agentSide, participantSide)
            let transaction = FinancialInstitutionCreditTransferTransaction(
                instructionId: messageID, endToEndId: messageID, transactionId: messageID,
                uetr: identifiers.settlementUETR(participant.id, position.currency),
                // |owes| cannot overflow: gross sums are ≥ 0, so owes > Int64.min.
                interbankSettlementAmount: Money(minorUnits: abs(position.owes), currency: position.currency),
                interbankSettlementDate: identifiers.businessDate,
                instructingAgent: FinancialInstitution(bic: debtor.institution.bic!),
                instructedAgent: FinancialInstitution(bic: creditor.institution.bic!),
                debtor: debtor.institution, debtorAccount: debtor.account,
                creditor: creditor.institution, creditorAccount: creditor.account)
            let document = FinancialInstitutionCreditTransfer(
                groupHeader: GroupHeader(
                    messageId: messageID, creationDateTime: created,
                    settlementInstruction: SettlementInstruction(
                        method: paysIn ? .instructedAgent : .instructingAgent)),
                transactions: [transaction])
            let message = BusinessMessage(from: debtor.institution.bic!, to: creditor.institution.bic!,
                                          creationDate: created, document: document)
            let xml: (header: String, document: String)
            do throws(ISO20022Error) {
                xml = try message.xml()
            } catch {
                throw .message(error)
            }
            messages.append(NetSettlementMessage(
                participant: participant.id, currency: position.currency, owes: position.owes,
                settlementAgent: agent.id,
                transferID: GatewayAccounts.transferID(identifiers.settlementKey(participant.id, position.currency)),
                message: message, headerXML: xml.header, documentXML: xml.document,
                headerFileName: identifiers.fileName(FinancialInstitutionCreditTransfer.messageDefinition, number,
                                                     header: true),
                documentFileName: identifiers.fileName(FinancialInstitutionCreditTransfer.messageDefinition, number)))
        }
        return messages
    }

    /// Creates the accounts settlement needs and the ledger does not have yet: each netted participant's position
    /// and each netted currency's agent account (kind `.settlement`, no limits).
    /// - Throws: ``ClearingError/accountRejected(_:_:)``, or the backend's errors.
    func openAccounts(netting: NettingResult, parties: ClearingParties) async throws {
        var wanted: [Account] = []
        for currency in netting.currencies {
            let agent = parties.agents[currency.currency]!
            wanted.append(Account(id: GatewayAccounts.settlementAgent(agent.id, currency: currency.currency),
                                  currency: currency.currency, owner: agent.id, kind: .settlement))
            for position in currency.positions {
                wanted.append(Account(
                    id: GatewayAccounts.position(of: position.participant, currency: currency.currency),
                    currency: currency.currency, owner: position.participant, kind: .settlement))
            }
        }
        let batch = max(1, backend.batchSizeMax)
        for start in stride(from: 0, to: wanted.count, by: batch) {
            let slice = Array(wanted[start..<min(start + batch, wanted.count)])
            // Only missing accounts are created: an existing position may carry flags or user data of its own.
            let existing = Set(try await backend.accounts(slice.map(\.id)).map(\.id))
            let missing = slice.filter { !existing.contains($0.id) }
            guard !missing.isEmpty else { continue }
            for (account, outcome) in zip(missing, try await backend.createAccounts(missing)) {
                if case .rejected(let rejection) = outcome {
                    throw ClearingError.accountRejected(account.id, rejection)
                }
            }
        }
    }

    /// Posts one settlement transfer per message, moving the position to the agent's account (or back), and
    /// returns the committed records by position.
    /// - Throws: ``ClearingError/settlementRejected(participant:currency:_:)``, or the backend's errors.
    func post(
        _ settlements: [NetSettlementMessage], identifiers: ClearingIdentifiers
    ) async throws -> [PositionKey: TransferRecord] {
        let transfers = settlements.map { settlement in
            let position = GatewayAccounts.position(of: settlement.participant, currency: settlement.currency)
            let agent = GatewayAccounts.settlementAgent(settlement.settlementAgent, currency: settlement.currency)
            let amount = Money(minorUnits: abs(settlement.owes), currency: settlement.currency)
            let paysIn = settlement.owes > 0
            return Transfer.single(
                id: settlement.transferID, debit: paysIn ? position : agent, credit: paysIn ? agent : position,
                amount: amount,
                userData: TransferUserData(paymentID: "clearing/\(identifiers.businessDate.text)", rail: "clearing",
                                           reference: settlement.message.document.groupHeader.messageId))
        }
        let batch = max(1, backend.batchSizeMax)
        for start in stride(from: 0, to: transfers.count, by: batch) {
            let range = start..<min(start + batch, transfers.count)
            let outcomes = try await backend.post(Array(transfers[range]))
            for (settlement, outcome) in zip(settlements[range], outcomes) {
                if case .rejected(let rejection) = outcome {
                    throw ClearingError.settlementRejected(participant: settlement.participant,
                                                           currency: settlement.currency, rejection)
                }
            }
        }
        var records: [PositionKey: TransferRecord] = [:]
        for start in stride(from: 0, to: settlements.count, by: batch) {
            let range = start..<min(start + batch, settlements.count)
            let found = try await backend.lookup(transfers: settlements[range].map(\.transferID))
            let byID = Dictionary(found.map { ($0.transfer.id, $0) }, uniquingKeysWith: { first, _ in first })
            for settlement in settlements[range] {
                if let record = byID[settlement.transferID] {
                    records[PositionKey(participant: settlement.participant, currency: settlement.currency)] = record
                }
            }
        }
        return records
    }
}
