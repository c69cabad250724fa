import CorridorCBDC
import Testing

@Suite("CBDC accounts")
struct CBDCAccountsTests {
    @Test func idsAreStableAndDistinct() {
        #expect(CBDCAccounts.wallet("w1") == CBDCAccounts.wallet("w1"))
        let ids = [CBDCAccounts.issuance, CBDCAccounts.wallet("w1"), CBDCAccounts.wallet("w2"),
                   CBDCAccounts.offlineReserve(of: "w1", device: "d1"), CBDCAccounts.correspondent(of: "mirbank")]
        #expect(Set(ids).count == ids.count)
    }
}
