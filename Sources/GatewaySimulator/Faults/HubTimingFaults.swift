/// The standing hub faults about timing, kept apart from the other switches: a server that drops
/// every new connection right after its handshake (a flapping server), and one that answers
/// subscriptions late (or, with a long delay, not within any client's patience).
public struct HubTimingFaults: Sendable, Equatable {
    /// The hubs whose new connections are dropped (TCP, no Close) right after the handshake.
    public var droppedNewConnections: HubSelector?
    /// How long `Subscribe…` calls wait before they are carried out and answered.
    public var subscriptionAnswerDelay: Duration?
    /// How many new connections were dropped so far (a count of a client's connect attempts).
    public var droppedConnectionCount = 0

    public init(droppedNewConnections: HubSelector? = nil, subscriptionAnswerDelay: Duration? = nil) {
        self.droppedNewConnections = droppedNewConnections
        self.subscriptionAnswerDelay = subscriptionAnswerDelay
    }
}
