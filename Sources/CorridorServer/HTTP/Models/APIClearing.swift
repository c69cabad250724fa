/// The body of `POST /clearing/runs`.
public struct APIClearingRequest: Codable, Sendable, Hashable {
    /// The business day to clear, `YYYY-MM-DD` (UTC); today when absent.
    public let businessDate: String?
}

/// A clearing run on the wire: net positions and the files it produced.
public struct APIClearingRun: Codable, Sendable, Hashable {
    /// A participant's net position in one currency.
    public struct Position: Codable, Sendable, Hashable {
        /// The participant.
        public let participant: String
        /// What it owes (negative: is owed).
        public let owes: APIMoney
        /// Gross debits in minor units.
        public let grossDebits: Int64
        /// Gross credits in minor units.
        public let grossCredits: Int64
    }

    /// A file of the run.
    public struct File: Codable, Sendable, Hashable {
        /// Its name, the last path segment of its download URL.
        public let name: String
        /// `/clearing/runs/{date}/files/{name}`.
        public let href: String
        /// Size in bytes.
        public let bytes: Int
    }

    /// The business day.
    public let businessDate: String
    /// Items (payments, refunds, reversals) netted.
    public let itemCount: Int
    /// True when every currency's positions sum to zero.
    public let balanced: Bool
    /// Net positions the caller may see.
    public let positions: [Position]
    /// Files the caller may download.
    public let files: [File]
}
