import CorridorCore
import Foundation
import Yams

extension Scenario {
    /// The top-level keys this slice of issue 7 reads.
    static let topLevelKeys: Set<String> = [
        "name", "seed", "world", "population", "traffic", "faults", "steps", "expect",
    ]

    /// Reads and checks a scenario file; world paths are resolved against the file's folder.
    /// - Parameters:
    ///   - url: the scenario file.
    /// - Throws: ``ScenarioError`` naming the line and key of the first problem.
    public init(contentsOf url: URL) throws(ScenarioError) {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw ScenarioError(line: nil, key: url.lastPathComponent, "cannot be read")
        }
        try self.init(yaml: text, folder: url.deletingLastPathComponent())
    }

    /// Parses a scenario from YAML text.
    /// - Parameters:
    ///   - text: the YAML.
    ///   - folder: the folder relative world paths start from.
    /// - Throws: ``ScenarioError`` naming the line and key of the first problem.
    public init(yaml text: String, folder: URL) throws(ScenarioError) {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw ScenarioError(line: Self.line(ofYAMLError: "\(error)"), key: "(file)", "not YAML: \(error)")
        }
        guard let root else { throw ScenarioError(line: 1, key: "(file)", "empty file") }
        let top = try ScenarioNode(root, path: "")
        try top.rejectUnknownKeys(Self.topLevelKeys)
        let name = try top.string("name")
        let seed = try top.optionalInt("seed", in: 0...Int.max).map { UInt64($0) } ?? Self.defaultSeed
        guard let worldNode = top.node("world") else { throw ScenarioError(line: top.line, key: "world", "required") }
        let world = try Self.world(ScenarioNode(worldNode, path: "world"), folder: folder)

        guard let stepsNode = top.node("steps") else { throw ScenarioError(line: top.line, key: "steps", "required") }
        guard let stepList = stepsNode.sequence else {
            throw ScenarioError(line: stepsNode.mark?.line, key: "steps", "expected a list of steps")
        }
        guard stepList.count <= Self.stepCountMax else {
            throw ScenarioError(line: stepsNode.mark?.line, key: "steps", "at most \(Self.stepCountMax) steps")
        }
        var steps: [ScenarioStep] = []
        var ids: Set<String> = []
        for (index, node) in stepList.enumerated() {
            let step = try ScenarioStepParser.step(node, path: "steps[\(index)]", index: index)
            guard ids.insert(step.id).inserted else {
                throw ScenarioError(
                    line: step.line, key: "steps[\(index)].id", "id \(step.id) is used by an earlier step")
            }
            steps.append(step)
        }
        try Self.checkReferences(steps, world: world)

        var population: [TouristGroup] = []
        if let node = top.node("population") {
            population = try ScenarioPopulationParser.groups(node, path: "population")
        }
        let traffic = try top.node("traffic").map { (node) throws(ScenarioError) in
            try ScenarioTrafficParser.traffic(node, path: "traffic")
        }
        var faults: [ScenarioFault] = []
        if let node = top.node("faults") {
            faults = try ScenarioTrafficParser.faults(node, path: "faults", groups: population)
        }
        try Self.checkTraffic(
            steps: steps, population: population, traffic: traffic, faults: faults, world: world, line: top.line)

        var expectations: [ScenarioExpectation] = []
        if let expectNode = top.node("expect") {
            guard let list = expectNode.sequence else {
                throw ScenarioError(line: expectNode.mark?.line, key: "expect", "expected a list of expectations")
            }
            guard list.count <= Self.expectationCountMax else {
                throw ScenarioError(
                    line: expectNode.mark?.line, key: "expect", "at most \(Self.expectationCountMax) expectations")
            }
            for (index, node) in list.enumerated() {
                expectations += try ScenarioExpectationParser.expectations(node, path: "expect[\(index)]", stepIDs: ids)
            }
        }
        self.init(
            name: name, seed: seed, world: world, steps: steps, expectations: expectations, population: population,
            traffic: traffic, faults: faults)
    }

    /// The world's files: every one named must exist.
    static func world(_ node: ScenarioNode, folder: URL) throws(ScenarioError) -> ScenarioWorld {
        try node.rejectUnknownKeys(["gateway", "cards", "cbdc"])
        func resolve(_ key: String) throws(ScenarioError) -> URL? {
            guard let path = try node.optionalString(key) else { return nil }
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path)
            return url.standardizedFileURL
        }
        func exists(_ url: URL, directory: Bool) -> Bool {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
                && isDirectory.boolValue == directory
        }
        guard let gateway = try resolve("gateway") else {
            throw ScenarioError(line: node.line, key: "world.gateway", "required")
        }
        guard exists(gateway, directory: true) else {
            throw ScenarioError(line: node.line(of: "gateway"), key: "world.gateway", "no folder at \(gateway.path)")
        }
        for file in ["participants.yaml", "merchants.yaml", "fx-rates.csv", "watchlist.csv"]
        where !exists(gateway.appendingPathComponent(file), directory: false) {
            throw ScenarioError(
                line: node.line(of: "gateway"), key: "world.gateway", "\(file) is missing from \(gateway.path)")
        }
        let cards = try resolve("cards")
        if let cards, !exists(cards, directory: false) {
            throw ScenarioError(line: node.line(of: "cards"), key: "world.cards", "no file at \(cards.path)")
        }
        let cbdc = try resolve("cbdc")
        if let cbdc, !exists(cbdc, directory: false) {
            throw ScenarioError(line: node.line(of: "cbdc"), key: "world.cbdc", "no file at \(cbdc.path)")
        }
        return ScenarioWorld(gatewayFolder: gateway, cardsFile: cards, cbdcFile: cbdc, line: node.line)
    }

    /// A refund must name an earlier payment step; card steps need the cards file, wallet steps the platform file.
    static func checkReferences(_ steps: [ScenarioStep], world: ScenarioWorld) throws(ScenarioError) {
        var payments: Set<String> = []
        for (index, step) in steps.enumerated() {
            let key = "steps[\(index)].\(step.action.key)"
            if case .card = step.action, world.cardsFile == nil {
                throw ScenarioError(line: step.line, key: key, "card steps need `world.cards` (an issuer portfolio)")
            }
            if step.action.key.hasPrefix("wallet_"), world.cbdcFile == nil {
                throw ScenarioError(line: step.line, key: key, "wallet steps need `world.cbdc` (a platform file)")
            }
            if case .refund(let payment, _) = step.action, !payments.contains(payment) {
                throw ScenarioError(
                    line: step.line, key: "steps[\(index)].refund.payment",
                    "\(payment) is not an earlier card, qr or wallet_pay step")
            }
            if step.action.isPayment { payments.insert(step.id) }
        }
    }

    /// Traffic needs a population, exactly one `traffic` step, the cards file for card instruments and the platform
    /// file for wallets; faults need traffic.
    static func checkTraffic(
        steps: [ScenarioStep], population: [TouristGroup], traffic: ScenarioTraffic?, faults: [ScenarioFault],
        world: ScenarioWorld, line: Int?
    ) throws(ScenarioError) {
        let trafficSteps = steps.filter { $0.action == .traffic }
        guard let traffic else {
            if let step = trafficSteps.first {
                throw ScenarioError(line: step.line, key: "traffic", "a traffic step needs a `traffic:` section")
            }
            if !population.isEmpty {
                throw ScenarioError(line: population[0].line, key: "traffic", "a population needs a `traffic:` section")
            }
            if !faults.isEmpty { throw ScenarioError(line: line, key: "faults", "faults need a `traffic:` section") }
            return
        }
        guard !population.isEmpty else {
            throw ScenarioError(line: traffic.line, key: "population", "traffic needs a population")
        }
        guard trafficSteps.count == 1 else {
            throw ScenarioError(
                line: trafficSteps.dropFirst().first?.line ?? traffic.line, key: "steps",
                "exactly one `- traffic:` step says when the traffic runs")
        }
        for (index, group) in population.enumerated() {
            if group.instruments.contains(where: { $0.instrument.isCard }), world.cardsFile == nil {
                throw ScenarioError(
                    line: group.line, key: "population[\(index)].instruments", "card instruments need `world.cards`")
            }
            if group.instruments.contains(where: { $0.instrument == .cbdcWallet }), world.cbdcFile == nil {
                throw ScenarioError(
                    line: group.line, key: "population[\(index)].instruments", "cbdc_wallet needs `world.cbdc`")
            }
        }
    }

    /// The line in a Yams error's text ("3:5: …" where the problem was found, else "… in line 3, column 5").
    static func line(ofYAMLError text: String) -> Int? {
        let leading = text.prefix(while: \.isNumber)
        if !leading.isEmpty, text.dropFirst(leading.count).first == ":" { return Int(leading) }
        guard let range = text.range(of: "line ") else { return nil }
        return Int(text[range.upperBound...].prefix(while: \.isNumber))
    }
}
