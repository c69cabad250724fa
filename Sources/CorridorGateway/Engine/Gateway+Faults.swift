import CorridorCore

extension Gateway {
    /// Takes a participant offline or back online. While a payer's bank or card issuer is offline, its payers'
    /// payments decline with 91 (issuer or switch inoperative) and ISO 20022 AB07 (offline agent), before screening
    /// and before any money moves. Scenario fault injection uses it (issue 7).
    /// - Parameters:
    ///   - participant: the bank or issuer.
    ///   - offline: true to take it offline, false to bring it back.
    public func setOffline(_ participant: ParticipantID, _ offline: Bool) {
        offlineParticipants.withLock { set in
            if offline { set.insert(participant) } else { set.remove(participant) }
        }
    }

    /// Moves a pair's mid rate from now on (a rate jump); later quotes and DCC offers use it, earlier ones keep theirs.
    /// - Parameters:
    ///   - base: the currency one unit of which is priced.
    ///   - quote: the currency it is priced in.
    ///   - mid: the new mid rate.
    /// - Throws: ``FXError`` as ``FXRateBook/setMid(base:quote:mid:spreadBps:)`` does.
    public func setMid(base: Currency, quote: Currency, mid: FXRate) throws(FXError) {
        try quoterState.withLock { (quoter: inout FXQuoter) throws(FXError) in
            var book = quoter.book
            try book.setMid(base: base, quote: quote, mid: mid)
            quoter = FXQuoter(book: book, spreads: quoter.spreads, lifetimeSeconds: quoter.lifetimeSeconds)
        }
    }

    /// The decline for a payer whose bank is offline, nil when it is online.
    func offlineDecline(_ bank: ParticipantID) -> DeclineReason? {
        guard offlineParticipants.withLock({ $0.contains(bank) }) else { return nil }
        return DeclineReason(iso8583Code: "91", iso20022Code: "AB07", text: "\(bank) is offline")
    }
}
