import Logging
import NIOCore
import SignalRProtocol
import NIOConcurrencyHelpers

/// One client connected to a hub: its ids, principal and groups, and the controls to send to it,
/// close it, or inject faults into it. Safe to use from any task.
///
/// ```swift
/// hub.onConnected { connection in
///     connection.addToGroup("accounts:\(accountId)")
/// }
/// connection.send("GatewayUserOrder", [try RawJSON(encoding: order)])
/// connection.close(error: "Maintenance", allowReconnect: true)
/// ```
public final class HubConnectionContext: Sendable {
    /// The public id (`connectionId` of negotiate), which other code addresses this connection by.
    public let connectionId: String
    /// Who authenticated the connection (``HubPrincipal/anonymous`` without an authentication hook).
    public let principal: HubPrincipal
    /// The hub this connection belongs to.
    public let hub: HubServer

    let transportId: String
    let outbound: ConnectionOutbound
    let state: NIOLockedValueBox<SessionState>
    let logger: Logger

    init(hub: HubServer, seed: ConnectionSeed, outbound: ConnectionOutbound, now: ContinuousClock.Instant) {
        self.hub = hub
        self.connectionId = seed.connectionId
        self.transportId = seed.transportId
        self.principal = seed.principal
        self.outbound = outbound
        self.state = NIOLockedValueBox(SessionState(configuration: hub.configuration, now: now))
        var logger = hub.logger
        logger[metadataKey: "signalr.connection"] = .string(seed.connectionId)
        self.logger = logger
    }

    // MARK: Sending

    /// Sends an event (an Invocation without `invocationId`). Returns `false` when the connection
    /// is silent, closing, or was closed as a slow consumer.
    @discardableResult
    public func send(_ target: String, _ arguments: [RawJSON]) -> Bool {
        outbound.send(.invocation(target, arguments))
    }

    /// Sends a message encoded beforehand.
    @discardableResult
    public func send(_ message: EncodedHubMessage) -> Bool {
        outbound.send(message)
    }

    // MARK: Groups

    /// The groups this connection is in.
    public var groups: Set<String> { hub.registry.groups(of: connectionId) }

    /// Adds the connection to `group`. Returns `false` when the connection is no longer live.
    @discardableResult
    public func addToGroup(_ group: String) -> Bool {
        hub.registry.addToGroup(connectionId: connectionId, group: group)
    }

    /// Removes the connection from `group`. Returns whether it was a member.
    @discardableResult
    public func removeFromGroup(_ group: String) -> Bool {
        hub.registry.removeFromGroup(connectionId: connectionId, group: group)
    }

    // MARK: State

    /// Whether the handshake is done and the connection is not closing.
    public var isConnected: Bool { state.withLockedValue { $0.lifecycle.isConnected } }

    /// The connection's framing mode (normally ``HubFraming/normal``).
    public var framing: HubFraming { outbound.framing }

    /// Whether the connection is silent (sends nothing, not even Pings).
    public var isSilent: Bool { outbound.isSilent }

    // MARK: Closing and faults

    /// Closes gracefully: sends a Close message (`{"type":7}`, with `error` and
    /// `"allowReconnect":true` when given), then a WebSocket close frame; the socket is dropped if
    /// the client does not complete the close within the close timeout.
    public func close(error: String? = nil, allowReconnect: Bool = false) {
        close(with: CloseMessage(error: error, allowReconnect: allowReconnect))
    }

    /// Drops the TCP connection at once, without a Close message or close frame.
    public func abort() {
        let first = state.withLockedValue { $0.lifecycle.beginClosing(now: .now) }
        if first { logger.debug("Aborting the connection") }
        outbound.abort()
    }

    /// Sends nothing more (no events, no Completions, no Pings) while keeping the socket open, or
    /// resumes. Messages sent while silent are dropped, not delayed.
    public func setSilent(_ silent: Bool) {
        outbound.setSilent(silent)
    }

    /// Changes how messages are put into WebSocket frames from now on.
    public func setFraming(_ framing: HubFraming) {
        outbound.setFraming(framing)
    }

    /// Sends an event whose encoded message is exactly `totalBytes` long (one string argument of
    /// `x`s), to test a client's receive buffer.
    @discardableResult
    public func sendPadded(totalBytes: Int, target: String = "LargeMessage") -> Bool {
        outbound.send(.padded(target: target, totalBytes: totalBytes))
    }

    // MARK: Internal closing

    /// Starts closing with an optional Close message. Returns `false` when already closing.
    @discardableResult
    func close(with message: CloseMessage?, reason: (any Error)? = nil, discardPending: Bool = false) -> Bool {
        let first = state.withLockedValue { state in
            guard state.lifecycle.beginClosing(now: .now) else { return false }
            state.closeError = reason
            return true
        }
        guard first else { return false }
        if let reason {
            logger.debug("Closing the connection", metadata: ["reason": .string("\(reason)")])
        }
        outbound.close(with: message.map { EncodedHubMessage(.close($0)) }, discardPending: discardPending)
        return true
    }

    /// Closes after a server-side failure with the ASP.NET Core error Close message.
    func closeWithError(_ reason: HubConnectionError, detail: String? = nil) {
        var text = HubErrorText.connectionClosedWithError
        if hub.configuration.enableDetailedErrors, let detail { text += " " + detail }
        close(with: CloseMessage(error: text, allowReconnect: true), reason: reason)
    }

    /// Refuses the handshake with `error` and closes.
    func failHandshake(_ error: String) {
        let first = state.withLockedValue { state in
            guard state.lifecycle.beginClosing(now: .now) else { return false }
            state.closeError = HubConnectionError.handshakeFailed(error)
            return true
        }
        guard first else { return }
        logger.debug("Handshake failed", metadata: ["error": .string(error)])
        outbound.close(with: EncodedHubMessage(payloadBytes: HandshakeResponse(error: error).encoded()))
    }
}
