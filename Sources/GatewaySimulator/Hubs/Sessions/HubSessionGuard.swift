import Logging
import SignalRProtocol
import SignalRServer

/// Ends hub connections whose token stopped being valid before its `exp`: revoked by
/// `Auth/logout`, by the revoke-all fault, or expired by the expire-all fault. (A token reaching
/// its `exp` is handled by each hub's own expiry check, `closeOnAuthenticationExpiration`.)
///
/// On every ``TokenLifecycleEvent`` (and once when it starts, for anything that happened before
/// it listened) the guard verifies the token of every live connection of both hubs:
/// - **revoked**: it sends `GatewayLogout` with one string argument, ``logoutReason``, then
///   `{"type":7,"allowReconnect":true}` and a close frame. A reconnect with the same token then
///   gets 401, so a client must log in again.
/// - **expired**: `{"type":7,"allowReconnect":true}` and a close frame, nothing else, exactly as
///   ASP.NET Core's `CloseOnAuthenticationExpiration` does.
///
/// ```swift
/// let guard = HubSessionGuard(core: core, hubs: [market.server, user.server], logger: logger)
/// for await event in await core.tokens.lifecycleEvents() { await guard.sweep(after: event) }
/// ```
struct HubSessionGuard: Sendable {
    /// The argument of `GatewayLogout`. The gateway's payload is undocumented (project-x-py only
    /// registers a handler so the event is not reported as unhandled); the simulator sends one
    /// human-readable string.
    static let logoutReason = "The session was logged out or revoked. Log in again to get a new token."

    let core: SimulatorCore
    let hubs: [HubServer]
    let logger: Logger

    /// Verifies every live connection's token and ends those no longer valid.
    func sweep(after event: TokenLifecycleEvent? = nil) async {
        var loggedOut = 0
        var expired = 0
        for hub in hubs {
            for connection in hub.connections {
                guard let token = connection.principal.accessToken else { continue }
                switch await core.tokens.verify(token) {
                case .valid:
                    continue
                case .rejected(.revoked):
                    Self.logOut(connection, faults: core.faults)
                    loggedOut += 1
                case .rejected:
                    connection.close(error: nil, allowReconnect: true)
                    expired += 1
                }
            }
        }
        if loggedOut + expired > 0 {
            logger.info("Closed hub connections after \(event.map { "\($0)" } ?? "a token check"): \(loggedOut) logged out, \(expired) expired")
        }
    }

    /// `GatewayLogout(reason)`, then Close with `allowReconnect`.
    static func logOut(_ connection: HubConnectionContext, faults: FaultInjector) {
        FramingSwitch.sync(connection, faults: faults)
        connection.send("GatewayLogout", [logoutArgument])
        connection.close(error: nil, allowReconnect: true)
    }

    private static let logoutArgument = HubJSONWriter.stringValue(logoutReason)
}
