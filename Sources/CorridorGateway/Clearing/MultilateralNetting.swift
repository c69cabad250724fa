import CorridorCore

/// Multilateral netting (DESIGN.md §1, clearing): every obligation of the day is summed into one net position per
/// participant and currency, so each participant makes at most one payment per currency at settlement.
///
/// Guarantees: the result does not depend on the order of the items; every sum is checked, and an overflow is a
/// thrown ``ClearingError/amountOverflow(participant:currency:)``, never a trap or a wrap; each currency's positions
/// sum to zero. Cost: one pass over the obligations with two dictionary lookups each (participant ids are interned
/// to array indices), then a sort of the participants.
public enum MultilateralNetting {
    /// Nets the obligations of the items (all of them, whatever their business date).
    /// - Parameter items: the items to net.
    /// - Returns: the positions per currency, sorted by participant, with the gross and net totals.
    /// - Throws: ``ClearingError/obligationAmountNotPositive(itemID:amount:)`` for an obligation that is not
    ///   positive; ``ClearingError/amountOverflow(participant:currency:)`` when a sum leaves Int64.
    public static func net(_ items: some Sequence<ClearingItem>) throws(ClearingError) -> NettingResult {
        var book = NettingBook()
        // Arrays take this path: the items are read in place, without copying each one (a copy retains every
        // string the item holds).
        let contiguous: Result<Int, ClearingError>? = items.withContiguousStorageIfAvailable { buffer in
            do throws(ClearingError) {
                for index in buffer.indices {
                    try book.add(buffer[index].obligations, itemID: { buffer[index].id })
                }
                return .success(buffer.count)
            } catch {
                return .failure(error)
            }
        }
        let itemCount: Int
        switch contiguous {
        case .success(let count)?:
            itemCount = count
        case .failure(let error)?:
            throw error
        case nil:
            var count = 0
            for item in items {
                try book.add(item.obligations, itemID: { item.id })
                count += 1
            }
            itemCount = count
        }
        return try book.result(itemCount: itemCount)
    }
}

/// The running sums of a netting: participants and currencies interned to indices, gross sums in flat arrays.
private struct NettingBook {
    /// One currency's sums, indexed by participant index.
    struct CurrencySums {
        let currency: Currency
        var credits: [Int64]
        var debits: [Int64]
        var named: [Bool]
        var obligationCount = 0
        var grossTotal: Int64 = 0

        /// Which sum an obligation would take past Int64.
        enum Overflow {
            case participant(Int)
            case grossTotal
        }

        /// Adds one obligation, or changes nothing and says which sum would overflow.
        mutating func add(_ amount: Int64, debtor: Int, creditor: Int) -> Overflow? {
            let (credit, creditOverflow) = credits[debtor].addingReportingOverflow(amount)
            if creditOverflow { return .participant(debtor) }
            let (debit, debitOverflow) = debits[creditor].addingReportingOverflow(amount)
            if debitOverflow { return .participant(creditor) }
            let (gross, grossOverflow) = grossTotal.addingReportingOverflow(amount)
            if grossOverflow { return .grossTotal }
            credits[debtor] = credit
            debits[creditor] = debit
            grossTotal = gross
            named[debtor] = true
            named[creditor] = true
            obligationCount += 1
            return nil
        }
    }

    private var participantIndex: [ParticipantID: Int] = [:]
    private var participantIDs: [ParticipantID] = []
    private var currencyIndex: [Currency: Int] = [:]
    private var sums: [CurrencySums] = []
    private var lastCurrency: Currency?
    private var lastSlot = 0

    mutating func add(_ obligations: [Obligation], itemID: () -> String) throws(ClearingError) {
        // Indices rather than an iterator: an unoptimized build then reads the fields in place instead of copying
        // every obligation (a copy retains both participant strings).
        for at in obligations.indices {
            let amount = obligations[at].amount.minorUnits
            guard amount > 0 else {
                throw .obligationAmountNotPositive(itemID: itemID(), amount: obligations[at].amount)
            }
            let currency = obligations[at].amount.currency
            // Most days settle in few currencies and items come in runs of one: a one-entry memo skips the hash.
            if currency != lastCurrency {
                lastSlot = index(of: currency)
                lastCurrency = currency
            }
            let debtor = index(of: obligations[at].debtor)
            let creditor = index(of: obligations[at].creditor)
            switch sums[lastSlot].add(amount, debtor: debtor, creditor: creditor) {
            case nil: break
            case .participant(let index)?: throw .amountOverflow(participant: participantIDs[index], currency: currency)
            case .grossTotal?: throw .amountOverflow(participant: nil, currency: currency)
            }
        }
    }

    func result(itemCount: Int) throws(ClearingError) -> NettingResult {
        let order = participantIDs.indices.sorted { participantIDs[$0] < participantIDs[$1] }
        var currencies: [NettingResult.CurrencyNetting] = []
        currencies.reserveCapacity(sums.count)
        for sums in sums.sorted(by: { $0.currency < $1.currency }) {
            let currency = sums.currency
            var positions: [NetPosition] = []
            var netTotal: Int64 = 0
            var owesSum: Int64 = 0
            for participant in order where sums.named[participant] {
                let id = participantIDs[participant]
                let (owes, overflow) = sums.credits[participant].subtractingReportingOverflow(sums.debits[participant])
                guard !overflow else { throw .amountOverflow(participant: id, currency: currency) }
                if owes > 0 { try Self.add(owes, to: &netTotal, participant: nil, currency: currency) }
                try Self.add(owes, to: &owesSum, participant: nil, currency: currency)
                positions.append(NetPosition(participant: id, currency: currency, owes: owes,
                                             grossDebits: sums.debits[participant],
                                             grossCredits: sums.credits[participant]))
            }
            currencies.append(NettingResult.CurrencyNetting(
                currency: currency, positions: positions, obligationCount: sums.obligationCount,
                grossTotal: sums.grossTotal, netTotal: netTotal, owesSum: owesSum))
        }
        return NettingResult(currencies: currencies, itemCount: itemCount)
    }

    private mutating func index(of currency: Currency) -> Int {
        if let found = currencyIndex[currency] { return found }
        let count = participantIDs.count
        sums.append(CurrencySums(
            currency: currency, credits: Array(repeating: 0, count: count), debits: Array(repeating: 0, count: count),
            named: Array(repeating: false, count: count)))
        currencyIndex[currency] = sums.count - 1
        return sums.count - 1
    }

    private mutating func index(of participant: ParticipantID) -> Int {
        if let found = participantIndex[participant] { return found }
        participantIDs.append(participant)
        participantIndex[participant] = participantIDs.count - 1
        for slot in sums.indices {
            sums[slot].credits.append(0)
            sums[slot].debits.append(0)
            sums[slot].named.append(false)
        }
        return participantIDs.count - 1
    }

    private static func add(
        _ amount: Int64, to sum: inout Int64, participant: ParticipantID?, currency: Currency
    ) throws(ClearingError) {
        let (result, overflow) = sum.addingReportingOverflow(amount)
        guard !overflow else { throw .amountOverflow(participant: participant, currency: currency) }
        sum = result
    }
}
