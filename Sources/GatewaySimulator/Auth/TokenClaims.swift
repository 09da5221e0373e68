import Foundation

/// The claims of a simulator JWT.
public struct TokenClaims: Codable, Sendable, Equatable {
    /// Subject: the user name the token was issued to.
    public var sub: String
    /// Unique token id.
    public var jti: String
    /// Issued at, seconds since 1970.
    public var iat: Int
    /// Expiry, seconds since 1970.
    public var exp: Int
    /// Issuer.
    public var iss: String
    /// Audience.
    public var aud: String

    /// The user name.
    public var userName: String { sub }
    /// The token id.
    public var tokenID: String { jti }
    /// `exp` as a date.
    public var expiresAt: Date { Date(timeIntervalSince1970: TimeInterval(exp)) }
    /// `iat` as a date.
    public var issuedAt: Date { Date(timeIntervalSince1970: TimeInterval(iat)) }
}

/// Why a token was refused. Every rejection is an HTTP 401 at REST, negotiate and upgrade.
public enum TokenRejection: Error, Sendable, Equatable, CustomStringConvertible {
    /// No token was sent.
    case missing
    /// Not a 3-part JWT, undecodable segments, wrong header or claims.
    case malformed
    /// The HS256 signature does not verify.
    case badSignature
    /// `exp` has passed (or every token was expired by fault injection).
    case expired(at: Date)
    /// Logged out, revoked, or unknown to this simulator.
    case revoked

    public var description: String {
        switch self {
        case .missing: "missing"
        case .malformed: "malformed"
        case .badSignature: "bad signature"
        case .expired(let date): "expired at \(ISOTimestamp.format(date, fractionalDigits: 0))"
        case .revoked: "revoked"
        }
    }
}

/// The outcome of verifying a token.
public enum TokenVerification: Sendable, Equatable {
    case valid(TokenClaims)
    case rejected(TokenRejection)

    /// The claims of a valid token.
    public var claims: TokenClaims? {
        if case .valid(let claims) = self { return claims }
        return nil
    }
}

/// A freshly issued token.
public struct IssuedToken: Sendable {
    /// The compact JWT. Never log it; see `TokenRedaction`.
    public let token: String
    /// Its claims.
    public let claims: TokenClaims
}

/// Forced ends of tokens, for hubs holding connections opened with them. Natural expiry is not
/// announced: schedule it with ``TokenAuthority/expiry(of:)``.
public enum TokenLifecycleEvent: Sendable, Equatable {
    /// One token was revoked (logout).
    case revoked(tokenID: String, userName: String)
    /// Every token issued so far was revoked (fault injection).
    case allRevoked
    /// Every token issued so far was expired (fault injection).
    case allExpired
}
