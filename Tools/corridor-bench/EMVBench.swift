import CorridorCore
import CorridorMerchantQR

/// Measures `emv_encode_decode_per_s`: typed EMV merchants encoded to payload text and decoded back to typed
/// values (TLV, CRC and every validation rule), one core, timed on the thread's CPU clock (``ThreadCPUClock``), best of
/// several rounds.
enum EMVBench {
    /// How many distinct merchants the loop cycles through (a mix of networks, amounts and tag 64).
    static let merchantCount = 64

    static func run(_ options: BenchOptions) throws {
        let merchants = try makeMerchants()
        let iterations = options.quick ? 20_000 : 200_000
        let rounds = options.quick ? 2 : 7
        // Warm up caches and lazily built tables outside the measured loop.
        var checksum = 0
        for merchant in merchants { checksum &+= try roundTrip(merchant) }
        var rates: [Double] = []
        for _ in 0..<rounds {
            let seconds = try ThreadCPUClock.seconds {
                for index in 0..<iterations {
                    checksum &+= try roundTrip(merchants[index % merchants.count])
                }
            }
            rates.append(Double(iterations) / seconds)
        }
        precondition(checksum != 0, "the loop did no work")
        let best = rates.max() ?? 0
        MetricLine(
            suite: "qr", metric: "emv_encode_decode_per_s", value: best.rounded(), unit: "1/s",
            note: "typed MerchantPresentedQR encode + decode with validation, \(merchants.count) merchants, one core, "
                + "thread CPU time, best of \(rounds)×\(iterations): "
                + rates.map { "\(Int($0.rounded()))" }.joined(separator: "/")
        ).emit()
    }

    /// Encodes and decodes one merchant; returns the payload length so the work cannot be optimized away.
    @inline(never)
    static func roundTrip(_ merchant: MerchantPresentedQR) throws -> Int {
        let payload = try merchant.encoded()
        let decoded = try MerchantPresentedQR(decoding: payload)
        precondition(decoded.merchantAccounts.count == merchant.merchantAccounts.count)
        return payload.utf8.count
    }

    /// A deterministic mix: UnionPay, PIX, PromptPay and QRIS accounts; static and dynamic; a third with tag 64.
    static func makeMerchants() throws -> [MerchantPresentedQR] {
        var random = SeededRandom(seed: 42)
        var merchants: [MerchantPresentedQR] = []
        let names = ["BEST TRANSPORT", "JIN DING DUMPLING HOUSE", "CAFE NEVSKY", "HUXINTING TEAHOUSE"]
        let cities = ["BEIJING", "SHANGHAI", "MOSCOW", "ST PETERSBURG"]
        for index in 0..<merchantCount {
            let account: MerchantAccountInformation
            switch index % 4 {
            case 0: account = try .unionPay(merchantIdentifier: "62291000000\(10_000_000 + index)")
            case 1: account = try .pix(key: "123e4567-e12b-12d1-a456-4266554400\(10 + index)")
            case 2: account = try .promptPay(mobileNumber: "08012345\(10 + index)")
            default: account = try .qris(nationalMerchantIdentifier: "ID10200211817\(10 + index)")
            }
            var qr = MerchantPresentedQR(
                merchantName: names[index % names.count], merchantCity: cities[index % cities.count],
                country: index % 2 == 0 ? .china : .russia, merchantCategoryCode: MerchantCategoryCode(5812)!,
                currency: index % 2 == 0 ? .cny : .rub, merchantAccounts: [account])
            if index % 2 == 1 {
                qr = qr.withAmount(Money(minorUnits: Int64(random.next() % 1_000_000 + 1), currency: qr.currency))
            }
            qr.additionalData = AdditionalDataField(referenceLabel: "***", terminalLabel: "T\(index)")
            if index % 3 == 0 {
                qr.alternateLanguage = MerchantInformationLanguage(
                    languagePreference: "ZH", merchantName: "最佳运输", merchantCity: "北京")
            }
            merchants.append(qr)
        }
        return merchants
    }
}
