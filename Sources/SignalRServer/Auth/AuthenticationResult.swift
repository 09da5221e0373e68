import Hummingbird

/// The authentication hook's verdict on a negotiate or upgrade request.
///
/// A rejected upgrade is answered with a real HTTP response with that status (no `101`), so the
/// client sees the status. A `401` carries `WWW-Authenticate: Bearer`.
///
/// ```swift
/// let authenticator: HubAuthenticator = { request in
///     guard request.accessToken == expected else { return .reject(.unauthorized) }
///     return .accept(HubPrincipal(user: "trader-1", accessToken: request.accessToken))
/// }
/// ```
public enum AuthenticationResult: Sendable, Hashable {
    /// Let the request through; the principal is stored on the connection.
    case accept(HubPrincipal)
    /// Refuse the request with `status`, typically `.unauthorized` or `.forbidden`.
    case reject(HTTPResponse.Status)
}

/// The authentication hook, called on every negotiate and every WebSocket upgrade.
public typealias HubAuthenticator = @Sendable (HubAuthenticationRequest) async -> AuthenticationResult
