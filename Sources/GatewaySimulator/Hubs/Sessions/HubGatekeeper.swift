import Foundation
import Logging
import SignalRServer

/// The hubs' authentication hook: the gateway's rules for negotiate and the WebSocket upgrade.
///
/// 1. At the upgrade, the refusal fault (``FaultInjector/consumeUpgradeRefusal()``) answers 401
///    before anything else.
/// 2. The token comes from the `access_token` query parameter, else `Authorization: Bearer`.
/// 3. A missing, malformed, badly signed, expired, logged-out or revoked token is answered 401
///    (with `WWW-Authenticate: Bearer`), at negotiate and at the upgrade alike.
/// 4. An accepted connection's principal carries the user, the token, its expiry (the hub closes
///    the connection then) and the token id (`claims["jti"]`, to find it when it is revoked).
///
/// Tokens are never logged; see ``TokenRedaction``.
///
/// ```swift
/// let hub = HubServer(name: "market", authenticator: HubGatekeeper(core: core, hub: "market").authenticator)
/// ```
struct HubGatekeeper: Sendable {
    let core: SimulatorCore
    let hub: String
    let logger: Logger

    init(core: SimulatorCore, hub: String, logger: Logger) {
        self.core = core
        self.hub = hub
        self.logger = logger
    }

    /// The hook for `HubServer`.
    var authenticator: HubAuthenticator {
        { request in await authenticate(request) }
    }

    /// The principal's claim holding the token id.
    static let tokenIdClaim = "jti"

    func authenticate(_ request: HubAuthenticationRequest) async -> AuthenticationResult {
        let phase = request.phase == .negotiate ? "negotiate" : "upgrade"
        if request.phase == .upgrade, core.faults.consumeUpgradeRefusal() {
            logger.info("401 at the \(hub) hub upgrade (refused-upgrade fault)")
            return .reject(.unauthorized)
        }
        let token = request.accessToken
        switch await core.verify(token: token) {
        case .rejected(let rejection):
            logger.debug(
                "401 at the \(hub) hub \(phase): \(rejection)",
                metadata: ["token": .string(token.map(TokenRedaction.token) ?? "none")]
            )
            return .reject(.unauthorized)
        case .valid(let claims):
            guard let token else { return .reject(.unauthorized) }
            let expiry = await core.tokens.expiry(of: token) ?? claims.expiresAt
            return .accept(HubPrincipal(
                user: claims.sub, accessToken: token, expiresAt: expiry, claims: [Self.tokenIdClaim: claims.jti]
            ))
        }
    }
}
