/// The health of a gateway hub as a consumer should see it.
public enum HubStatus: Sendable, Hashable, CustomStringConvertible {
    /// Connecting for the first time.
    case connecting
    /// Connected and every wanted subscription applied.
    case live(connectionId: String?, subscriptions: Int)
    /// Connected, but the server refused a subscription. The hub keeps it wanted and retries it
    /// with backoff on this connection and on every new one, until it is accepted (the status is
    /// live again) or unsubscribed; `reason` names each refused subscription and the server's
    /// message.
    case degraded(reason: String)
    /// The connection was lost (or the feed went silent) and is being re-established.
    case reconnecting(reason: String)
    /// Stopped, by ``MarketHub/stop()`` / ``UserHub/stop()`` or because reconnecting gave up.
    case stopped(error: String?)

    public var isLive: Bool {
        if case .live = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .connecting: "connecting"
        case .live(let id, let count): "live (\(count) subscription\(count == 1 ? "" : "s")\(id.map { ", connection \($0)" } ?? ""))"
        case .degraded(let reason): "degraded: \(reason)"
        case .reconnecting(let reason): "reconnecting: \(reason)"
        case .stopped(let error): "stopped" + (error.map { ": \($0)" } ?? "")
        }
    }
}
