import CorridorCBDC
import CorridorCore
import CorridorLedger
import CorridorLedgerSQLite
import CorridorMerchantQR
import CorridorQRImage
import Foundation

/// The demo's digital-ruble part (issue 6 §5), on the same ledger file as the tourist day: a Russian tourist converts
/// rubles from her deposit into digital rubles, pays a café by scanning its dynamic QR (written as PNG and read back
/// with zbarimg), pays twice offline on a train with no platform contact, and syncs at arrival. Checks the issuance
/// invariant and the ledger at the end.
struct DemoDigitalRuble {
    let out: String
    let platformFile: URL

    private func rubles(_ kopecks: Int64) -> Money { Money(minorUnits: kopecks, currency: .rub) }

    /// Runs the story; returns the problems found (empty when every check holds).
    func run() async throws -> [String] {
        var problems: [String] = []
        func check(_ condition: Bool, _ problem: String) { if !condition { problems.append("digital ruble: " + problem) } }

        let backend = try SQLiteSettlementBackend(path: out + "/corridor.sqlite")
        let platform = DigitalRublePlatform(backend: backend)
        try await platform.start(with: CBDCPlatformConfiguration(contentsOf: platformFile))
        let anna = try await platform.openWallet(holder: "anna.smirnova", name: "Anna Smirnova", type: .person, bank: "sberbank")
        let cafe = try await platform.openWallet(holder: "cafe-baltika", name: "Cafe Baltika", type: .company, bank: "vtbbank",
                                                 merchantCategoryCode: MerchantCategoryCode(5812))
        try await platform.fundDeposit(customer: anna.holder, bank: "sberbank", amount: rubles(2_000_000), reference: "demo-salary")
        Console.line("Digital ruble (the tourist day's ledger, corridor.sqlite):")

        let converted = await platform.convertToDigital(id: "DEMO-DR-CONVERT", wallet: anna.id, bank: "sberbank", amount: rubles(500_000))
        check(converted.isApproved, "conversion declined: \(converted.declineReason.map { "\($0)" } ?? "")")
        Console.line("  Anna Smirnova converts 5000.00 RUB from her sberbank deposit → wallet \(anna.id)")

        // The café shows a dynamic QR; Anna's app reads it from the image.
        let payload = try await platform.merchantQR(wallet: cafe.id, amount: rubles(64_000))
        let image = out + "/digital-ruble-qr.png"
        try MerchantQRPayload(format: .emv, text: payload, bytes: Array(payload.utf8))
            .matrix(errorCorrection: .medium).writePNG(toFile: image)
        let scanned = String(decoding: try ZbarImage.decode(imageAt: image), as: UTF8.self)
        check(scanned == payload, "zbarimg read another payload from \(image)")
        let paid = await platform.pay(qr: scanned, from: anna.id)
        check(paid.isApproved, "QR payment declined: \(paid.declineReason.map { "\($0)" } ?? "")")
        Console.line("  pays Cafe Baltika 640.00 RUB by its QR (digital-ruble-qr.png, read back with zbarimg); merchant fee \(paid.fee)")

        // Offline on the train: a reserve bound to her phone's key, two payments signed with no platform contact.
        let sync = OfflineSync(backend: backend)
        var phone = OfflineDevice(wallet: anna.id)
        try await sync.registerDurably(device: phone.publicKey, wallet: anna.id)
        let funded = try await OfflineReserve(wallet: anna.id, device: phone.id, backend: backend)
            .fund(150_000, idempotencyKey: "DEMO-DR-RESERVE")
        check(funded.isCommitted, "offline reserve not funded: \(funded)")
        phone.load(150_000)
        var signed: [OfflineTransfer] = []
        for kopecks: Int64 in [35_000, 22_000] {
            if case .success(let transfer) = phone.pay(kopecks, to: cafe.id, timestampMs: Date.now.unixMilliseconds) {
                signed.append(transfer)
            }
        }
        check(signed.count == 2, "the phone refused to sign")
        Console.line("  on the train, offline: 350.00 + 220.00 RUB to Cafe Baltika's dining-car counter, signed by her phone")
        let report = try await sync.sync(signed)
        check(report.postedCount == 2 && report.conflicts.isEmpty, "sync posted \(report.postedCount), conflicts \(report.conflicts.count)")
        Console.line("  synced at arrival: \(report.postedCount) posted (\(Money(minorUnits: report.postedMinorUnits, currency: .rub)))")

        let issuance = try await platform.verifyIssuance()
        check(issuance.holds, "issuance does not equal holdings: \(issuance)")
        check(try await backend.verify().isBalanced, "the ledger does not verify")
        Console.line("  issued \(issuance.issued) = wallets \(issuance.wallets) + offline reserves \(issuance.offlineReserves)"
            + (issuance.holds ? " ✓" : " ✗"))
        return problems
    }
}
