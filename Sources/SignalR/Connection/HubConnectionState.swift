/// The lifecycle state of a ``HubConnection``, as reported by ``HubConnection/state`` and
/// ``HubConnection/states``.
///
/// ```swift
/// for await state in connection.states {
///     switch state {
///     case .connecting: print("connecting")
///     case .connected(let id): print("connected", id ?? "-")          // re-subscribe here
///     case .reconnecting(let reason): print("reconnecting:", reason)
///     case .disconnected(let error): print("disconnected", error.map { "\($0)" } ?? "")
///     }
/// }
/// ```
public enum HubConnectionState: Sendable, Hashable, CustomStringConvertible {
    /// ``HubConnection/start()`` is connecting. `retryingAfter` is `nil` for the first attempt
    /// and the failed attempt's error when it retries at once after an authentication failure.
    case connecting(retryingAfter: SignalRError?)
    /// Connected. `connectionId` is the server's public id; `nil` when negotiation was skipped.
    /// Each reconnect is a new server connection with a new id and no server-side state.
    case connected(connectionId: String?)
    /// The connection was lost (or a reconnect attempt failed) and is being re-established.
    case reconnecting(reason: SignalRError)
    /// Not connected. `error` is `nil` after ``HubConnection/stop()``, and otherwise says why.
    case disconnected(error: SignalRError?)

    /// Whether the state is ``connected(connectionId:)``.
    public var isConnected: Bool {
        if case .connected = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .connecting(let error): "connecting" + (error.map { " (retrying after: \($0))" } ?? "")
        case .connected(let id): "connected" + (id.map { " (\($0))" } ?? "")
        case .reconnecting(let reason): "reconnecting (\(reason))"
        case .disconnected(let error): "disconnected" + (error.map { " (\($0))" } ?? "")
        }
    }
}
