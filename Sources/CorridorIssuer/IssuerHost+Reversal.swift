import CorridorCore
import CorridorISO8583
import CorridorLedger

extension IssuerHost {
    /// The original transaction a reversal or completion refers to: field 90 (original MTI, STAN, transmission
    /// time, acquirer) with the request's terminal, else the request's own STAN and transmission time.
    static func originalKey(of request: IsoMessage) -> CardTransactionKey {
        let own = transactionKey(of: request)
        guard let original = request[text: 90], original.count == 42, original.allSatisfy(\.isASCII) else { return own }
        let characters = Array(original)
        let stan = String(characters[4..<10])
        let transmission = String(characters[10..<20])
        let acquirer = normalizedAcquirer(String(characters[20..<31]))
        return CardTransactionKey(
            acquirer: acquirer.isEmpty ? own.acquirer : acquirer, terminal: own.terminal, stan: stan,
            transmissionDateTime: transmission)
    }

    /// 0400/0420: voids the hold of a 0100, or returns the debit of a 0200 (or of a completed 0100).
    func reverse(_ request: IsoMessage, key: CardTransactionKey) async -> Decision {
        func reply(_ code: IssuerResponseCode) -> Decision { decision(answering: request, with: code) }
        let originalKey = Self.originalKey(of: request)
        // An original still being decided finishes first, so a reversal never overtakes its authorization.
        let original = originalKey == key ? nil : await decision(for: originalKey)
        let found: (record: TransferRecord, scheme: CardTransferID.Scheme)?
        do {
            found = try await originalDebit(of: originalKey)
        } catch {
            logger.error("ledger unavailable for a reversal: \(error)")
            return reply(.issuerInoperative)
        }
        guard let (record, scheme) = found else {
            // Declined originals held nothing: acknowledged. Unknown originals: 25. Neither changes anything.
            if let original, !original.code.isApproval { return reply(.approved) }
            return reply(.unableToLocateRecord)
        }
        let lastFour = String(record.transfer.userData.reference.suffix(4))
        var code: IssuerResponseCode
        switch record.transfer.kind {
        case .pending:
            let debitID = record.transfer.id
            let void = Transfer(
                id: CardTransferID.id(.void, of: originalKey, scheme: scheme), kind: .voidPending(debitID), legs: [])
            do {
                switch try await backend.post([void]).first {
                case .committed?, .rejected(.pendingExpired)?: code = .approved
                case .rejected(.pendingAlreadyPosted)?:
                    code = await returnPostedHold(of: record, originalKey: originalKey, scheme: scheme, lastFour: lastFour)
                case let other:
                    logger.error("ledger refused void of \(debitID): \(String(describing: other))")
                    code = .systemMalfunction
                }
            } catch {
                logger.error("ledger unavailable for a reversal: \(error)")
                code = .issuerInoperative
            }
        case .single:
            code = await postCardTransfer(
                Self.compensation(
                    of: record.transfer.legs, originalKey: originalKey, scheme: scheme, userData: record.transfer.userData),
                lastFour: lastFour)
        case .postPending, .voidPending:
            code = .unableToLocateRecord
        }
        if code.isApproval, reversedKeys.insert(originalKey).inserted {
            releaseDaily(original?.dailyDebit)
        }
        return reply(code)
    }

    /// A hold that was completed (0220) and is now reversed: the posted amount goes back to the card.
    private func returnPostedHold(
        of record: TransferRecord, originalKey: CardTransactionKey, scheme: CardTransferID.Scheme, lastFour: String
    ) async -> IssuerResponseCode {
        let completionID = CardTransferID.id(.completion, of: originalKey, scheme: scheme)
        guard let completion = try? await backend.lookup(transfers: [completionID]).first else { return .systemMalfunction }
        return await postCardTransfer(
            Self.compensation(
                of: completion.appliedLegs, originalKey: originalKey, scheme: scheme, userData: record.transfer.userData),
            lastFour: lastFour)
    }

    /// The debit (or hold) of an original transaction and the id scheme it was posted under: this build's ordered
    /// ids, or the hash-only ids of a ledger written by an earlier build. nil when there is none.
    func originalDebit(of originalKey: CardTransactionKey) async throws
        -> (record: TransferRecord, scheme: CardTransferID.Scheme)?
    {
        let candidates = CardTransferID.lookupCandidates(of: originalKey)
        let records = try await backend.lookup(transfers: candidates.map(\.id))
        for candidate in candidates {
            if let record = records.first(where: { $0.transfer.id == candidate.id }) { return (record, candidate.scheme) }
        }
        return nil
    }

    /// The transfer that undoes posted legs: each leg's accounts swapped.
    static func compensation(
        of legs: [TransferLeg], originalKey: CardTransactionKey, scheme: CardTransferID.Scheme, userData: TransferUserData
    ) -> Transfer {
        Transfer(
            id: CardTransferID.id(.reversal, of: originalKey, scheme: scheme), kind: .single,
            legs: legs.map { TransferLeg(debit: $0.credit, credit: $0.debit, amount: $0.amount) },
            userData: TransferUserData(paymentID: userData.paymentID, rail: userData.rail, reference: "reversal " + userData.reference))
    }

    /// 0220: completes the hold of the 0100 named in field 90, for its full amount or a smaller one.
    func complete(_ request: IsoMessage, key: CardTransactionKey) async -> Decision {
        func reply(_ code: IssuerResponseCode) -> Decision { decision(answering: request, with: code) }
        guard request[text: 90] != nil else { return reply(.formatError) }
        let originalKey = Self.originalKey(of: request)
        let original = await decision(for: originalKey)
        guard let (record, scheme) = try? await originalDebit(of: originalKey), case .pending = record.transfer.kind,
            let hold = record.transfer.legs.first
        else { return reply(.unableToLocateRecord) }
        let debitID = record.transfer.id
        // The full hold unless a smaller amount in the card's currency is given.
        var amounts: [Int64]?
        if let amountText = request[text: 4], amountText != original?.response[text: 4],
            let units = Int64(amountText), let currency = request[text: 49].flatMap(Currency.init(numericText:))
        {
            guard currency == hold.amount.currency else { return reply(.transactionNotPermitted) }
            guard units > 0, units <= hold.amount.minorUnits else { return reply(.invalidAmount) }
            amounts = [units]
        }
        let post = Transfer(
            id: CardTransferID.id(.completion, of: originalKey, scheme: scheme), kind: .postPending(debitID, amounts: amounts),
            legs: [])
        do {
            switch try await backend.post([post]).first {
            case .committed?: return reply(.approved)
            case .rejected(.pendingAlreadyVoided)?, .rejected(.pendingExpired)?: return reply(.unableToLocateRecord)
            case .rejected(.postAmountExceedsPending)?: return reply(.invalidAmount)
            case let other:
                logger.error("ledger refused completion of \(debitID): \(String(describing: other))")
                return reply(.systemMalfunction)
            }
        } catch {
            logger.error("ledger unavailable for a completion: \(error)")
            return reply(.issuerInoperative)
        }
    }
}
