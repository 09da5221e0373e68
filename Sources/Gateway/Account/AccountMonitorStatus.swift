/// Whether an ``AccountMonitor``'s state can be trusted to equal the server's.
public enum AccountMonitorStatus: Sendable, Hashable, CustomStringConvertible {
    /// ``AccountMonitor/start()`` has not run yet, or has not subscribed yet.
    case starting
    /// Updates may have been missed (the first start, a dropped connection, an unreadable event,
    /// a consumer that fell behind, a forced resynchronisation): the state is being rebuilt from
    /// a REST snapshot once the user hub is live. `reason` says why, and why it takes long when
    /// a snapshot failed and is being retried.
    case synchronizing(reason: String)
    /// The state was rebuilt from a snapshot taken after the last gap and every update since has
    /// been applied: it equals the server's, apart from events still on their way.
    case inSync
    /// The snapshot is applied, but the gateway refused a subscription this account needs, so
    /// updates of that kind are missing until the hub's retry is accepted (then the monitor
    /// resynchronises by itself).
    case degraded(reason: String)
    /// ``AccountMonitor/stop()`` ran.
    case stopped

    public var isInSync: Bool { self == .inSync }

    public var description: String {
        switch self {
        case .starting: "starting"
        case .synchronizing(let reason): "synchronizing: \(reason)"
        case .inSync: "in sync"
        case .degraded(let reason): "degraded: \(reason)"
        case .stopped: "stopped"
        }
    }
}
