/// How a gateway behaves; every figure is a parameter of the simulation, not a fact about a real network.
public struct GatewayConfiguration: Sendable {
    /// Markup over the mid rate for dynamic currency conversion (earned by the acquirer), in basis points.
    public var dccMarkupBps: Int
    /// How long a quote from `Gateway.quote` stays valid.
    public var quoteLifetimeSeconds: Int
    /// Whether to keep the typed ISO 20022 messages in each record (needed to write them at clearing).
    public var keepsMessages: Bool

    /// Creates a configuration.
    public init(dccMarkupBps: Int = 300, quoteLifetimeSeconds: Int = 60, keepsMessages: Bool = true) {
        self.dccMarkupBps = dccMarkupBps
        self.quoteLifetimeSeconds = quoteLifetimeSeconds
        self.keepsMessages = keepsMessages
    }
}
