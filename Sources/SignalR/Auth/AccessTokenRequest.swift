/// Why and for which request a ``HubConnection`` asks its access-token provider for a token.
///
/// The provider is asked on every negotiate and every WebSocket connect, reconnects included;
/// the connection never keeps a token between attempts. After the server refused a token (HTTP
/// 401/403) the next request's reason is ``Reason/authenticationFailure(status:phase:)``: the
/// provider should then refresh instead of returning a cached token.
///
/// ```swift
/// let options = HubConnectionOptions(accessTokenProvider: { request in
///     try await tokens.validToken(forceRefresh: request.reason.isAuthenticationFailure)
/// })
/// ```
public struct AccessTokenRequest: Sendable, Hashable, CustomStringConvertible {
    /// Why the connection is connecting.
    public enum Reason: Sendable, Hashable, CustomStringConvertible {
        /// The first attempt of ``HubConnection/start()``.
        case initialConnect
        /// An automatic reconnect after the connection was lost.
        case reconnect
        /// The previous attempt's token was refused with `status` at `phase`; return a fresh one.
        case authenticationFailure(status: Int, phase: ConnectPhase)

        /// Whether the previous token was refused, so a cached token must not be returned.
        public var isAuthenticationFailure: Bool {
            if case .authenticationFailure = self { return true }
            return false
        }

        public var description: String {
            switch self {
            case .initialConnect: "initial connect"
            case .reconnect: "reconnect"
            case .authenticationFailure(let status, let phase): "authentication failure (HTTP \(status) at \(phase))"
            }
        }
    }

    /// Why the connection is connecting. Within one attempt only the first request carries
    /// ``Reason/authenticationFailure(status:phase:)``; later requests of the same attempt carry
    /// ``Reason/initialConnect`` or ``Reason/reconnect``, so a provider refreshes once per refusal.
    public var reason: Reason
    /// The request the token is for: ``ConnectPhase/negotiate`` or ``ConnectPhase/webSocketUpgrade``.
    public var phase: ConnectPhase
    /// The number of the connection attempt, counted from 1 within one start or one reconnect
    /// sequence (immediate retries after an authentication failure included).
    public var attempt: Int

    public init(reason: Reason, phase: ConnectPhase, attempt: Int) {
        self.reason = reason
        self.phase = phase
        self.attempt = attempt
    }

    public var description: String { "token for \(phase), attempt \(attempt), reason: \(reason)" }
}

/// Supplies the access token for one request; `nil` means "send no token".
///
/// Called on every negotiate and every WebSocket connect. It may suspend (to refresh a token) and
/// may throw, which fails the attempt with ``SignalRError/accessTokenProviderFailed(_:)``.
public typealias AccessTokenProvider = @Sendable (AccessTokenRequest) async throws -> String?
