import CorridorCBDC
import CorridorCore
import Foundation

extension CorridorService {
    /// The platform, or 404 when this server runs none.
    func requirePlatform() throws(HTTPProblem) -> DigitalRublePlatform {
        guard let platform else { throw .notFound("this server runs no digital-ruble platform") }
        return platform
    }

    /// Opens a wallet at a bank (a participant opens at its own bank only).
    /// - Throws: 404 for another participant's bank, 422 naming the field, 409 for a holder with another type.
    public func openWallet(_ body: APIOpenWallet, for caller: HTTPCaller) async throws -> APIWallet {
        let platform = try requirePlatform()
        guard caller.mayAccess(body.bank) else { throw HTTPProblem.notFound("no bank \(body.bank)") }
        let type: CBDCWalletType
        if let name = body.type {
            guard let parsed = CBDCWalletType(rawValue: name) else {
                throw HTTPProblem.unprocessable(
                    "one of " + CBDCWalletType.allCases.map(\.rawValue).joined(separator: ", "),
                    field: "type")
            }
            type = parsed
        } else {
            type = .person
        }
        guard (1...160).contains(body.name.count) else {
            throw HTTPProblem.unprocessable("1–160 characters", field: "name")
        }
        var mcc: MerchantCategoryCode?
        if let text = body.mcc {
            guard let code = MerchantCategoryCode(text: text) else {
                throw HTTPProblem.unprocessable("4 digits", field: "mcc")
            }
            mcc = code
        }
        let wallet = try await platform.openWallet(
            holder: body.holder, name: body.name, type: type, bank: body.bank,
            merchantCategoryCode: mcc)
        return APIWallet(wallet, balance: APIMoney(try await platform.balance(of: wallet.id)))
    }

    /// A wallet a bank of the caller serves, with its balance.
    /// - Throws: 404 when there is none or no bank of the caller serves it.
    public func wallet(_ holder: String, for caller: HTTPCaller) async throws -> APIWallet {
        let platform = try requirePlatform()
        let id = try await walletID(holder, for: caller, field: "holder")
        guard let wallet = await platform.wallet(id) else { throw HTTPProblem.notFound("no wallet \(holder)") }
        return APIWallet(wallet, balance: APIMoney(try await platform.balance(of: id)))
    }

    /// Credits the holder's deposit at a bank (cash paid in), so it can be converted.
    /// - Throws: 404 for another participant's bank, 422 naming the field.
    public func deposit(_ holder: String, _ body: APIDeposit, for caller: HTTPCaller) async throws -> APIMoney {
        let platform = try requirePlatform()
        guard caller.mayAccess(body.bank) else { throw HTTPProblem.notFound("no bank \(body.bank)") }
        let amount = try body.amount.positiveMoney(field: "amount")
        try await platform.fundDeposit(customer: holder, bank: body.bank, amount: amount, reference: body.reference)
        return APIMoney(try await platform.depositBalance(customer: holder, bank: body.bank))
    }

    /// Converts between the holder's deposit at a bank and its wallet.
    /// - Throws: 404 when the caller may not act for the wallet or bank, 422 naming the field.
    public func convert(_ holder: String, _ body: APIConversion, for caller: HTTPCaller) async throws
        -> CBDCPaymentResult
    {
        let platform = try requirePlatform()
        let id = try await walletID(holder, for: caller, field: "holder")
        guard caller.mayAccess(body.bank) else { throw HTTPProblem.notFound("no bank \(body.bank)") }
        let amount = try body.amount.positiveMoney(field: "amount")
        let operation = body.id ?? Self.generatedID("CV")
        switch body.direction {
        case "toDigital":
            return await platform.convertToDigital(id: operation, wallet: id, bank: body.bank, amount: amount)
        case "toDeposit":
            return await platform.convertToDeposit(id: operation, wallet: id, bank: body.bank, amount: amount)
        default: throw HTTPProblem.unprocessable("toDigital or toDeposit", field: "direction")
        }
    }

    /// Pays from the holder's wallet: to another holder, or a merchant's dynamic QR code.
    /// - Throws: 404 when the caller may not act for the wallet, 422 naming the field.
    public func walletPay(_ holder: String, _ body: APIWalletPayment, for caller: HTTPCaller) async throws
        -> CBDCPaymentResult
    {
        let platform = try requirePlatform()
        let payer = try await walletID(holder, for: caller, field: "holder")
        if let qr = body.qr {
            try Self.checkPayload(qr, field: "qr")
            return await platform.pay(qr: qr, from: payer, paymentID: body.id)
        }
        guard let to = body.to else { throw HTTPProblem.unprocessable("give `to` and `amount`, or `qr`", field: "to") }
        guard let amount = try body.amount?.positiveMoney(field: "amount") else {
            throw HTTPProblem.unprocessable("required with `to`", field: "amount")
        }
        let kindName = body.kind ?? "p2p"
        guard let kind = CBDCPaymentKind(rawValue: kindName), [.p2p, .b2b, .g2p, .c2b].contains(kind) else {
            throw HTTPProblem.unprocessable("p2p, b2b, g2p or c2b", field: "kind")
        }
        let payee = to.hasPrefix("DR") && to.utf8.count == 22 ? to : DigitalRublePlatform.walletID(forHolder: to)
        let reference = body.reference ?? ""
        guard reference.count <= 64 else {
            throw HTTPProblem.unprocessable("at most 64 characters", field: "reference")
        }
        return await platform.pay(
            CBDCPaymentRequest(
                id: body.id ?? Self.generatedID("WP"), kind: kind, payer: payer, payee: payee, amount: amount,
                reference: reference))
    }

    /// A business wallet's dynamic C2B QR payload for an amount.
    /// - Throws: 404 when the caller may not see the wallet, 422 when it is no merchant or the amount is refused.
    public func walletQR(_ holder: String, amount: Money, for caller: HTTPCaller) async throws -> String {
        let platform = try requirePlatform()
        let id = try await walletID(holder, for: caller, field: "holder")
        return try await platform.merchantQR(wallet: id, amount: amount)
    }

    /// Verifies and posts offline transfers (hex wire bytes); duplicates and double spends are reported, not posted.
    /// - Throws: 422 naming the transfer that does not decode.
    public func syncOffline(_ body: APIOfflineSync, for caller: HTTPCaller) async throws -> APIOfflineSyncReport {
        guard let offline else { throw HTTPProblem.notFound("this server runs no digital-ruble platform") }
        guard body.transfers.count <= HTTPLimits.offlineTransfersPerRequestMax else {
            throw HTTPProblem.unprocessable(
                "at most \(HTTPLimits.offlineTransfersPerRequestMax) transfers", field: "transfers")
        }
        var transfers: [OfflineTransfer] = []
        for (index, text) in body.transfers.enumerated() {
            guard let bytes = Self.hexBytes(text), let transfer = try? OfflineTransfer(decoding: bytes) else {
                throw HTTPProblem.unprocessable("not an offline transfer in hex", field: "transfers[\(index)]")
            }
            transfers.append(transfer)
        }
        let report = try await offline.sync(transfers)
        return APIOfflineSyncReport(
            posted: report.postedCount,
            postedAmount: APIMoney(Money(minorUnits: report.postedMinorUnits, currency: .rub)),
            duplicates: report.duplicateCount, rejected: report.rejectedCount, conflicts: report.conflicts.count,
            flaggedWallets: report.newlyFlaggedWallets.sorted())
    }

    /// The wallet id of a holder id or `DR…` wallet id, when a bank of the caller serves the wallet.
    /// - Throws: 404 otherwise.
    func walletID(_ holderOrID: String, for caller: HTTPCaller, field: String) async throws -> String {
        let platform = try requirePlatform()
        let wallet: CBDCWallet?
        if holderOrID.hasPrefix("DR"), holderOrID.utf8.count == 22, let byID = await platform.wallet(holderOrID) {
            wallet = byID
        } else {
            wallet = await platform.wallet(ofHolder: holderOrID)
        }
        guard let wallet, caller.mayAccessAny(wallet.banks) else {
            throw HTTPProblem.notFound("no wallet \(holderOrID)")
        }
        return wallet.id
    }

    /// A fresh operation id: a prefix and 16 random hexadecimal digits.
    static func generatedID(_ prefix: String) -> String {
        prefix + "-" + String(UInt64.random(in: .min ... .max), radix: 16, uppercase: true)
    }

    /// Bytes of an even-length hex string, nil for anything else.
    static func hexBytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0, digits.count <= 8192 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        func value(_ digit: UInt8) -> UInt8? {
            switch digit {
            case 0x30...0x39: digit - 0x30
            case 0x41...0x46: digit - 0x41 + 10
            case 0x61...0x66: digit - 0x61 + 10
            default: nil
            }
        }
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }
}
