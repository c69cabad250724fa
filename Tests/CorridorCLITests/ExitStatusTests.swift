import Testing

/// Exit status is API: a bad option exits 64 (EX_USAGE) with a message naming the option.
@Suite("exit status")
struct ExitStatusTests {
    /// A command line and the option its error message must name.
    struct BadOption: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let option: String
        var testDescription: String { option + " in " + arguments.prefix(3).joined(separator: " ") }
    }

    static let emv = [
        "qr", "make", "emv", "--name", "TEA HOUSE", "--city", "BEIJING", "--country", "CN", "--mcc", "5812",
        "--currency", "CNY", "--network", "unionpay", "--account", "6229100000000000123",
    ]
    static let sbp = ["qr", "make", "sbp", "--bank", "100000000001"]
    static let gost = [
        "qr", "make", "gost", "--name", "ООО Ромашка", "--personal-acc", "40702810138250123017", "--bank-name",
        "ПАО Сбербанк", "--bic", "044525225", "--corresp-acc", "30101810400000000225",
    ]

    static let badOptions: [BadOption] = [
        BadOption(arguments: emv + ["--amount", "1.234"], option: "--amount"),
        BadOption(arguments: emv + ["--amount", "0"], option: "--amount"),
        BadOption(arguments: emv + ["--country", "XX"], option: "--country"),
        BadOption(arguments: emv + ["--currency", "ABC"], option: "--currency"),
        BadOption(arguments: emv + ["--mcc", "58"], option: "--mcc"),
        BadOption(arguments: emv + ["--network", "bitcoin"], option: "--network"),
        BadOption(arguments: emv + ["--template-id", "27", "--guid", "com.example"], option: "--network"),
        BadOption(arguments: emv + ["--tip", "fixed"], option: "--tip"),
        BadOption(arguments: emv + ["--alt-name", "茶馆"], option: "--alt-language"),
        BadOption(arguments: emv + ["--alt-language", "zh", "--alt-name", String(repeating: "茶", count: 26)], option: "--alt-name"),
        BadOption(arguments: emv + ["--out", "code.gif"], option: "--out"),
        BadOption(arguments: emv + ["--scale", "0"], option: "--scale"),
        BadOption(arguments: emv + ["--ec", "X"], option: "--ec"),
        BadOption(arguments: emv + ["--dark", "not-a-colour"], option: "--dark"),
        BadOption(arguments: Array(emv.dropLast(2)), option: "--account"),
        BadOption(arguments: emv.map { $0 == "TEA HOUSE" ? String(repeating: "A", count: 26) : $0 }, option: "--name"),
        BadOption(arguments: sbp.dropLast() + ["12345"], option: "--bank"),
        BadOption(arguments: sbp + ["--id", "SHORT"], option: "--id"),
        BadOption(arguments: sbp + ["--sum", "-5"], option: "--sum"),
        BadOption(arguments: sbp + ["--type", "03"], option: "--type"),
        BadOption(arguments: sbp + ["--seed", "minus-one"], option: "--seed"),
        BadOption(arguments: gost.map { $0 == "40702810138250123017" ? "4070281013825" : $0 }, option: "--personal-acc"),
        BadOption(arguments: gost + ["--encoding", "4"], option: "--encoding"),
        BadOption(arguments: gost + ["--bic", "04452522"], option: "--bic"),
        BadOption(arguments: gost + ["--separator", "=="], option: "--separator"),
        BadOption(arguments: ["qr", "render", "hello", "--out", "hello.gif"], option: "--out"),
        BadOption(arguments: ["qr", "decode", "--image", "/nonexistent/code.png"], option: "--image"),
        BadOption(arguments: ["qr", "decode", "--validation", "loose", "000201"], option: "--validation"),
        BadOption(arguments: ["qr", "batch", "rows.txt", "--out-dir", "out"], option: "FILE"),
        BadOption(arguments: ["qr", "batch", "Samples/qr-batch/merchants.csv", "--out-dir", "out", "--jobs", "0"],
                  option: "--jobs"),
        BadOption(arguments: emv + ["--bogus"], option: "--bogus"),
    ]

    @Test(arguments: badOptions)
    func badOptionExits64NamingTheOption(_ bad: BadOption) throws {
        let result = try CorridorBinary.run(bad.arguments)
        #expect(result.status == 64, "\(result)")
        #expect(result.standardError.contains(bad.option), "\(result)")
        #expect(result.output.isEmpty, "nothing on standard output for a usage error")
    }

    @Test func decodeWithoutInputExits64() throws {
        #expect(try CorridorBinary.run(["qr", "decode"]).status == 64)
        #expect(try CorridorBinary.run(["qr", "decode", "--json"]).status == 64)
    }

    @Test func missingRequiredOptionExits64() throws {
        let result = try CorridorBinary.run(["qr", "make", "emv", "--name", "TEA"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("--city"))
    }
}
