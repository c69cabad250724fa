/// The body of `POST /payments`: exactly one of `card`, `qr`, `wallet`.
public struct APIPaymentRequest: Codable, Sendable, Hashable {
    /// A card payment as a terminal or checkout sends it; the PAN is used to authorize and never returned.
    public struct Card: Codable, Sendable, Hashable {
        /// The card number (12–19 digits).
        public let pan: String
        /// Expiry YYMM.
        public let expiry: String
        /// The CVV, checked for shape and dropped.
        public let cvv: String?
        /// Card present (terminal) or not (online); true when absent.
        public let present: Bool?
        /// The merchant id.
        public let merchant: String
        /// The price in the merchant's currency.
        public let amount: APIMoney
        /// Dynamic currency conversion chosen.
        public let dcc: Bool?
    }

    /// A bank-app payer.
    public struct Payer: Codable, Sendable, Hashable {
        /// The payer's bank (a participant).
        public let bank: String
        /// The bank's customer reference.
        public let reference: String
    }

    /// A scanned merchant QR code paid from a bank app.
    public struct QR: Codable, Sendable, Hashable {
        /// The payload exactly as scanned.
        public let payload: String
        /// Who pays.
        public let payer: Payer
        /// The amount typed for a static code.
        public let amount: APIMoney?
    }

    /// A scanned merchant QR code paid from a digital-ruble wallet.
    public struct Wallet: Codable, Sendable, Hashable {
        /// The payload exactly as scanned.
        public let payload: String
        /// The payer's wallet id (`DR…`) or holder id.
        public let wallet: String
        /// The amount for a static code.
        public let amount: APIMoney?
    }

    /// The payment id (1–32 of `A–Z a–z 0–9 . _ -`); generated when absent.
    public let id: String?
    /// An accepted FX quote's id.
    public let quoteId: String?
    /// A card payment.
    public let card: Card?
    /// A bank-app QR payment.
    public let qr: QR?
    /// A wallet QR payment.
    public let wallet: Wallet?
}

/// The body of `POST /payments/{id}/refunds`.
public struct APIRefundRequest: Codable, Sendable, Hashable {
    /// The refund id; generated when absent.
    public let id: String?
    /// The amount, in the merchant's currency; the whole remaining amount when absent.
    public let amount: APIMoney?
}

/// The body of `POST /payments/{id}/reversals`.
public struct APIReversalRequest: Codable, Sendable, Hashable {
    /// The reversal id; generated when absent.
    public let id: String?
}
