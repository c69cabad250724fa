import Foundation

/// The world's files, resolved against the scenario file's folder.
public struct ScenarioWorld: Sendable, Hashable {
    /// The gateway folder: participants.yaml, merchants.yaml, fx-rates.csv, watchlist.csv (fx-spreads.csv optional).
    public let gatewayFolder: URL
    /// The issuer portfolio (cards); nil for a world without cards.
    public let cardsFile: URL?
    /// The digital-ruble platform configuration; nil for a world without the platform.
    public let cbdcFile: URL?
    /// The line of `world:` (1-based), for errors found while the world is built.
    public let line: Int?

    /// Creates a world from resolved paths.
    public init(gatewayFolder: URL, cardsFile: URL?, cbdcFile: URL?, line: Int? = nil) {
        self.gatewayFolder = gatewayFolder
        self.cardsFile = cardsFile
        self.cbdcFile = cbdcFile
        self.line = line
    }
}
