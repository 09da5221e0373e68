import Hummingbird
import SignalRProtocol
import NIOConcurrencyHelpers

/// Hub-wide faults and controls, for the simulator's fault injector and client tests.
///
/// ```swift
/// hub.refuseNextUpgrades(2)                                 // next two upgrades get 401
/// hub.closeAll(error: "Server restarting", allowReconnect: true)
/// hub.abortAll()                                            // TCP drop, no close frame
/// hub.setSilent(true)                                       // no messages, no pings
/// hub.setFraming(.batch(maxMessages: 3))
/// hub.overrideNegotiate(.redirect(url: otherURL, accessToken: "t"), times: 1)
/// ```
extension HubServer {
    /// Answers the next `count` WebSocket upgrades with `status` (no `101`), before
    /// authentication and id checks.
    public func refuseNextUpgrades(_ count: Int, status: HTTPResponse.Status = .unauthorized) {
        faults.withLockedValue { faults in
            faults.refusedUpgrades = max(0, count)
            faults.refusalStatus = status
        }
    }

    /// Answers negotiate with `override` for the next `times` requests (`nil`: until cleared).
    /// Pass `nil` to restore normal negotiation.
    public func overrideNegotiate(_ override: NegotiateOverride?, times: Int? = nil) {
        faults.withLockedValue { faults in
            faults.negotiateOverride = override
            faults.negotiateOverrideRemaining = override == nil ? nil : times
        }
    }

    /// Sets the framing of every live connection and of those that connect later.
    public func setFraming(_ framing: HubFraming) {
        faults.withLockedValue { $0.framing = framing }
        for connection in registry.all().values { connection.setFraming(framing) }
    }

    /// Silences (or un-silences) every live connection and those that connect later. A silent
    /// connection sends nothing, not even its handshake answer or Pings, but keeps its socket.
    public func setSilent(_ silent: Bool) {
        faults.withLockedValue { $0.silent = silent }
        for connection in registry.all().values { connection.setSilent(silent) }
    }

    /// Closes every live connection with a Close message (see ``HubConnectionContext/close(error:allowReconnect:)``).
    public func closeAll(error: String? = nil, allowReconnect: Bool = false) {
        for connection in registry.all().values {
            connection.close(error: error, allowReconnect: allowReconnect)
        }
    }

    /// Closes the live connections whose principal matches, for example when a token is revoked.
    @discardableResult
    public func closeConnections(
        where predicate: (HubPrincipal) -> Bool,
        error: String? = nil,
        allowReconnect: Bool = true
    ) -> Int {
        var closed = 0
        for connection in registry.all().values where predicate(connection.principal) {
            connection.close(error: error, allowReconnect: allowReconnect)
            closed += 1
        }
        return closed
    }

    /// Drops every live connection's TCP connection without a close frame.
    public func abortAll() {
        for connection in registry.all().values { connection.abort() }
    }
}
