// Fuzz target `gost`: GOST R 56042-2014 bank-transfer payloads (DESIGN.md §3), built by Tools/fuzz.sh.
//
// Rules checked on every input, besides "never crash", for both entry points (the bytes a QR code carries, and the
// text a scanner shows): a decoded order encodes, decode → encode → decode gives the same order, and encoding it
// again gives the same bytes.
import CorridorCore
import CorridorMerchantQR

enum FuzzTarget {
    static func test(_ input: [UInt8]) {
        if let order = try? GOSTPaymentOrder(decoding: input) {
            let encoded: [UInt8]
            do { encoded = try order.encoded() } catch {
                fuzzFailure("a decoded order does not encode", input: input, detail: "\(order): \(error)")
            }
            check(order, reread: { () throws(MerchantQRError) in try GOSTPaymentOrder(decoding: encoded) },
                  encodedAgain: { try? $0.encoded() }, encoded: encoded, input: input)
        }
        if let text = String(validating: input, as: UTF8.self), let order = try? GOSTPaymentOrder(decoding: text) {
            let encoded: String
            do { encoded = try order.encodedText() } catch {
                fuzzFailure("a decoded order does not encode as text", input: input, detail: "\(order): \(error)")
            }
            check(order, reread: { () throws(MerchantQRError) in try GOSTPaymentOrder(decoding: encoded) },
                  encodedAgain: { try? $0.encodedText() }, encoded: encoded, input: input)
        }
    }

    private static func check<Encoded: Equatable>(
        _ order: GOSTPaymentOrder, reread: () throws(MerchantQRError) -> GOSTPaymentOrder,
        encodedAgain: (GOSTPaymentOrder) -> Encoded?, encoded: Encoded, input: [UInt8]
    ) {
        let again: GOSTPaymentOrder
        do { again = try reread() } catch {
            fuzzFailure("an encoded order does not decode", input: input, detail: "\(encoded): \(error)")
        }
        guard again == order else {
            fuzzFailure("decode → encode → decode changed the order", input: input,
                        detail: "\(order) became \(again)")
        }
        guard encodedAgain(again) == encoded else {
            fuzzFailure("encoding the re-decoded order gave another payload", input: input, detail: "\(encoded)")
        }
    }

    /// Orders the encoder writes, in each of the three encodings.
    static func seeds() -> [[UInt8]] {
        GOSTCharacterEncoding.allCases.map { encoding in
            var order = GOSTPaymentOrder(
                name: "ООО Три кита", personalAccount: "40702810138250123017", bankName: "ПАО Сбербанк",
                bic: "044525225", correspondentAccount: "30101810400000000225", encoding: encoding)
            order.sum = Money(minorUnits: 1_580_00, currency: .rub)
            order.purpose = "Оплата по счёту 42"
            order.payeeINN = "7702070139"
            order.kpp = "770201001"
            order.otherFields = [GOSTField(key: "LastName", value: "Иванов")]
            do { return try order.encoded() } catch { fatalError("seed order does not encode: \(error)") }
        }
    }
}
