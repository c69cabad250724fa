import CorridorCBDC
import CorridorCore

/// One tourist of a group, derived on demand from the group and an index (nothing is kept per tourist, so a
/// population of a million costs no memory): the instrument, the card number, the bank reference, the wallet holder.
struct Tourist: Sendable {
    let group: TouristGroup
    let groupIndex: Int
    let index: Int

    /// The instrument: tourists take the group's instruments in proportion to their shares, in index order.
    var instrument: TouristGroup.Instrument {
        let position = index * 10_000 / group.size
        var bound = 0
        for share in group.instruments {
            bound += share.shareBps
            if position < bound { return share.instrument }
        }
        return group.instruments[group.instruments.count - 1].instrument
    }

    /// The bank-app reference (`bank/reference` pays by QR).
    var reference: String { "\(group.id).\(index)" }

    /// The name banks and the screening see.
    var name: String { "Guest \(group.id) \(index)" }

    /// The digital-ruble wallet holder id.
    var walletHolder: String { "\(group.id)-\(index)" }

    /// The wallet id on the platform.
    var walletID: WalletID { DigitalRublePlatform.walletID(forHolder: walletHolder) }

    /// PAN endings that select a test-mode outcome at the issuer host (DESIGN.md §7); generated cards avoid them.
    static let magicPANEndings: Set<String> = ["0005", "0014", "0051", "0054", "0057", "0061", "0091", "0098", "0099"]

    /// The card number: the scheme's range (Mir 2200 75, UnionPay 6250 94), a digit that steps over magic endings,
    /// the group's number and the tourist's, and the Luhn check digit.
    var pan: String {
        let bin = instrument == .unionPayCard ? "625094" : "220075"
        let groupDigits = String(groupIndex % 100)
        let indexDigits = String(index)
        let body =
            (groupDigits.count < 2 ? "0" : "") + groupDigits
            + String(repeating: "0", count: max(0, 6 - indexDigits.count)) + indexDigits
        for step in 0..<10 {
            let number = Luhn.appendingCheckDigit(to: bin + String(step) + body)!
            if !Self.magicPANEndings.contains(String(number.suffix(4))) { return number }
        }
        preconditionFailure("ten steps always leave a non-magic ending")
    }

    /// Card expiry, YYMM: well after any simulated day.
    static let cardExpiry = "3912"
}
