import Foundation

/// The timings and limits of a ``HubServer``; the defaults are ASP.NET Core's.
///
/// Tests shorten the intervals instead of sleeping for the real ones:
///
/// ```swift
/// var configuration = HubServerConfiguration()
/// configuration.keepAliveInterval = .milliseconds(200)
/// configuration.clientTimeoutInterval = .milliseconds(600)
/// configuration.tickInterval = .milliseconds(50)
/// ```
public struct HubServerConfiguration: Sendable {
    /// A Ping is sent when nothing was sent for this long (`HubOptions.KeepAliveInterval`).
    public var keepAliveInterval: Duration = .seconds(15)
    /// A client that pinged at least once and then sends nothing for this long is closed with
    /// `{"type":7,"error":"Connection closed with an error.","allowReconnect":true}`
    /// (`HubOptions.ClientTimeoutInterval`).
    public var clientTimeoutInterval: Duration = .seconds(30)
    /// The handshake must arrive within this (`HubOptions.HandshakeTimeout`).
    public var handshakeTimeout: Duration = .seconds(15)
    /// How often keep-alive, client timeout, handshake timeout and token expiry are checked.
    public var tickInterval: Duration = .seconds(1)
    /// A negotiated connection whose WebSocket does not arrive within this is forgotten, and its
    /// token then gets `404` (`HttpConnectionDispatcherOptions.DisconnectTimeout`-like).
    public var negotiationTimeout: Duration = .seconds(15)
    /// After sending a close frame, the socket is dropped if the client has not closed it within
    /// this (`WebSocketOptions.CloseTimeout`).
    public var closeTimeout: Duration = .seconds(5)
    /// The largest hub message accepted from a client (`HubOptions.MaximumReceiveMessageSize`);
    /// `nil` for no limit. A larger one closes the connection.
    public var maximumReceiveMessageSize: Int? = 32 * 1024
    /// The most bytes that may wait for a slow client. Sends never block: while the socket is not
    /// writable, messages wait; past this limit the waiting messages are discarded and the client
    /// gets `{"type":7,"error":"Connection closed with an error.","allowReconnect":true}` and a
    /// close frame (its socket is dropped after `closeTimeout` if it does not answer), and
    /// `onDisconnected` sees ``HubConnectionError/slowConsumer``. A single message larger than the
    /// limit is accepted when nothing else waits.
    public var maximumQueuedBytes: Int = 4 << 20
    /// Add the error's type and text to Completion and Close errors (`EnableDetailedErrors`).
    public var enableDetailedErrors = false
    /// Close connections when their principal's `expiresAt` passes, with
    /// `{"type":7,"allowReconnect":true}` (`CloseOnAuthenticationExpiration`).
    public var closeOnAuthenticationExpiration = false
    /// The wall clock the token expiry is compared with; inject one to move time in tests.
    public var now: @Sendable () -> Date = { Date() }

    public init() {}

    /// The WebSocket layer's limit on one inbound frame or reassembled message: generous, so that
    /// an oversized hub message is refused by the hub with the SignalR error rather than by the
    /// WebSocket layer.
    var maximumFrameSize: Int {
        let hubLimit = maximumReceiveMessageSize ?? (16 << 20)
        return min(Int(UInt32.max), max(1 << 20, hubLimit.multipliedReportingOverflow(by: 4).partialValue))
    }
}
