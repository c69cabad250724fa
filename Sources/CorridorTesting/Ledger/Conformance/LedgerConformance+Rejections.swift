import CorridorCore
import CorridorLedger

private typealias Check = ConformanceCheck

extension LedgerConformance {
    /// Every ``TransferRejection`` reason, each its own case: the exact value, and nothing changed or recorded.
    static let rejectionCases: [LedgerConformanceCase] = [
        LedgerConformanceCase("transferWithoutLegsIsRejectedLegsInvalid") { f in
            try await f.createAccount(.merchant)
            try await f.expectRejected(Transfer(id: f.nextTransferID(), kind: .single, legs: []), .legsInvalid)
            try await f.expectRejected(
                Transfer(id: f.nextTransferID(), kind: .pending(timeoutSeconds: nil), legs: []), .legsInvalid
            )
        },

        LedgerConformanceCase("postOrVoidCarryingLegsIsRejectedLegsInvalid") { f in
            let tourist = try await f.createAccount(.tourist)
            let merchant = try await f.createAccount(.merchant)
            try await f.fund(tourist, 1_000)
            let hold = f.pending(from: tourist, to: merchant, 400)
            try await f.expectCommitted([hold])
            let legs = [TransferLeg(debit: tourist, credit: merchant, amount: f.money(400))]
            try await f.expectRejected(
                Transfer(id: f.nextTransferID(), kind: .postPending(hold.id, amounts: nil), legs: legs), .legsInvalid
            )
            try await f.expectRejected(
                Transfer(id: f.nextTransferID(), kind: .voidPending(hold.id), legs: legs), .legsInvalid
            )
            try await f.expectPendingState(hold.id, .open)
        },

        LedgerConformanceCase("moreLegsThanTheLimitIsRejectedTooManyLegs") { f in
            let bank = try await f.createAccount(.bank)
            let merchant = try await f.createAccount(.merchant)
            let leg = TransferLeg(debit: bank, credit: merchant, amount: f.money(1))
            let tooMany = Transfer.legsMax + 1
            try await f.expectRejected(
                Transfer(id: f.nextTransferID(), legs: Array(repeating: leg, count: tooMany)), .tooManyLegs(tooMany)
            )
            try await f.expectCommitted([Transfer(id: f.nextTransferID(), legs: Array(repeating: leg, count: Transfer.legsMax))])
            try await f.expectBalance(bank, debitsPosted: Int64(Transfer.legsMax))
            try await f.expectBalance(merchant, creditsPosted: Int64(Transfer.legsMax))
        },

        LedgerConformanceCase("zeroAmountIsRejectedAmountNotPositive") { f in
            let bank = try await f.createAccount(.bank)
            let merchant = try await f.createAccount(.merchant)
            let legs = [
                TransferLeg(debit: bank, credit: merchant, amount: f.money(10)),
                TransferLeg(debit: bank, credit: merchant, amount: f.money(0)),
            ]
            try await f.expectRejected(Transfer(id: f.nextTransferID(), legs: legs), .amountNotPositive(leg: 1))
            try await f.expectRejected(
                Transfer(id: f.nextTransferID(), kind: .pending(timeoutSeconds: 60), legs: legs), .amountNotPositive(leg: 1)
            )
        },

        LedgerConformanceCase("negativeAmountIsRejectedAmountNotPositive") { f in
            let bank = try await f.createAccount(.bank)
            let merchant = try await f.createAccount(.merchant)
            try await f.expectRejected(f.single(from: bank, to: merchant, -500), .amountNotPositive(leg: 0))
            try await f.expectRejected(f.single(from: bank, to: merchant, Int64.min), .amountNotPositive(leg: 0))
        },

        LedgerConformanceCase("unknownDebitAccountIsRejectedAccountNotFound") { f in
            let merchant = try await f.createAccount(.merchant)
            let unknown = f.nextAccountID()
            try await f.expectRejected(f.single(from: unknown, to: merchant, 100), .accountNotFound(unknown))
            try await f.expectRejected(f.pending(from: unknown, to: merchant, 100), .accountNotFound(unknown))
        },

        LedgerConformanceCase("unknownCreditAccountInALaterLegIsRejectedAccountNotFound") { f in
            let bank = try await f.createAccount(.bank)
            let merchant = try await f.createAccount(.merchant)
            let unknown = f.nextAccountID()
            let legs = [
                TransferLeg(debit: bank, credit: merchant, amount: f.money(100)),
                TransferLeg(debit: bank, credit: unknown, amount: f.money(100)),
            ]
            try await f.expectRejected(Transfer(id: f.nextTransferID(), legs: legs), .accountNotFound(unknown))
            try await f.expectBalance(bank)
            try await f.expectBalance(merchant)
        },

        LedgerConformanceCase("legOnOneAccountIsRejectedSameDebitAndCreditAccount") { f in
            let bank = try await f.createAccount(.bank)
            let merchant = try await f.createAccount(.merchant)
            let legs = [
                TransferLeg(debit: bank, credit: merchant, amount: f.money(100)),
                TransferLeg(debit: merchant, credit: merchant, amount: f.money(100)),
            ]
            try await f.expectRejected(Transfer(id: f.nextTransferID(), legs: legs), .sameDebitAndCreditAccount(leg: 1))
        },

        LedgerConformanceCase("legCurrencyDifferentFromDebitAccountIsRejectedCurrencyMismatch") { f in
            let bank = try await f.createAccount(.bank, currency: .rub)
            let merchant = try await f.createAccount(.merchant, currency: .cny)
            try await f.expectRejected(
                f.single(from: bank, to: merchant, 100, .cny), .currencyMismatch(leg: 0, account: bank)
            )
        },

        LedgerConformanceCase("legCurrencyDifferentFromCreditAccountIsRejectedCurrencyMismatch") { f in
            let bank = try await f.createAccount(.bank, currency: .jpy)
            let jpyMerchant = try await f.createAccount(.merchant, currency: .jpy)
            let kwdMerchant = try await f.createAccount(.merchant, currency: .kwd)
            let legs = [
                TransferLeg(debit: bank, credit: jpyMerchant, amount: f.money(100, .jpy)),
                TransferLeg(debit: bank, credit: kwdMerchant, amount: f.money(100, .jpy)),
            ]
            try await f.expectRejected(
                Transfer(id: f.nextTransferID(), legs: legs), .currencyMismatch(leg: 1, account: kwdMerchant)
            )
        },

        LedgerConformanceCase("debitPastCreditsIsRejectedExceedsCredits") { f in
            let tourist = try await f.createAccount(.tourist)
            let merchant = try await f.createAccount(.merchant)
            try await f.fund(tourist, 1_000)
            try await f.expectRejected(f.single(from: tourist, to: merchant, 1_001), .exceedsCredits(tourist))
            try await f.expectRejected(f.pending(from: tourist, to: merchant, 1_001), .exceedsCredits(tourist))
            try await f.expectCommitted([f.single(from: tourist, to: merchant, 1_000)])
            try await f.expectBalance(tourist, debitsPosted: 1_000, creditsPosted: 1_000)
            try await f.expectRejected(f.single(from: tourist, to: merchant, 1), .exceedsCredits(tourist))
        },

        LedgerConformanceCase("creditPastDebitsIsRejectedExceedsDebits") { f in
            let bank = try await f.createAccount(.bank)
            let limited = try await f.createAccount(.merchant, flags: .creditsMustNotExceedDebits)
            let merchant = try await f.createAccount(.merchant)
            try await f.expectRejected(f.single(from: bank, to: limited, 1), .exceedsDebits(limited))
            try await f.expectCommitted([f.single(from: limited, to: merchant, 500)])
            try await f.expectRejected(f.single(from: bank, to: limited, 501), .exceedsDebits(limited))
            try await f.expectRejected(f.pending(from: bank, to: limited, 501), .exceedsDebits(limited))
            try await f.expectCommitted([f.single(from: bank, to: limited, 500)])
            try await f.expectBalance(limited, debitsPosted: 500, creditsPosted: 500)
            try await f.expectVerified()
        },

        LedgerConformanceCase("balancePastInt64MaxIsRejectedBalanceOverflow") { f in
            let whale = try await f.createAccount(.bank)
            let vault = try await f.createAccount(.merchant)
            let other = try await f.createAccount(.bank)
            try await f.expectCommitted([f.single(from: whale, to: vault, Int64.max)])
            // The credit side overflows: vault already holds Int64.max credits.
            try await f.expectRejected(f.single(from: other, to: vault, 1), .balanceOverflow(vault))
            // The debit side overflows: whale already has Int64.max debits.
            try await f.expectRejected(f.single(from: whale, to: other, 1), .balanceOverflow(whale))
            try await f.expectBalance(whale, debitsPosted: Int64.max)
            try await f.expectBalance(vault, creditsPosted: Int64.max)
            try await f.expectBalance(other)
            try await f.expectVerified()
        },

        LedgerConformanceCase("pendingTimeoutNotPositiveIsRejected") { f in
            let bank = try await f.createAccount(.bank)
            let merchant = try await f.createAccount(.merchant)
            try await f.expectRejected(f.pending(from: bank, to: merchant, 10, timeoutSeconds: 0), .timeoutNotPositive)
            try await f.expectRejected(f.pending(from: bank, to: merchant, 10, timeoutSeconds: -30), .timeoutNotPositive)
        },

        LedgerConformanceCase("postOrVoidOfUnknownTransferIsRejectedPendingNotFound") { f in
            try await f.createAccount(.merchant)
            let unknown = f.nextTransferID()
            try await f.expectRejected(f.post(unknown), .pendingNotFound(unknown))
            try await f.expectRejected(f.post(unknown, amounts: [1]), .pendingNotFound(unknown))
            try await f.expectRejected(f.void(unknown), .pendingNotFound(unknown))
        },

        LedgerConformanceCase("postOrVoidOfNonPendingTransferIsRejectedNotPending") { f in
            let tourist = try await f.createAccount(.tourist)
            let merchant = try await f.createAccount(.merchant)
            try await f.fund(tourist, 1_000)
            let single = f.single(from: tourist, to: merchant, 100)
            let hold = f.pending(from: tourist, to: merchant, 200)
            let post = f.post(hold.id)
            try await f.expectCommitted([single, hold, post])
            try await f.expectRejected(f.post(single.id), .notPending(single.id))
            try await f.expectRejected(f.void(single.id), .notPending(single.id))
            try await f.expectRejected(f.void(post.id), .notPending(post.id))
            try await f.expectRejected(f.post(post.id), .notPending(post.id))
        },

        LedgerConformanceCase("postOrVoidAfterPostIsRejectedPendingAlreadyPosted") { f in
            let tourist = try await f.createAccount(.tourist)
            let merchant = try await f.createAccount(.merchant)
            try await f.fund(tourist, 1_000)
            let hold = f.pending(from: tourist, to: merchant, 600)
            try await f.expectCommitted([hold, f.post(hold.id, amounts: [250])])
            try await f.expectRejected(f.post(hold.id), .pendingAlreadyPosted(hold.id))
            try await f.expectRejected(f.void(hold.id), .pendingAlreadyPosted(hold.id))
            try await f.expectBalance(tourist, debitsPosted: 250, creditsPosted: 1_000)
            try await f.expectBalance(merchant, creditsPosted: 250)
        },

        LedgerConformanceCase("postOrVoidAfterVoidIsRejectedPendingAlreadyVoided") { f in
            let tourist = try await f.createAccount(.tourist)
            let merchant = try await f.createAccount(.merchant)
            try await f.fund(tourist, 1_000)
            let hold = f.pending(from: tourist, to: merchant, 600)
            try await f.expectCommitted([hold, f.void(hold.id)])
            try await f.expectRejected(f.post(hold.id), .pendingAlreadyVoided(hold.id))
            try await f.expectRejected(f.void(hold.id), .pendingAlreadyVoided(hold.id))
            try await f.expectBalance(tourist, creditsPosted: 1_000)
            try await f.expectBalance(merchant)
        },

        LedgerConformanceCase("postOrVoidAfterExpiryIsRejectedPendingExpired") { f in
            let tourist = try await f.createAccount(.tourist)
            let merchant = try await f.createAccount(.merchant)
            try await f.fund(tourist, 1_000)
            let hold = f.pending(from: tourist, to: merchant, 600, timeoutSeconds: 30)
            try await f.expectCommitted([hold])
            f.clock.advance(by: 30)
            // The first call also expires the hold (at the start of the batch); snapshot after it.
            let outcomes = try await f.backend.post([f.post(hold.id)])
            try Check.expectEqual(outcomes, [.rejected(.pendingExpired(hold.id))], "post after the timeout")
            try await f.expectRejected(f.post(hold.id, amounts: [1]), .pendingExpired(hold.id))
            try await f.expectRejected(f.void(hold.id), .pendingExpired(hold.id))
            try await f.expectPendingState(hold.id, .expired)
            try await f.expectBalance(tourist, creditsPosted: 1_000)
        },

        LedgerConformanceCase("partialPostWithWrongNumberOfAmountsIsRejectedPostAmountsMismatch") { f in
            let bank = try await f.createAccount(.bank)
            let merchant = try await f.createAccount(.merchant)
            let fee = try await f.createAccount(.merchant)
            let hold = Transfer(id: f.nextTransferID(), kind: .pending(timeoutSeconds: nil), legs: [
                TransferLeg(debit: bank, credit: merchant, amount: f.money(900)),
                TransferLeg(debit: bank, credit: fee, amount: f.money(100)),
            ])
            try await f.expectCommitted([hold])
            try await f.expectRejected(f.post(hold.id, amounts: [900]), .postAmountsMismatch)
            try await f.expectRejected(f.post(hold.id, amounts: [900, 100, 0]), .postAmountsMismatch)
            try await f.expectRejected(f.post(hold.id, amounts: []), .postAmountsMismatch)
            try await f.expectBalance(bank, debitsPending: 1_000)
        },

        LedgerConformanceCase("partialPostAboveHeldOrNegativeIsRejectedPostAmountExceedsPending") { f in
            let bank = try await f.createAccount(.bank)
            let merchant = try await f.createAccount(.merchant)
            let fee = try await f.createAccount(.merchant)
            let hold = Transfer(id: f.nextTransferID(), kind: .pending(timeoutSeconds: nil), legs: [
                TransferLeg(debit: bank, credit: merchant, amount: f.money(900)),
                TransferLeg(debit: bank, credit: fee, amount: f.money(100)),
            ])
            try await f.expectCommitted([hold])
            try await f.expectRejected(f.post(hold.id, amounts: [900, 101]), .postAmountExceedsPending(leg: 1))
            try await f.expectRejected(f.post(hold.id, amounts: [-1, 100]), .postAmountExceedsPending(leg: 0))
            try await f.expectBalance(merchant, creditsPending: 900)
            try await f.expectBalance(fee, creditsPending: 100)
        },

        LedgerConformanceCase("userDataFieldLongerThanItsLimitIsRejectedFieldTooLong") { f in
            let bank = try await f.createAccount(.bank)
            let merchant = try await f.createAccount(.merchant)
            let long = String(repeating: "r", count: TransferUserData.fieldLengthMax + 1)
            let exact = String(repeating: "r", count: TransferUserData.fieldLengthMax)
            let leg = TransferLeg(debit: bank, credit: merchant, amount: f.money(5))
            for (field, userData) in [
                ("paymentID", TransferUserData(paymentID: long)),
                ("rail", TransferUserData(rail: long)),
                ("reference", TransferUserData(reference: long)),
            ] {
                try await f.expectRejected(
                    Transfer(id: f.nextTransferID(), legs: [leg], userData: userData), .fieldTooLong(field)
                )
            }
            let atLimit = Transfer(
                id: f.nextTransferID(), legs: [leg],
                userData: TransferUserData(paymentID: exact, rail: exact, reference: exact)
            )
            try await f.expectCommitted([atLimit])
            let stored = try await f.record(atLimit.id)
            try Check.expectEqual(stored.transfer, atLimit, "stored transfer with user data at the limit")
        },
    ]
}
