import CorridorISO20022
import Foundation
import Testing

/// Inputs the `iso20022` fuzz target of Tools/fuzz.sh found, each pinned as the rule it broke. The same inputs are
/// kept under `Tools/Fuzz/regressions/iso20022/` and replayed by ``ISO20022FuzzCorpusReplayTests``.
@Suite("Fuzz regressions: ISO 20022 reader")
struct ISO20022FuzzRegressionTests {
    /// crash-b918e926…: a closing tag whose `/` became the byte 0xD6 made an element name that is not UTF-8, and
    /// FoundationXML's XMLParser trapped while handing it over; the reader now refuses the bytes first.
    @Test func elementNameThatIsNotUTF8IsMalformedXML() {
        var bytes = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document>\n<TxSts>RJCT<".utf8)
        bytes.append(0xD6)
        bytes += Array("TxSts>\n</Document>\n".utf8)
        let error = #expect(throws: ISO20022Error.self) { try XMLReader().read(Data(bytes)) }
        guard case .malformedXML(let line, let column, _)? = error else {
            Issue.record("expected malformedXML, got \(String(describing: error))")
            return
        }
        #expect(line == 3)
        #expect(column == 13)
    }

    /// Text that is UTF-8, Cyrillic included, still reads.
    @Test func utf8DocumentStillReads() throws {
        let root = try XMLReader().read(Data("<Document><Nm>Щукина</Nm></Document>".utf8))
        #expect(root.children.first?.text == "Щукина")
    }
}
