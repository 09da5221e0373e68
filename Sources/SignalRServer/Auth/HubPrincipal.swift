import Foundation

/// Who a connection belongs to, as the authentication hook accepted it. Stored on the connection.
///
/// `description`, `debugDescription` and its mirror (`dump`) redact the token, so a principal can
/// be logged.
///
/// ```swift
/// .accept(HubPrincipal(user: "trader-1", accessToken: token, expiresAt: expiry))
/// ```
public struct HubPrincipal: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The user name or id; connections of one negotiation must keep the same user.
    public var user: String?
    /// The token the connection was authenticated with. Secret: never log it.
    public var accessToken: String?
    /// When the token expires. With `closeOnAuthenticationExpiration` the hub closes the
    /// connection at this instant with `{"type":7,"allowReconnect":true}`.
    public var expiresAt: Date?
    /// Any further claims the application wants to keep with the connection.
    public var claims: [String: String]

    public init(user: String? = nil, accessToken: String? = nil, expiresAt: Date? = nil, claims: [String: String] = [:]) {
        self.user = user
        self.accessToken = accessToken
        self.expiresAt = expiresAt
        self.claims = claims
    }

    /// An unauthenticated principal, used when the hub has no authentication hook.
    public static let anonymous = HubPrincipal()

    public var description: String {
        let token = accessToken == nil ? "none" : "<redacted>"
        let expiry = expiresAt.map { "\($0.timeIntervalSince1970)" } ?? "none"
        return "HubPrincipal(user: \(user ?? "none"), accessToken: \(token), expiresAt: \(expiry))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "user": user as Any,
                "accessToken": (accessToken == nil ? "none" : "<redacted>") as Any,
                "expiresAt": expiresAt as Any,
                "claims": claims as Any,
            ],
            displayStyle: .struct
        )
    }
}
