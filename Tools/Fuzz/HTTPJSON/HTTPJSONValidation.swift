import CorridorCBDC
import CorridorCore
import CorridorGateway
import CorridorISO20022

/// The checks the services run on a decoded body before anything else (CorridorService's `pay`, `quote`, `clear`,
/// `syncOffline` and MerchantValidation), each followed by the rule that a validated value written back to the wire
/// validates to the same value.
enum HTTPJSONValidation {
    /// An amount as every route reads one: a known currency and a positive exact decimal.
    static func amount(_ money: APIMoney, field: String) throws(HTTPProblem) -> Money {
        let value = try money.positiveMoney(field: field)
        guard let again = try? APIMoney(value).positiveMoney(field: field), again == value else {
            fuzzFailure(
                "a validated amount does not survive its wire form", input: FuzzTarget.input, detail: "\(money)")
        }
        return value
    }

    /// `POST /payments`: the shape checks `pay` makes before it looks anything up, and the gateway request it builds.
    static func payment(_ body: APIPaymentRequest) throws(HTTPProblem) {
        if let card = body.card {
            guard let pan = try? PrimaryAccountNumber(card.pan) else {
                throw .unprocessable("not a valid card number", field: "card.pan")
            }
            let amount = try amount(card.amount, field: "card.amount")
            _ = PaymentRequest.card(
                CardPaymentDetails(
                    pan: pan, expiry: card.expiry, cvv: card.cvv, present: card.present ?? true,
                    merchant: card.merchant, amount: amount, dcc: card.dcc ?? false),
                id: body.id, quoteID: body.quoteId)
        }
        if let qr = body.qr {
            let amount = try qr.amount.map { money throws(HTTPProblem) in try Self.amount(money, field: "qr.amount") }
            _ = PaymentRequest.qr(
                QRPaymentDetails(
                    payload: qr.payload, payer: BankPayer(bank: qr.payer.bank, reference: qr.payer.reference),
                    amount: amount), id: body.id, quoteID: body.quoteId)
        }
        if let wallet = body.wallet {
            let amount = try wallet.amount.map { money throws(HTTPProblem) in
                try Self.amount(money, field: "wallet.amount")
            }
            _ = PaymentRequest.wallet(
                WalletPaymentDetails(payload: wallet.payload, wallet: wallet.wallet, amount: amount), id: body.id)
        }
    }

    /// `POST /quotes`.
    static func quote(_ body: APIQuoteRequest) throws(HTTPProblem) {
        _ = try amount(body.amount, field: "amount")
        guard Currency(alphaCode: body.payerCurrency.uppercased()) != nil else {
            throw .unprocessable("unknown ISO 4217 currency", field: "payerCurrency")
        }
    }

    /// `POST /clearing/runs`: the business date, and its text read back.
    static func clearing(_ body: APIClearingRequest) throws(HTTPProblem) {
        guard let text = body.businessDate else { return }
        guard let date = ISODate(text: text) else { throw .unprocessable("YYYY-MM-DD", field: "businessDate") }
        guard ISODate(text: date.text) == date else {
            fuzzFailure("a business date does not survive its text", input: FuzzTarget.input, detail: text)
        }
    }

    /// `POST /merchants` for the operator and for a participant; a merchant made from a body, written back as a
    /// body, makes the same merchant.
    static func merchant(_ body: APIMerchant) throws(HTTPProblem) {
        for caller in [HTTPCaller.admin, .participant("icbc")] {
            let merchant = try MerchantValidation.merchant(from: body, caller: caller)
            let again: Merchant
            do {
                again = try MerchantValidation.merchant(from: APIMerchant(merchant), caller: .admin)
            } catch {
                fuzzFailure("a validated merchant's wire form is refused", input: FuzzTarget.input, detail: "\(error)")
            }
            guard again == merchant else {
                fuzzFailure(
                    "a validated merchant's wire form makes another merchant", input: FuzzTarget.input,
                    detail: "\(merchant)")
            }
        }
    }

    /// `POST /wallets/offline/sync`: each transfer in hex is an offline transfer (`syncOffline`'s reading).
    static func offlineSync(_ body: APIOfflineSync) throws(HTTPProblem) {
        guard body.transfers.count <= HTTPLimits.offlineTransfersPerRequestMax else {
            throw .unprocessable("too many", field: "transfers")
        }
        for (index, text) in body.transfers.enumerated() {
            guard let bytes = hexBytes(text), (try? OfflineTransfer(decoding: bytes)) != nil else {
                throw .unprocessable("not an offline transfer in hex", field: "transfers[\(index)]")
            }
        }
    }

    /// Hex digits as bytes (`CorridorService.hexBytes`, in a file this build leaves out).
    static func hexBytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0, digits.count <= 8192 else { return nil }
        func value(_ digit: UInt8) -> UInt8? {
            switch digit {
            case 0x30...0x39: digit - 0x30
            case 0x41...0x46: digit - 0x41 + 10
            case 0x61...0x66: digit - 0x61 + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }
}
