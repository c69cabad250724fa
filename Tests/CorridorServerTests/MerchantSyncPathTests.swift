@testable import CorridorServer
import Testing

/// Which requests name one merchant (and so skip the merchant table read when the merchant is already known).
@Suite struct MerchantSyncPathTests {
    @Test(arguments: [
        ("/merchants/m-1", "m-1"),
        ("/merchants/m-1/qr.png", "m-1"),
        ("/merchants/m-1/qr", "m-1"),
        ("/merchants/caf%C3%A9/qr.svg", "café"),
    ])
    func aMerchantsOwnPathNamesIt(path: String, id: String) {
        #expect(MerchantSyncMiddleware.merchantID(inPath: path) == id)
    }

    @Test(arguments: ["/merchants", "/merchants/", "/merchants//qr.png", "/payments/m-1", "/dashboard/merchants/m-1"])
    func otherPathsNameNone(path: String) {
        #expect(MerchantSyncMiddleware.merchantID(inPath: path) == nil)
    }
}
