import Foundation

/// Issues and verifies the simulator's session tokens: HS256 JWTs carrying `sub`, `jti`, `iat`,
/// `exp`, `iss` and `aud`, valid for ``lifetime`` (24 h by default) against an injected wall
/// clock.
///
/// State per token lives here, so tokens can be revoked (logout), and every token can be
/// revoked or expired at once (fault injection). A new login never invalidates other tokens.
/// Tokens are never logged; use `TokenRedaction.token(_:)`.
public actor TokenAuthority {
    private struct Record {
        let claims: TokenClaims
        var revoked = false
        var forcedExpiry: Date?
    }

    private let codec: JWTCodec
    private let clock: WallClock
    private var records: [String: Record] = [:]
    private var watchers: [UUID: AsyncStream<TokenLifecycleEvent>.Continuation] = [:]

    /// Lifetime of newly issued tokens.
    public private(set) var lifetime: TimeInterval
    /// How long after `exp` ``validate(_:)`` still accepts a token (0 by default: an expired
    /// token gets 401 everywhere). Other endpoints never accept expired tokens.
    public private(set) var graceWindow: TimeInterval

    /// Creates an authority. A nil `secret` draws a random 32-byte key, so tokens of another
    /// simulator run never verify.
    public init(
        secret: [UInt8]? = nil, lifetime: TimeInterval = 86_400, graceWindow: TimeInterval = 0,
        clock: @escaping WallClock
    ) {
        var key = secret ?? []
        if key.isEmpty {
            var generator = SystemRandomNumberGenerator()
            key = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        }
        self.codec = JWTCodec(secret: key)
        self.clock = clock
        self.lifetime = max(1, lifetime)
        self.graceWindow = max(0, graceWindow)
    }

    /// Issues a new token for `userName`.
    public func issue(for userName: String) -> IssuedToken {
        let now = clock()
        let issuedAt = Int(now.timeIntervalSince1970.rounded(.down))
        let claims = TokenClaims(
            sub: userName, jti: UUID().uuidString.lowercased(), iat: issuedAt,
            exp: issuedAt + Int(lifetime.rounded(.up)), iss: "projectx-gateway-simulator", aud: "projectx-gateway"
        )
        records[claims.jti] = Record(claims: claims)
        // Encoding a struct of strings and integers cannot fail; a failure would be a bug.
        let token = (try? codec.sign(claims)) ?? ""
        return IssuedToken(token: token, claims: claims)
    }

    /// Verifies signature, registration, revocation and expiry. `allowGrace` accepts tokens
    /// expired less than ``graceWindow`` ago (used by `Auth/validate` only).
    public func verify(_ token: String?, allowGrace: Bool = false) -> TokenVerification {
        guard let token, !token.isEmpty else { return .rejected(.missing) }
        let claims: TokenClaims
        switch codec.verify(token) {
        case .failure(let rejection): return .rejected(rejection)
        case .success(let decoded): claims = decoded
        }
        guard let record = records[claims.jti], record.claims == claims else { return .rejected(.revoked) }
        if record.revoked { return .rejected(.revoked) }
        let expiry = effectiveExpiry(record)
        let now = clock()
        let grace = allowGrace ? graceWindow : 0
        if now >= expiry.addingTimeInterval(grace) { return .rejected(.expired(at: expiry)) }
        return .valid(claims)
    }

    /// `Auth/validate`: a still-valid token (grace window allowed) gets a new token; the old
    /// one stays valid until its own expiry.
    public func validate(_ token: String?) -> Result<IssuedToken, TokenRejection> {
        switch verify(token, allowGrace: true) {
        case .rejected(let rejection): return .failure(rejection)
        case .valid(let claims): return .success(issue(for: claims.sub))
        }
    }

    /// Revokes one token (logout). Returns false when it was not a live token of this authority.
    @discardableResult
    public func revoke(_ token: String) -> Bool {
        guard case .success(let claims) = codec.verify(token), var record = records[claims.jti], !record.revoked else {
            return false
        }
        record.revoked = true
        records[claims.jti] = record
        broadcast(.revoked(tokenID: claims.jti, userName: claims.sub))
        return true
    }

    /// Fault: every token issued so far is revoked now.
    public func revokeAll() {
        for key in records.keys { records[key]?.revoked = true }
        broadcast(.allRevoked)
    }

    /// Fault: every token issued so far expires now (new logins get fresh tokens).
    public func expireAll() {
        let now = clock()
        for key in records.keys where records[key]?.forcedExpiry == nil {
            records[key]?.forcedExpiry = now
        }
        broadcast(.allExpired)
    }

    /// Sets the lifetime of tokens issued from now on (fault: short token lifetime).
    public func setLifetime(_ seconds: TimeInterval) {
        lifetime = max(1, seconds)
    }

    /// Sets the grace window of `validate`.
    public func setGraceWindow(_ seconds: TimeInterval) {
        graceWindow = max(0, seconds)
    }

    /// When a live token stops being accepted (its `exp`, or earlier if expired by fault), or
    /// nil for a token that is not live. Hubs schedule the closing of connections with it.
    public func expiry(of token: String) -> Date? {
        guard case .valid(let claims) = verify(token), let record = records[claims.jti] else { return nil }
        return effectiveExpiry(record)
    }

    /// Forced token ends (revocations, fault-injected expiry) as they happen.
    public func lifecycleEvents() -> AsyncStream<TokenLifecycleEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: TokenLifecycleEvent.self, bufferingPolicy: .bufferingNewest(256))
        let id = UUID()
        watchers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.removeWatcher(id) }
        }
        return stream
    }

    /// Number of tokens issued and not revoked (expired ones included).
    public var liveTokenCount: Int { records.values.filter { !$0.revoked }.count }

    private func removeWatcher(_ id: UUID) {
        watchers[id] = nil
    }

    private func effectiveExpiry(_ record: Record) -> Date {
        let exp = record.claims.expiresAt
        guard let forced = record.forcedExpiry else { return exp }
        return min(exp, forced)
    }

    private func broadcast(_ event: TokenLifecycleEvent) {
        for continuation in watchers.values { continuation.yield(event) }
    }
}
