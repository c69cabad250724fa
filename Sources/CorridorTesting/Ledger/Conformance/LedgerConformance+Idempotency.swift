import CorridorCore
import CorridorLedger

private typealias Check = ConformanceCheck

extension LedgerConformance {
    /// The id as idempotency key: replays, reuse with another body, retries after a rejection.
    static let idempotencyCases: [LedgerConformanceCase] = [
        LedgerConformanceCase("replayAcrossBatchesIsCommittedWithoutASecondEffect") { f in
            let bank = try await f.createAccount(.bank)
            let merchant = try await f.createAccount(.merchant)
            let transfer = f.single(from: bank, to: merchant, 250)
            try await f.expectCommitted([transfer])
            let first = try await f.record(transfer.id)
            f.clock.advance(by: 5)
            try await f.expectCommitted([transfer])
            try await f.expectCommitted([transfer])
            try await f.expectBalance(merchant, creditsPosted: 250, "merchant")
            try await f.expectBalance(bank, debitsPosted: 250, "bank")
            try Check.expectEqual(try await f.record(transfer.id), first, "record after replays")
            try Check.expectEqual(try await f.backend.allTransfers(after: nil, limit: 10).count, 1, "records")
        },

        LedgerConformanceCase("replayWithinOneBatchIsCommittedWithoutASecondEffect") { f in
            let tourist = try await f.createAccount(.tourist)
            let merchant = try await f.createAccount(.merchant)
            try await f.fund(tourist, 100)
            let transfer = f.single(from: tourist, to: merchant, 100)
            let outcomes = try await f.backend.post([transfer, transfer, transfer])
            try Check.expectEqual(outcomes, [.committed, .committed, .committed], "outcomes")
            try await f.expectBalance(tourist, debitsPosted: 100, creditsPosted: 100, "tourist")
            try await f.expectBalance(merchant, creditsPosted: 100, "merchant")
            try await f.expectVerified()
        },

        LedgerConformanceCase("idReusedWithDifferentBodyIsRejected") { f in
            let bank = try await f.createAccount(.bank)
            let merchant = try await f.createAccount(.merchant)
            let other = try await f.createAccount(.merchant)
            let original = Transfer(
                id: f.nextTransferID(), legs: [TransferLeg(debit: bank, credit: merchant, amount: f.money(250))],
                userData: TransferUserData(paymentID: "pay-1", rail: "sbp", reference: "r")
            )
            try await f.expectCommitted([original])
            let stored = try await f.record(original.id)
            let leg = original.legs[0]
            let variants = [
                Transfer(id: original.id, legs: [TransferLeg(debit: bank, credit: merchant, amount: f.money(251))],
                         userData: original.userData),
                Transfer(id: original.id, legs: [TransferLeg(debit: bank, credit: other, amount: f.money(250))],
                         userData: original.userData),
                Transfer(id: original.id, legs: [leg], userData: TransferUserData(paymentID: "pay-2", rail: "sbp", reference: "r")),
                Transfer(id: original.id, kind: .pending(timeoutSeconds: nil), legs: [leg], userData: original.userData),
                Transfer(id: original.id, legs: [leg, leg], userData: original.userData),
            ]
            for variant in variants {
                try await f.expectRejected(variant, .idReusedWithDifferentBody, recordedBefore: true)
            }
            // Within one batch: the first use wins, the second body is rejected.
            let fresh = f.single(from: bank, to: other, 10)
            let clash = Transfer(id: fresh.id, legs: [TransferLeg(debit: bank, credit: other, amount: f.money(11))])
            let outcomes = try await f.backend.post([fresh, clash])
            try Check.expectEqual(outcomes, [.committed, .rejected(.idReusedWithDifferentBody)], "outcomes in one batch")
            try Check.expectEqual(try await f.record(original.id), stored, "original record")
            try Check.expectEqual(try await f.record(fresh.id).transfer, fresh, "first body in the batch")
            try await f.expectBalance(other, creditsPosted: 10, "other merchant")
            try await f.expectBalance(merchant, creditsPosted: 250, "merchant")
        },

        LedgerConformanceCase("rejectedTransferIsNotRecordedSoARetryAfterFundingCommits") { f in
            let tourist = try await f.createAccount(.tourist)
            let merchant = try await f.createAccount(.merchant)
            let payment = f.single(from: tourist, to: merchant, 700)
            try await f.expectRejected(payment, .exceedsCredits(tourist))
            try await f.fund(tourist, 700)
            try await f.expectCommitted([payment])
            try await f.expectBalance(tourist, debitsPosted: 700, creditsPosted: 700, "tourist")
            try await f.expectBalance(merchant, creditsPosted: 700, "merchant")
            // Same in one batch: rejected, funded, retried.
            let second = f.single(from: tourist, to: merchant, 50)
            let outcomes = try await f.backend.post([second, f.fundingTransfer(to: tourist, 50), second])
            try Check.expectEqual(outcomes, [.rejected(.exceedsCredits(tourist)), .committed, .committed], "outcomes")
            try await f.expectBalance(merchant, creditsPosted: 750, "merchant")
        },

        LedgerConformanceCase("replayOfPendingPostAndVoidHasNoSecondEffect") { f in
            let tourist = try await f.createAccount(.tourist)
            let merchant = try await f.createAccount(.merchant)
            try await f.fund(tourist, 1_000)
            let hold = f.pending(from: tourist, to: merchant, 400)
            let post = f.post(hold.id, amounts: [300])
            try await f.expectCommitted([hold, post])
            try await f.expectCommitted([hold, post, hold])
            try await f.expectBalance(tourist, debitsPosted: 300, creditsPosted: 1_000, "tourist")
            try await f.expectBalance(merchant, creditsPosted: 300, "merchant")
            let secondHold = f.pending(from: tourist, to: merchant, 200, timeoutSeconds: 5)
            let void = f.void(secondHold.id)
            try await f.expectCommitted([secondHold, void, void])
            try await f.expectCommitted([secondHold])
            try await f.expectPendingState(secondHold.id, .voided)
            let expiring = f.pending(from: tourist, to: merchant, 100, timeoutSeconds: 5)
            try await f.expectCommitted([expiring])
            f.clock.advance(by: 5)
            try await f.expectCommitted([expiring])
            try await f.expectPendingState(expiring.id, .expired)
            try await f.expectBalance(tourist, debitsPosted: 300, creditsPosted: 1_000, "tourist")
            try await f.expectVerified()
        },
    ]
}

extension LedgerFixture {
    /// A single-phase transfer from the currency's funding account (which must exist already).
    fileprivate func fundingTransfer(to account: AccountID, _ minorUnits: Int64, _ currency: Currency = .rub) -> Transfer {
        single(from: fundingAccount(currency).id, to: account, minorUnits, currency)
    }
}
