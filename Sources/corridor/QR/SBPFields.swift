import CorridorCore
import CorridorMerchantQR

/// Builds an SBP payment link from `qr make sbp` options or `qr batch` columns.
///
/// Keys: `sbp-id` (the 32-character QR code id; `--id` in `qr make sbp`) or `seed` (an unsigned integer the id is
/// generated from, 0 when neither is given), `type` (`01`/`static` or `02`/`dynamic`; dynamic when `sum` is
/// given, else static), `bank` (the 12-digit SBP member id), `sum` (decimal rubles, exact to the kopeck; the
/// link carries kopecks: `--sum 1559.50` → `sum=155950`).
struct SBPFields: Sendable {
    /// Every key an SBP row may fill.
    static let keys: Set<String> = ["sbp-id", "seed", "type", "bank", "sum"]
    /// The characters of generated ids.
    static let identifierAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)

    let values: MerchantQRFieldValues

    /// The link.
    /// - Throws: ``MerchantQRFieldError`` naming the key whose value cannot be used.
    func payload() throws(MerchantQRFieldError) -> MerchantQRPayload {
        try values.requireOnly(Self.keys, format: .sbp)
        guard let bank = values["bank"] else { throw MerchantQRFieldError(key: "bank", reason: "is required") }
        var amount: Money? = nil
        if let sum = values["sum"] { amount = try EMVFields.money(sum, currency: .rub, key: "sum") }
        let type: SBPLinkType
        switch values["type"]?.lowercased() {
        case nil: type = amount == nil ? .staticLink : .dynamicLink
        case "01", "static": type = .staticLink
        case "02", "dynamic": type = .dynamicLink
        case let other?: throw MerchantQRFieldError(key: "type", reason: "\"\(other)\" is not 01 (static) or 02 (dynamic)")
        }
        let identifier: String
        if let given = values["sbp-id"] {
            guard values["seed"] == nil else {
                throw MerchantQRFieldError(key: "seed", reason: "give an id or a seed, not both")
            }
            identifier = given
        } else {
            let seedText = values["seed"] ?? "0"
            guard let seed = UInt64(seedText) else {
                throw MerchantQRFieldError(key: "seed", reason: "\"\(seedText)\" is not an unsigned 64-bit integer")
            }
            identifier = Self.generatedIdentifier(seed: seed, type: type)
        }
        let link = SBPLink(identifier: identifier, type: type, bankMemberIdentifier: bank, amount: amount)
        do {
            let text = try link.encoded()
            return MerchantQRPayload(format: .sbp, text: text, bytes: Array(text.utf8))
        } catch {
            throw MerchantQRFieldError.from(error, keys: ["id": "sbp-id", "bank": "bank", "sum": "sum"])
        }
    }

    /// A 32-character id from a seed: `AS` (static) or `AD` (dynamic) and 30 characters of `A-Z0-9`, the same for
    /// the same seed on every machine.
    static func generatedIdentifier(seed: UInt64, type: SBPLinkType) -> String {
        var random = SeededRandom(seed: seed)
        var bytes = Array((type == .staticLink ? "AS" : "AD").utf8)
        while bytes.count < SBPLink.identifierLength {
            bytes.append(identifierAlphabet[Int(random.next() % UInt64(identifierAlphabet.count))])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
