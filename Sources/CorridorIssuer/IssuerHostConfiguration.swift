/// How an issuer host behaves beyond its portfolio.
public struct IssuerHostConfiguration: Sendable {
    /// The magic-value table, or nil to turn test mode off (every request is decided on its merits).
    public var testMode: TestModeTable?
    /// How long a "delayed" test-mode response waits before it is sent.
    public var responseDelay: Duration
    /// How long an authorization hold lasts before it voids itself (the ledger's pending timeout).
    public var holdSeconds: Int64
    /// How long a transaction key is remembered for duplicate detection, in seconds of the host's clock.
    public var duplicateWindowSeconds: Int64
    /// The seed of approval codes and RRNs; nil takes the clock's milliseconds at start.
    public var approvalSeed: UInt64?

    /// Creates a configuration; the defaults are what `corridor serve` uses.
    public init(
        testMode: TestModeTable? = .standard, responseDelay: Duration = .seconds(3), holdSeconds: Int64 = 7 * 86_400,
        duplicateWindowSeconds: Int64 = 86_400, approvalSeed: UInt64? = nil
    ) {
        self.testMode = testMode
        self.responseDelay = responseDelay
        self.holdSeconds = holdSeconds
        self.duplicateWindowSeconds = duplicateWindowSeconds
        self.approvalSeed = approvalSeed
    }
}
