import CorridorCore
import CorridorLedger

private typealias Check = ConformanceCheck

extension LedgerConformance {
    /// Pending transfers: holds, post in full or in part, void, timeouts and expiry.
    static let twoPhaseCases: [LedgerConformanceCase] = [
        LedgerConformanceCase("pendingHoldsWithoutMovingPostedBalances") { f in
            let tourist = try await f.createAccount(.tourist)
            let merchant = try await f.createAccount(.merchant)
            try await f.fund(tourist, 1_000)
            let hold = f.pending(from: tourist, to: merchant, 300)
            try await f.expectCommitted([hold])
            try await f.expectBalance(tourist, creditsPosted: 1_000, debitsPending: 300, "tourist")
            try await f.expectBalance(merchant, creditsPending: 300, "merchant")
            let record = try await f.record(hold.id)
            try Check.expectEqual(record.pendingState, .open, "pending state")
            try Check.expectEqual(record.expiresAtMs, nil, "expiry of a hold without timeout")
            try Check.expectEqual(record.appliedLegs, hold.legs, "applied legs")
            let verification = try await f.expectVerified()
            try Check.expectEqual(
                verification.totals, [CurrencyTotals(
                    currency: .rub, debitsPosted: 1_000, creditsPosted: 1_000, debitsPending: 300, creditsPending: 300
                )], "totals"
            )
        },

        LedgerConformanceCase("pendingThenPostInFullMovesTheHeldAmount") { f in
            let tourist = try await f.createAccount(.tourist)
            let merchant = try await f.createAccount(.merchant)
            try await f.fund(tourist, 1_000)
            let hold = f.pending(from: tourist, to: merchant, 300, timeoutSeconds: 3_600)
            try await f.expectCommitted([hold])
            let post = f.post(hold.id)
            try await f.expectCommitted([post])
            try await f.expectBalance(tourist, debitsPosted: 300, creditsPosted: 1_000, "tourist")
            try await f.expectBalance(merchant, creditsPosted: 300, "merchant")
            try await f.expectPendingState(hold.id, .posted)
            let postRecord = try await f.record(post.id)
            try Check.expectEqual(postRecord.transfer, post, "post request")
            try Check.expectEqual(postRecord.appliedLegs, hold.legs, "post applied legs")
            try Check.expectEqual(postRecord.pendingState, nil, "post record's pending state")
            try await f.expectVerified()
        },

        LedgerConformanceCase("pendingThenPartialPostReleasesTheRest") { f in
            let tourist = try await f.createAccount(.tourist)
            let merchant = try await f.createAccount(.merchant)
            let fee = try await f.createAccount(.merchant)
            try await f.fund(tourist, 2_000)
            let hold = Transfer(id: f.nextTransferID(), kind: .pending(timeoutSeconds: nil), legs: [
                TransferLeg(debit: tourist, credit: merchant, amount: f.money(1_000)),
                TransferLeg(debit: tourist, credit: fee, amount: f.money(50)),
            ])
            try await f.expectCommitted([hold])
            let post = f.post(hold.id, amounts: [640, 50])
            try await f.expectCommitted([post])
            try await f.expectBalance(tourist, debitsPosted: 690, creditsPosted: 2_000, "tourist")
            try await f.expectBalance(merchant, creditsPosted: 640, "merchant")
            try await f.expectBalance(fee, creditsPosted: 50, "fee")
            try await f.expectPendingState(hold.id, .posted)
            let postRecord = try await f.record(post.id)
            try Check.expectEqual(postRecord.appliedLegs, [
                TransferLeg(debit: tourist, credit: merchant, amount: f.money(640)),
                TransferLeg(debit: tourist, credit: fee, amount: f.money(50)),
            ], "post applied legs")
            // The released 360 is spendable again: 2000 - 690 = 1310.
            try await f.expectCommitted([f.single(from: tourist, to: merchant, 1_310)])
            try await f.expectVerified()
        },

        LedgerConformanceCase("partialPostOfZeroReleasesTheWholeHold") { f in
            let tourist = try await f.createAccount(.tourist)
            let merchant = try await f.createAccount(.merchant)
            try await f.fund(tourist, 500)
            let hold = f.pending(from: tourist, to: merchant, 500)
            try await f.expectCommitted([hold, f.post(hold.id, amounts: [0])])
            try await f.expectBalance(tourist, creditsPosted: 500, "tourist")
            try await f.expectBalance(merchant, "merchant")
            try await f.expectPendingState(hold.id, .posted)
            try await f.expectVerified()
        },

        LedgerConformanceCase("pendingThenVoidReleasesTheHold") { f in
            let tourist = try await f.createAccount(.tourist)
            let merchant = try await f.createAccount(.merchant)
            try await f.fund(tourist, 1_000)
            let hold = f.pending(from: tourist, to: merchant, 1_000, timeoutSeconds: 60)
            let void = f.void(hold.id)
            try await f.expectCommitted([hold])
            try await f.expectCommitted([void])
            try await f.expectBalance(tourist, creditsPosted: 1_000, "tourist")
            try await f.expectBalance(merchant, "merchant")
            try await f.expectPendingState(hold.id, .voided)
            let voidRecord = try await f.record(void.id)
            try Check.expectEqual(voidRecord.appliedLegs, hold.legs, "void applied legs (the released hold)")
            try await f.expectCommitted([f.single(from: tourist, to: merchant, 1_000)])
            // The void's timeout no longer applies: nothing expires later.
            f.clock.advance(by: 120)
            try Check.expectEqual(try await f.backend.expirePendingTransfers(), 0, "expired after a void")
            try await f.expectPendingState(hold.id, .voided)
            try await f.expectVerified()
        },

        LedgerConformanceCase("pendingHoldsCountAgainstDebitsMustNotExceedCredits") { f in
            let tourist = try await f.createAccount(.tourist)
            let merchant = try await f.createAccount(.merchant)
            try await f.fund(tourist, 1_000)
            let hold = f.pending(from: tourist, to: merchant, 700)
            try await f.expectCommitted([hold])
            try await f.expectRejected(f.single(from: tourist, to: merchant, 301), .exceedsCredits(tourist))
            try await f.expectRejected(f.pending(from: tourist, to: merchant, 301), .exceedsCredits(tourist))
            try await f.expectCommitted([f.single(from: tourist, to: merchant, 300)])
            try await f.expectRejected(f.single(from: tourist, to: merchant, 1), .exceedsCredits(tourist))
            try await f.expectCommitted([f.void(hold.id), f.single(from: tourist, to: merchant, 700)])
            try await f.expectBalance(tourist, debitsPosted: 1_000, creditsPosted: 1_000, "tourist")
            try await f.expectVerified()
        },

        LedgerConformanceCase("pendingHoldsCountAgainstCreditsMustNotExceedDebits") { f in
            let bank = try await f.createAccount(.bank)
            let limited = try await f.createAccount(.merchant, flags: .creditsMustNotExceedDebits)
            let merchant = try await f.createAccount(.merchant)
            try await f.expectCommitted([f.single(from: limited, to: merchant, 500)])
            let hold = f.pending(from: bank, to: limited, 400)
            try await f.expectCommitted([hold])
            try await f.expectRejected(f.single(from: bank, to: limited, 101), .exceedsDebits(limited))
            try await f.expectCommitted([f.single(from: bank, to: limited, 100), f.post(hold.id)])
            try await f.expectBalance(limited, debitsPosted: 500, creditsPosted: 500, "limited")
            try await f.expectVerified()
        },

        LedgerConformanceCase("pendingPastTimeoutExpiresAndReleasesHold") { f in
            let tourist = try await f.createAccount(.tourist)
            let merchant = try await f.createAccount(.merchant)
            try await f.fund(tourist, 1_000)
            let startMs = f.nowMs
            let hold = f.pending(from: tourist, to: merchant, 800, timeoutSeconds: 10)
            try await f.expectCommitted([hold])
            let record = try await f.record(hold.id)
            try Check.expectEqual(record.expiresAtMs, startMs + 10_000, "expiry")
            f.clock.advance(by: 10)
            let outcomes = try await f.backend.post([f.post(hold.id)])
            try Check.expectEqual(outcomes, [.rejected(.pendingExpired(hold.id))], "post at the timeout")
            try await f.expectPendingState(hold.id, .expired)
            try await f.expectBalance(tourist, creditsPosted: 1_000, "tourist")
            try await f.expectBalance(merchant, "merchant")
            try await f.expectCommitted([f.single(from: tourist, to: merchant, 1_000)])
            try await f.expectVerified()
        },

        LedgerConformanceCase("pendingBeforeTimeoutCanStillBePosted") { f in
            let tourist = try await f.createAccount(.tourist)
            let merchant = try await f.createAccount(.merchant)
            try await f.fund(tourist, 1_000)
            let hold = f.pending(from: tourist, to: merchant, 800, timeoutSeconds: 10)
            try await f.expectCommitted([hold])
            f.clock.advance(by: 9)
            try Check.expectEqual(try await f.backend.expirePendingTransfers(), 0, "expired one second early")
            try await f.expectCommitted([f.post(hold.id, amounts: [800])])
            f.clock.advance(by: 60)
            try Check.expectEqual(try await f.backend.expirePendingTransfers(), 0, "expired after the post")
            try await f.expectPendingState(hold.id, .posted)
            try await f.expectBalance(merchant, creditsPosted: 800, "merchant")
            try await f.expectVerified()
        },

        LedgerConformanceCase("expirePendingTransfersSweepsOnlyDueHolds") { f in
            let bank = try await f.createAccount(.bank)
            let merchant = try await f.createAccount(.merchant)
            let soon = f.pending(from: bank, to: merchant, 1, timeoutSeconds: 5)
            let later = f.pending(from: bank, to: merchant, 20, timeoutSeconds: 10)
            let never = f.pending(from: bank, to: merchant, 300)
            let longer = f.pending(from: bank, to: merchant, 4_000, timeoutSeconds: 86_400)
            try await f.expectCommitted([soon, later, never, longer])
            try await f.expectBalance(merchant, creditsPending: 4_321, "merchant")
            try Check.expectEqual(try await f.backend.expirePendingTransfers(), 0, "expired at once")
            f.clock.advance(by: 7)
            try Check.expectEqual(try await f.backend.expirePendingTransfers(), 1, "expired after 7 s")
            try await f.expectPendingState(soon.id, .expired)
            try await f.expectBalance(merchant, creditsPending: 4_320, "merchant after 7 s")
            f.clock.advance(by: 3)
            try Check.expectEqual(try await f.backend.expirePendingTransfers(), 1, "expired after 10 s")
            try Check.expectEqual(try await f.backend.expirePendingTransfers(), 0, "expired by a second sweep")
            try await f.expectPendingState(later.id, .expired)
            try await f.expectPendingState(never.id, .open)
            try await f.expectPendingState(longer.id, .open)
            try await f.expectBalance(bank, debitsPending: 4_300, "bank")
            try await f.expectBalance(merchant, creditsPending: 4_300, "merchant")
            try await f.expectVerified()
        },

        LedgerConformanceCase("expiryHappensAtTheStartOfTheNextBatch") { f in
            let tourist = try await f.createAccount(.tourist)
            let merchant = try await f.createAccount(.merchant)
            try await f.fund(tourist, 100)
            let hold = f.pending(from: tourist, to: merchant, 100, timeoutSeconds: 10)
            try await f.expectCommitted([hold])
            try await f.expectRejected(f.single(from: tourist, to: merchant, 1), .exceedsCredits(tourist))
            f.clock.advance(by: 10)
            // No sweep was asked for: the batch itself must release the hold before its first transfer.
            try await f.expectCommitted([f.single(from: tourist, to: merchant, 100)])
            try await f.expectPendingState(hold.id, .expired)
            try await f.expectBalance(tourist, debitsPosted: 100, creditsPosted: 100, "tourist")
            try await f.expectBalance(merchant, creditsPosted: 100, "merchant")
            try Check.expectEqual(try await f.backend.expirePendingTransfers(), 0, "left for a sweep")
            try await f.expectVerified()
        },
    ]
}
