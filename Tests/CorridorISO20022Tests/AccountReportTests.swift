import CorridorTesting
import CorridorCore
import CorridorISO20022
import Testing

@Suite struct AccountReportTests {
    @Test(.enabled(if: XMLLint.shouldRun), arguments: Fixtures.Script.allCases)
    func camt053ValidatesAgainstTheXSD(_ script: Fixtures.Script) throws {
        try XMLLint.expectValid(try Fixtures.statement(script).xml(), definition: "camt.053.001.08")
    }

    @Test(.enabled(if: XMLLint.shouldRun), arguments: Fixtures.Script.allCases)
    func camt054ValidatesAgainstTheXSD(_ script: Fixtures.Script) throws {
        try XMLLint.expectValid(try Fixtures.notification(script).xml(), definition: "camt.054.001.08")
    }

    @Test func statementRoundTrips() throws {
        let message = Fixtures.statement()
        #expect(try BankToCustomerStatement(xml: try message.xml()) == message)
    }

    @Test func notificationRoundTrips() throws {
        let message = Fixtures.notification()
        #expect(try BankToCustomerDebitCreditNotification(xml: try message.xml()) == message)
    }

    @Test func negativeBalanceIsWrittenAsDebit() throws {
        let xml = try Fixtures.statement().xml(prettyPrinted: false)
        #expect(xml.contains("<Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy=\"CNY\">0.05</Amt><CdtDbtInd>DBIT</CdtDbtInd>"))
    }

    @Test func statementWithoutBalanceIsRefused() {
        var message = Fixtures.statement()
        message.statements[0].balances = []
        #expect(throws: ISO20022Error.missingElement(path: "/Document/BkToCstmrStmt/Stmt/Bal")) { try message.xml() }
    }

    @Test func notificationWithBalanceIsRefused() {
        var message = Fixtures.notification()
        message.notifications[0].balances = Fixtures.statement().statements[0].balances
        #expect(throws: ISO20022Error.self) { try message.xml() }
    }
}
