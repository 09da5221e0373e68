import Hummingbird
import NIOConcurrencyHelpers

/// The hub's verdict on a WebSocket upgrade request.
enum UpgradeAdmission: Sendable {
    case accept(ConnectionSeed)
    case reject(HTTPResponse.Status)
}

extension HubServer {
    /// Runs the authentication hook, or accepts everyone anonymously without one.
    func authenticate(_ request: HubAuthenticationRequest) async -> AuthenticationResult {
        guard let authenticator else { return .accept(.anonymous) }
        return await authenticator(request)
    }

    /// Decides a WebSocket upgrade at `{hub}?id=...` (reference §1.5): refusal fault, then
    /// authentication (`401`/`403`), then the id: unknown or expired `404`, already connected `409`,
    /// another user `403`; no id opens a fresh connection (skipped negotiation).
    func admitUpgrade(_ request: HubAuthenticationRequest) async -> UpgradeAdmission {
        if let status = faults.withLockedValue({ $0.takeRefusal() }) {
            logger.debug("Refusing an upgrade (fault)", metadata: ["status": .stringConvertible(status.code)])
            return .reject(status)
        }
        let principal: HubPrincipal
        switch await authenticate(request) {
        case .reject(let status):
            logger.debug("Upgrade rejected by authentication", metadata: ["status": .stringConvertible(status.code)])
            return .reject(status)
        case .accept(let accepted):
            principal = accepted
        }
        guard let id = request.query["id"], !id.isEmpty else {
            let seed = ConnectionSeed(connectionId: ConnectionIDGenerator.make(), transportId: ConnectionIDGenerator.make(), principal: principal)
            registry.claimFresh(transportId: seed.transportId)
            return .accept(seed)
        }
        switch registry.claim(transportId: id, user: principal.user, now: .now, timeout: configuration.negotiationTimeout) {
        case .claimed(let pending):
            return .accept(ConnectionSeed(connectionId: pending.connectionId, transportId: id, principal: principal))
        case .unknown:
            return .reject(.notFound)
        case .alreadyActive:
            return .reject(.conflict)
        case .differentUser:
            return .reject(.forbidden)
        }
    }

    /// Frees the id of an admitted upgrade whose socket never started.
    func releaseUnusedSeed(_ seed: ConnectionSeed) {
        registry.release(transportId: seed.transportId)
    }
}
