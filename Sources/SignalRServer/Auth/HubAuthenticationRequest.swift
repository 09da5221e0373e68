import Foundation

/// What the authentication hook sees of a negotiate or WebSocket upgrade request.
///
/// The access token may arrive as the `access_token` query parameter (browsers, the ProjectX
/// gateway) or as `Authorization: Bearer`; ``accessToken`` reads either. Never log it.
///
/// ```swift
/// let hub = HubServer(name: "user") { request in
///     guard let token = request.accessToken, let claims = authority.verify(token) else {
///         return .reject(.unauthorized)
///     }
///     return .accept(HubPrincipal(user: claims.user, accessToken: token, expiresAt: claims.expiry))
/// }
/// ```
public struct HubAuthenticationRequest: Sendable {
    /// Where in the connection's life the request happens.
    public enum Phase: Sendable, Hashable {
        /// `POST {hub}/negotiate`.
        case negotiate
        /// `GET {hub}` with `Upgrade: websocket`.
        case upgrade
    }

    public var phase: Phase
    /// The request method (`POST` or `GET`).
    public var method: String
    /// The request path, without the query.
    public var path: String
    /// The decoded query parameters (the first value of each name).
    public var query: [String: String]
    public var headers: HubRequestHeaders

    public init(phase: Phase, method: String, path: String, query: [String: String], headers: HubRequestHeaders) {
        self.phase = phase
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
    }

    /// The `access_token` query parameter, else the token of an `Authorization: Bearer` header.
    public var accessToken: String? {
        if let token = query["access_token"], !token.isEmpty { return token }
        return bearerToken
    }

    /// The token of an `Authorization: Bearer <token>` header.
    public var bearerToken: String? {
        guard let authorization = headers["authorization"] else { return nil }
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, String(parts[0]).caseInsensitiveEquals("bearer") else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
