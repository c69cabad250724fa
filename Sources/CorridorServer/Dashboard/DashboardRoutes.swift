import CorridorCore
import CorridorGateway
import Foundation
import Hummingbird

/// The web dashboard under `/dashboard` (and `/` redirecting to it): server-rendered HTML over the same service as
/// the API, usable in any browser without a script. Its pages need no API key — it is the operator's console on
/// the address the server binds (loopback by default); `corridor serve --no-dashboard` leaves it out.
public struct DashboardRoutes: HTTPRouteGroup {
    public init() {}

    public var publicPathPrefixes: [String] { ["/", "/dashboard/"] }

    /// The largest form body read, in bytes.
    static let formByteCountMax = 16 * 1024

    public func addRoutes(to router: Router<CorridorRequestContext>, service: CorridorService) {
        let pages = DashboardPages(service: service)
        router.get("dashboard") { _, _ in Self.html(try await pages.overview()) }
        router.get("dashboard/merchants") { _, _ in Self.html(try await pages.merchants()) }
        router.get("dashboard/merchants/{id}") { _, context in
            let id = try HTTPMessage.parameter("id", context)
            guard let page = try await pages.merchant(id) else { return Self.notFound("no merchant \(id)") }
            return Self.html(page)
        }
        router.post("dashboard/merchants/{id}/pay") { request, context in
            let id = try HTTPMessage.parameter("id", context)
            guard let merchant = service.gateway.directory.merchant(id) else { return Self.notFound("no merchant \(id)") }
            let form = FormBody(String(buffer: try await request.body.collect(upTo: Self.formByteCountMax)))
            // The merchant's static code with the amount typed in the app, or, for a merchant that only shows
            // dynamic codes, the code made for this amount.
            switch Self.paymentRequest(form, merchant: merchant, code: { amount in
                if let code = try? await service.merchantPayload(id, amount: nil, for: .admin) { return (code, amount) }
                return (try await service.merchantPayload(id, amount: amount, for: .admin), nil)
            }) {
            case .failure(let problem):
                return Self.html(try await pages.merchant(id, message: problem.text) ?? "", status: .unprocessableContent)
            case .success(let make):
                let request: PaymentRequest
                do { request = try await make() } catch {
                    return Self.html(try await pages.merchant(id, message: "\(error)") ?? "", status: .unprocessableContent)
                }
                let result = await service.gateway.submit(request)
                return Self.redirect("/dashboard/payments/" + DashboardPages.pathComponent(result.paymentID))
            }
        }
        router.get("dashboard/payments/{id}") { _, context in
            let id = try HTTPMessage.parameter("id", context)
            guard let page = try await pages.payment(id) else { return Self.notFound("no payment \(id)") }
            return Self.html(page)
        }
        router.get("dashboard/clearing") { _, _ in Self.html(pages.clearing()) }
        router.post("dashboard/clearing") { _, _ in
            _ = try await service.clear(APIClearingRequest(businessDate: pages.today))
            return Self.redirect("/dashboard/clearing")
        }
        router.get("/") { _, _ in Self.redirect("/dashboard") }
        router.get("dashboard/clearing/{date}/{file}") { _, context in
            let text = try await service.clearingFile(
                try HTTPMessage.parameter("date", context), name: try HTTPMessage.parameter("file", context), for: .admin)
            return HTTPMessage.bytes(Array(text.utf8), contentType: "application/xml; charset=utf-8", cacheControl: "no-store")
        }
    }

    /// Why a form cannot become a payment, said to the person who filled it in.
    struct FormProblem: Error {
        let text: String
    }

    /// The payment a form asks for: by card (`pan`, `expiry`, `amount`) or by scanning the merchant's code as a
    /// bank customer (`payer` = BANK/REFERENCE); `code` gives the payload scanned for an amount, and the amount typed
    /// in the app when the code has none.
    static func paymentRequest(
        _ form: FormBody, merchant: Merchant,
        code: @escaping @Sendable (Money) async throws -> (payload: String, typedAmount: Money?)
    ) -> Result<@Sendable () async throws -> PaymentRequest, FormProblem> {
        guard let amountText = form["amount"] else { return .failure(FormProblem(text: "Enter an amount.")) }
        let amount: Money
        do { amount = try Money(decimal: amountText, currency: merchant.currency) } catch {
            return .failure(FormProblem(text: "Amount: \(error)."))
        }
        switch form["method"] {
        case "card":
            guard let panText = form["pan"], let expiry = form["expiry"] else {
                return .failure(FormProblem(text: "Enter the card number and its expiry."))
            }
            let pan: PrimaryAccountNumber
            do { pan = try PrimaryAccountNumber(panText) } catch { return .failure(FormProblem(text: "Card number: \(error).")) }
            let details = CardPaymentDetails(pan: pan, expiry: expiry, merchant: merchant.id, amount: amount)
            return .success { .card(details) }
        case "qr":
            let parts = (form["payer"] ?? "").split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { return .failure(FormProblem(text: "Choose the payer's bank app.")) }
            return .success {
                let scanned = try await code(amount)
                return .qr(QRPaymentDetails(
                    payload: scanned.payload, payer: BankPayer(bank: parts[0], reference: parts[1]), amount: scanned.typedAmount))
            }
        default:
            return .failure(FormProblem(text: "Choose how to pay."))
        }
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    static func notFound(_ text: String) -> Response {
        html(HTMLPage.render(title: "Not found", body: "<p>\(HTMLPage.escape(text))</p>"), status: .notFound)
    }
}
