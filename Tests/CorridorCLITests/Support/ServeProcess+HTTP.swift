import Foundation
import Testing

extension ServeProcess {
    /// The HTTP API's port from `corridor: HTTP listening on HOST:PORT`, which follows the ISO 8583 ready line;
    /// waits up to 60 s for it.
    func httpPort(sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, process.isRunning {
            if let line = standardOutput.split(separator: "\n").first(where: { $0.contains("HTTP listening on") }),
                let portText = line.split(separator: ":").dropFirst(2).first?.prefix(while: \.isNumber),
                let port = Int(portText)
            {
                return port
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("corridor serve did not report its HTTP port; stderr:\n\(standardError)",
                     sourceLocation: sourceLocation)
        throw CancellationError()
    }

    /// The key `--init` printed for `owner` (`corridor: key OWNER KEY`), if any.
    func key(of owner: String) -> String? {
        standardOutput.split(separator: "\n").lazy.compactMap { line -> String? in
            let words = line.split(separator: " ")
            guard words.count == 4, words[1] == "key", words[2] == owner else { return nil }
            return String(words[3])
        }.first
    }

    /// What the server wrote to standard output.
    var standardOutput: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }
}
