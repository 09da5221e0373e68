/// Everything that can go wrong with a ``HubConnection``.
///
/// Every error reaches the caller that is waiting for it (``HubConnection/start()``, an
/// invocation, a stream), the connection's state stream (``HubConnectionState``) and the log.
/// Descriptions never contain an access token: URLs are shown with `access_token` and `id`
/// redacted.
///
/// ```swift
/// do {
///     try await connection.start()
/// } catch let error as SignalRError where error.isAuthenticationFailure {
///     // 401/403 even after asking the token provider for a fresh token.
///     print("token refused at \(error.authenticationFailure!.phase)")
/// }
/// ```
public indirect enum SignalRError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The server answered 401 or 403 at negotiate or at the WebSocket upgrade: the token was
    /// refused. The connection asks the token provider again (reason
    /// ``AccessTokenRequest/Reason/authenticationFailure(status:phase:)``) and retries at once.
    case authenticationFailed(status: Int, phase: ConnectPhase)
    /// Another unexpected HTTP status at negotiate or at the WebSocket upgrade.
    case httpStatus(status: Int, phase: ConnectPhase, detail: String?)
    /// Negotiate failed without an HTTP error status: an `{"error":...}` answer, an unreadable
    /// body, an old ASP.NET SignalR server, too many redirects, or no WebSocket transport offered.
    case negotiateFailed(String)
    /// The network connection could not be made or broke during the attempt (DNS, refused, TLS).
    case transportFailed(phase: ConnectPhase, detail: String)
    /// Connecting (TCP, TLS and the upgrade, or negotiate) took longer than allowed.
    case connectTimeout(phase: ConnectPhase)
    /// The server refused the SignalR handshake with this error.
    case handshakeRejected(String)
    /// No handshake response arrived in time.
    case handshakeTimeout
    /// The transport closed before the handshake completed.
    case closedDuringHandshake
    /// Nothing arrived from the server for the server timeout.
    case serverTimeout
    /// The server sent a Close message. `error` is the server's text, if any.
    case closedByServer(error: String?, allowReconnect: Bool)
    /// The WebSocket closed without a SignalR Close message: a close frame with this code
    /// (`nil` when the TCP connection simply ended).
    case connectionClosed(code: Int?, reason: String?)
    /// The peer violated the SignalR or WebSocket protocol, or sent a message over the size limit.
    case protocolViolation(String)
    /// The hub method failed; the text is the server's Completion error.
    case invocationFailed(method: String, message: String)
    /// The server sent no Completion within `timeout` (``HubConnectionOptions/invocationTimeout``
    /// or the call's own). Nothing more is sent for the invocation and a late Completion is
    /// ignored; the server may still have carried it out.
    case invocationTimedOut(method: String, timeout: Duration)
    /// The connection ended while the invocation or stream was pending. It was not resent.
    case connectionLost(cause: SignalRError?)
    /// The invocation was attempted while the connection was not connected.
    case notConnected
    /// ``HubConnection/start()`` was called while the connection was not disconnected.
    case invalidState(String)
    /// ``HubConnection/stop()`` was called while the connection was starting.
    case stoppedDuringStart
    /// The access token provider threw.
    case accessTokenProviderFailed(String)
    /// A result, stream item or argument could not be decoded into the requested type.
    case decodingFailed(String)
    /// An argument could not be encoded as JSON.
    case encodingFailed(String)
    /// The hub URL cannot be used.
    case invalidURL(String)
    /// Automatic reconnect gave up: the retry policy returned `nil`.
    case reconnectAttemptsExhausted(attempts: Int, lastError: SignalRError)

    /// The status and phase when the server refused the access token (HTTP 401 or 403).
    public var authenticationFailure: (status: Int, phase: ConnectPhase)? {
        switch self {
        case .authenticationFailed(let status, let phase): (status, phase)
        case .reconnectAttemptsExhausted(_, let last): last.authenticationFailure
        default: nil
        }
    }

    /// Whether the server refused the access token (HTTP 401 or 403 at negotiate or upgrade).
    public var isAuthenticationFailure: Bool { authenticationFailure != nil }

    /// The HTTP status, when the failure was an HTTP answer.
    public var httpStatus: Int? {
        switch self {
        case .authenticationFailed(let status, _), .httpStatus(let status, _, _): status
        default: nil
        }
    }

    public var description: String {
        switch self {
        case .authenticationFailed(let status, let phase):
            "The server refused the access token (HTTP \(status)) at \(phase)."
        case .httpStatus(let status, let phase, let detail):
            "Unexpected HTTP status \(status) at \(phase)" + (detail.map { ": \($0)" } ?? ".")
        case .negotiateFailed(let message):
            "Failed to complete negotiation with the server: \(message)"
        case .transportFailed(let phase, let detail):
            "Connection failed at \(phase): \(detail)"
        case .connectTimeout(let phase):
            "Timed out connecting at \(phase)."
        case .handshakeRejected(let message):
            "Server returned handshake error: \(message)"
        case .handshakeTimeout:
            "Timed out waiting for the server to respond to the handshake message."
        case .closedDuringHandshake:
            "The underlying connection was closed before the hub handshake could complete."
        case .serverTimeout:
            "Server timeout elapsed without receiving a message from the server."
        case .closedByServer(let error, let allowReconnect):
            (error.map { "Server returned an error on close: \($0)" } ?? "The server closed the connection.")
                + (allowReconnect ? " (reconnect allowed)" : "")
        case .connectionClosed(let code, let reason):
            if let code {
                "WebSocket closed with status code: \(code) (\(reason.flatMap { $0.isEmpty ? nil : $0 } ?? "no reason given"))."
            } else {
                "The connection to the server was lost."
            }
        case .protocolViolation(let message):
            "Protocol violation: \(message)"
        case .invocationFailed(let method, let message):
            "Invocation of '\(method)' failed: \(message)"
        case .invocationTimedOut(let method, let timeout):
            "The server did not answer the invocation of '\(method)' within \(timeout.formattedSeconds); it may still carry it out."
        case .connectionLost(let cause):
            "Invocation canceled due to the underlying connection being closed"
                + (cause.map { ": \($0.description)" } ?? ".")
        case .notConnected:
            "Cannot send data if the connection is not in the 'Connected' State."
        case .invalidState(let message):
            message
        case .stoppedDuringStart:
            "The connection was stopped before it could be started."
        case .accessTokenProviderFailed(let message):
            "The access token provider failed: \(message)"
        case .decodingFailed(let message):
            "Decoding failed: \(message)"
        case .encodingFailed(let message):
            "Encoding failed: \(message)"
        case .invalidURL(let message):
            "Invalid hub URL: \(message)"
        case .reconnectAttemptsExhausted(let attempts, let lastError):
            "Reconnect retries have been exhausted after \(attempts) failed attempt(s); last error: \(lastError.description)"
        }
    }
}
