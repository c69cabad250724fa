import Foundation
import Testing

/// Issue 8 §2: the dashboard of a real `corridor serve`, driven by headless Chromium. The browser loads the
/// merchants page, submits the tourist's "scan and pay" form (a page whose form posts itself on load, as a person
/// pressing the button would), lands on the payment's page, and screenshots the overview, whose pixels are decoded.
///
/// Runs when `chromium-headless-shell` and `python3` are installed, and always on CI, where a missing browser fails.
@Suite("dashboard in a browser")
struct DashboardBrowserTests {
    /// Runs the browser on `url` with `arguments`; returns what it printed (the DOM with `--dump-dom`).
    static func browse(_ url: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try SimulateReportBrowserTests.chromium.require())
        process.arguments = ["--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1200,1400"] + arguments + [url]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // A browser that hangs (a page that never settles) is stopped, not waited for: the checks then fail.
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: watchdog)
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The HTTP port from `corridor serve`'s ready line.
    static func httpPort(_ server: ServeProcess) throws -> Int {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let output = (try? String(contentsOfFile: server.outputPath, encoding: .utf8)) ?? ""
            if let line = output.split(separator: "\n").first(where: { $0.contains("HTTP listening on") }),
                let port = Int(line.split(separator: ":").dropFirst(2).first?.prefix(while: \.isNumber) ?? "")
            {
                return port
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("no HTTP ready line:\n\(server.standardError)")
        throw CancellationError()
    }

    @Test func aTouristPaysThroughTheDashboardInHeadlessChromium() throws {
        guard ExternalTool.shouldRun(SimulateReportBrowserTests.chromium, .python) else { return }
        let scratch = try Scratch()
        let server = try ServeProcess(["--backend", "sqlite:" + scratch.path("corridor.sqlite"),
                                       "--cards", CorridorBinary.sample("issuer/cards.yaml")], scratch: scratch)
        defer { server.stop() }
        let base = "http://127.0.0.1:\(try Self.httpPort(server))"

        // The merchants with their codes.
        let merchants = try Self.browse(base + "/", ["--dump-dom"])
        #expect(merchants.contains("Balances per participant"), "/ leads to the overview")
        let list = try Self.browse(base + "/dashboard/merchants", ["--dump-dom"])
        #expect(list.contains("Moscow Souvenirs") || list.contains("moscow-souvenirs"), "\(list.prefix(2000))")
        #expect(list.components(separatedBy: "<svg").count > 3)

        // The tourist scans the souvenir shop's code in li.wei's bank app and pays 632.00 RUB.
        let form = scratch.path("pay.html")
        try """
            <!doctype html><html><body onload="document.forms[0].submit()">
            <form method="post" action="\(base)/dashboard/merchants/moscow-souvenirs/pay">
            <input name="method" value="qr"><input name="payer" value="huaxiabank/li.wei"><input name="amount" value="632.00">
            </form></body></html>
            """.write(toFile: form, atomically: true, encoding: .utf8)
        _ = try Self.browse("file://" + form, ["--dump-dom", "--virtual-time-budget=15000"])
        // Whatever page the browser was on when it printed, the form went through: the overview lists the payment,
        // and its own page (the link) shows it approved.
        let overview = try Self.browse(base + "/dashboard", ["--dump-dom"])
        let link = try #require(overview.components(separatedBy: "href=\"/dashboard/payments/").dropFirst().first?
            .prefix { $0 != "\"" }, "the browser's payment is listed:\n\(overview.prefix(4000))")
        let paid = try Self.browse(base + "/dashboard/payments/" + link, ["--dump-dom"])
        #expect(paid.contains("<h1>Payment "), "\(paid.prefix(3000))")
        #expect(paid.contains("class=\"approved\"") && paid.contains("632.00 RUB"), "\(paid.prefix(3000))")

        // The overview's screenshot is a real page: many colours, the balance bars' blue.
        let shot = scratch.path("overview.png")
        _ = try Self.browse(base + "/dashboard", ["--screenshot=\(shot)"])
        let census = try ExternalTool.python.run(["-c", SimulateReportBrowserTests.pngCensus, shot, "2f6fae"])
        let figures = try #require(try JSONSerialization.jsonObject(with: Data(census.output)) as? [String: Any])
        #expect((figures["colours"] as? Int ?? 0) > 20, "\(figures)")
        #expect((figures["markedShare"] as? Double ?? 0) > 0.02, "\(figures)")
        #expect(((figures["wanted"] as? [String: Int])?["2f6fae"] ?? 0) > 100, "the balance bars are drawn: \(figures)")
    }
}
