/// The health of a gateway hub as a consumer should see it.
///
/// ```swift
/// for await status in market.statusUpdates() {
///     switch status {
///     case .live(_, let count): print("live with \(count) subscriptions")
///     case .reconnecting(let reason) where reason.code == .authenticationFailed: print("token refused; retrying")
///     case .stopped(let error?): print("gave up: \(error)")
///     default: print(status)
///     }
/// }
/// ```
public enum HubStatus: Sendable, Hashable, CustomStringConvertible {
    /// Connecting for the first time (and applying the wanted subscriptions).
    case connecting
    /// Connected and every wanted subscription applied.
    case live(connectionId: String?, subscriptions: Int)
    /// Connected, but the server refused a subscription. The hub keeps it wanted and retries it
    /// with backoff on this connection and on every new one, until it is accepted (the status is
    /// live again) or unsubscribed; `reason` (code ``HubError/Code/refused``) names each refused
    /// subscription and the server's message.
    case degraded(reason: HubError)
    /// The connection was lost, the feed went silent, a subscribe was not answered in time, or a
    /// reconnect attempt failed: the hub is reconnecting (see ``ReconnectPolicy``) and restores
    /// every subscription. `reason` is the latest cause.
    case reconnecting(reason: HubError)
    /// Stopped by ``MarketHub/stop()`` / ``UserHub/stop()`` (`error` is `nil`), or because the
    /// first connection failed.
    case stopped(error: HubError?)

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
