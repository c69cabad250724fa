import CorridorCore
import CorridorGateway

/// Turns a `POST /merchants` body into a directory merchant, naming the field of the first refused value.
enum MerchantValidation {
    /// The longest merchant id.
    static let idLengthMax = 64

    static func merchant(from body: APIMerchant, caller: HTTPCaller) throws(HTTPProblem) -> Merchant {
        guard (1...idLengthMax).contains(body.id.utf8.count),
            body.id.utf8.allSatisfy({
                (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E
            })
        else { throw .unprocessable("1–\(idLengthMax) of a–z 0–9 - _ .", field: "id") }
        guard (1...100).contains(body.name.count) else { throw .unprocessable("1–100 characters", field: "name") }
        guard (1...60).contains(body.city.count) else { throw .unprocessable("1–60 characters", field: "city") }
        guard let country = Country(code: body.country) else {
            throw .unprocessable("unknown ISO 3166 country", field: "country")
        }
        guard let mcc = MerchantCategoryCode(text: body.mcc) else { throw .unprocessable("4 digits", field: "mcc") }
        guard let currency = Currency(alphaCode: body.currency) else {
            throw .unprocessable("unknown ISO 4217 currency", field: "currency")
        }
        let acquirer: String
        switch caller {
        case .admin:
            guard let named = body.acquirer else {
                throw .unprocessable("the operator names the acquirer", field: "acquirer")
            }
            acquirer = named
        case .participant(let id):
            // A participant creates merchants for itself only; naming another acquirer is refused, not ignored.
            guard body.acquirer == nil || body.acquirer == id else {
                throw .unprocessable("a participant creates its own merchants", field: "acquirer")
            }
            acquirer = id
        }
        var instruments: Set<PaymentInstrumentKind> = []
        for (index, name) in body.instruments.enumerated() {
            guard let kind = PaymentInstrumentKind(rawValue: name) else {
                throw .unprocessable(
                    "one of " + PaymentInstrumentKind.allCases.map(\.rawValue).joined(separator: ", "),
                    field: "instruments[\(index)]")
            }
            instruments.insert(kind)
        }
        guard !instruments.isEmpty else { throw .unprocessable("at least one instrument", field: "instruments") }
        let discount = body.discountRateBps ?? 150
        guard (0...1000).contains(discount) else {
            throw .unprocessable("0–1000 basis points", field: "discountRateBps")
        }
        let terminal =
            body.terminalId
            ?? String(body.id.uppercased().filter { $0.isLetter || $0.isNumber }.prefix(8))
            .padding(toLength: 8, withPad: "0", startingAt: 0)
        guard terminal.utf8.count == 8, terminal.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw .unprocessable("8 letters or digits", field: "terminalId")
        }
        let acceptor = body.cardAcceptorId ?? terminal
        guard (1...15).contains(acceptor.utf8.count),
            acceptor.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        else {
            throw .unprocessable("1–15 letters or digits", field: "cardAcceptorId")
        }
        let identifiers = body.qrIdentifiers ?? []
        for (index, identifier) in identifiers.enumerated() where !(1...99).contains(identifier.utf8.count) {
            throw .unprocessable("1–99 characters", field: "qrIdentifiers[\(index)]")
        }
        return Merchant(
            id: body.id, name: body.name, city: body.city, country: country, mcc: mcc, acquirer: acquirer,
            currency: currency, instruments: instruments, discountRateBps: discount, terminalID: terminal,
            cardAcceptorID: acceptor, qrIdentifiers: identifiers, cbdcWallet: body.cbdcWallet)
    }
}
