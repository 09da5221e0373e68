/// Which hub a fault targets.
public enum HubSelector: String, Sendable, Codable, CaseIterable {
    case user
    case market
    case all

    /// Whether a hub at `path` (`/hubs/user`, `/hubs/market`) is targeted.
    public func matches(hubPath path: String) -> Bool {
        switch self {
        case .all: true
        case .user: path.lowercased().hasSuffix("/user")
        case .market: path.lowercased().hasSuffix("/market")
        }
    }
}

/// A one-shot action for the hub layer, delivered through ``FaultInjector/hubCommands()``.
/// The hub layer performs it on the connections it holds.
public enum HubFaultCommand: Sendable, Equatable {
    /// Drop the TCP connections without a Close message.
    case dropConnections(HubSelector)
    /// Send a SignalR Close message (type 7) with `allowReconnect` and an optional error, then
    /// close.
    case close(HubSelector, allowReconnect: Bool, error: String?)
}

/// How the hub layer should frame outgoing messages (a standing switch read per send).
public enum HubFrameMode: Sendable, Equatable {
    /// One message per WebSocket frame.
    case normal
    /// Cut each hub message into complete text frames (WebSocket messages) of at most this many
    /// bytes; only the last piece ends with the record separator. Tests the SignalR parser's
    /// reassembly across WebSocket messages (the "partial data" case of the protocol).
    case split(maxFrameBytes: Int)
    /// Send each hub message as one WebSocket message in fragments of at most this many bytes (a
    /// text frame without FIN, then continuation frames). Tests the WebSocket layer's reassembly.
    case fragment(maxFrameBytes: Int)
    /// Pack this many record-separated messages into one frame, to test de-batching.
    case batch(messagesPerFrame: Int)
}

/// The state of every fault switch, as the admin endpoint reports it.
public struct FaultSnapshot: Sendable, Equatable, Encodable {
    public var feedStalled: Bool
    public var marketClosed: Bool
    public var tokenLifetimeSeconds: Double
    public var forcedRateLimitRequestsLeft: Int?
    public var forcedRateLimitUntil: String?
    public var failingValidations: Int
    public var refusedUpgradesLeft: Int
    public var frameMode: String
    public var oversizedDepthFrameBytes: Int?
    /// The armed lost-response faults by write kind (`place`, `cancel`, `modify`, `close`).
    public var lostResponses: [String: LostResponseSwitch]
}
