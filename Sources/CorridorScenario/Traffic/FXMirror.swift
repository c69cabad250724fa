import CorridorCore
import CorridorGateway
import Foundation

/// The gateway's FX book, mirrored (the same files, the same rate jumps) to price a DCC offer before the payment is
/// sent: a DCC payment's home amount is what the issuer host sees in field 4, and a home amount whose tail is a
/// test-mode magic value would trigger a scripted decline. Generated DCC payments nudge the merchant amount by a
/// minor unit until the home amount is ordinary.
struct FXMirror {
    private(set) var quoter: FXQuoter
    let markupBps = GatewayConfiguration().dccMarkupBps

    init(folder: URL) throws {
        let book = try FXRateBook(contentsOf: folder.appendingPathComponent("fx-rates.csv"))
        let spreadsFile = folder.appendingPathComponent("fx-spreads.csv")
        let spreads =
            FileManager.default.fileExists(atPath: spreadsFile.path)
            ? try FXSpreadTable(contentsOf: spreadsFile) : FXSpreadTable()
        quoter = FXQuoter(book: book, spreads: spreads)
    }

    mutating func setMid(base: Currency, quote: Currency, mid: FXRate) throws(FXError) {
        var book = quoter.book
        try book.setMid(base: base, quote: quote, mid: mid)
        quoter = FXQuoter(book: book, spreads: quoter.spreads, lifetimeSeconds: quoter.lifetimeSeconds)
    }

    /// `amount`, or the next amount up whose DCC home amount has no magic tail (at most 100 steps).
    func dccSafeAmount(_ amount: Money, home: Currency, magicTails: Set<Int64>) -> Money {
        var candidate = amount
        for _ in 0..<100 {
            guard
                let offer = try? quoter.dccOffer(
                    localAmount: candidate, homeCurrency: home, markupBps: markupBps, id: "DCC",
                    at: Date(timeIntervalSince1970: 0))
            else { return candidate }
            if !magicTails.contains(offer.homeAmount.minorUnits % 1000),
                !magicTails.contains(candidate.minorUnits % 1000)
            {
                return candidate
            }
            candidate = Money(minorUnits: candidate.minorUnits + 1, currency: candidate.currency)
        }
        return candidate
    }
}
