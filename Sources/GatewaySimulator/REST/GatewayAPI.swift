import Foundation
import Hummingbird
import Logging

/// The REST API under `/api`, registered on any router whose context knows its peer.
///
/// Order of checks for authenticated endpoints: token (401), forced 429 burst, rate limit
/// (429 with `Retry-After`), body binding (400 ProblemDetails), then the endpoint's business
/// rules (HTTP 200 with `success:false`).
public struct GatewayAPI<Context: PeerAwareRequestContext>: Sendable {
    /// The simulator's parts.
    public let core: SimulatorCore

    /// Creates the API over `core`.
    public init(core: SimulatorCore) { self.core = core }

    /// An authenticated caller.
    struct Session: Sendable {
        let claims: TokenClaims
        let token: String
        var userName: String { claims.sub }
    }

    typealias Handler = @Sendable (Request, Context) async throws -> Response

    /// Registers every endpoint on `router`.
    public func register(on router: Router<Context>) {
        registerAuth(on: router)
        registerAccounts(on: router)
        registerContracts(on: router)
        registerHistory(on: router)
        registerOrders(on: router)
        registerPositions(on: router)
        registerTrades(on: router)
        router.get("/api/Status/ping") { _, _ in WireResponse.text("pong") }
    }

    // MARK: Gates

    /// The bearer token from `Authorization: Bearer` or the `access_token` query parameter.
    static func bearerToken(of request: Request) -> String? {
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        if let query = request.uri.queryParameters["access_token"], !query.isEmpty {
            return String(query)
        }
        return nil
    }

    /// 401 / 429 gate of authenticated endpoints.
    func authenticate(_ request: Request, bucket: RateLimitBucket, allowGrace: Bool = false) async -> Result<Session, ResponseFailure> {
        let token = GatewayAPI.bearerToken(of: request)
        let verification = await core.tokens.verify(token, allowGrace: allowGrace)
        guard case .valid(let claims) = verification, let token else {
            if case .rejected(let rejection) = verification {
                core.logger.debug("401 \(request.uri.path): \(rejection)", metadata: ["token": .string(token.map(TokenRedaction.token) ?? "none")])
                return .failure(ResponseFailure(WireResponse.unauthorized(rejection)))
            }
            return .failure(ResponseFailure(WireResponse.unauthorized(.missing)))
        }
        if let failure = rateGate(bucket: bucket, key: "token:" + claims.jti) { return .failure(failure) }
        return .success(Session(claims: claims, token: token))
    }

    /// 429 gate for unauthenticated endpoints (logins), keyed by peer address.
    func anonymousGate(_ context: Context) -> ResponseFailure? {
        rateGate(bucket: .general, key: "peer:" + (context.peerAddress?.ipAddress ?? "unknown"))
    }

    private func rateGate(bucket: RateLimitBucket, key: String) -> ResponseFailure? {
        if let retryAfter = core.faults.consumeForcedRateLimit() {
            return ResponseFailure(WireResponse.tooManyRequests(retryAfter: retryAfter))
        }
        if case .limited(let retryAfter) = core.rateLimiter.acquire(bucket: bucket, key: key, now: core.clock()) {
            return ResponseFailure(WireResponse.tooManyRequests(retryAfter: retryAfter))
        }
        return nil
    }

    // MARK: Handler builders

    /// An authenticated endpoint with a JSON body.
    func authenticated<Body: Decodable & Sendable>(
        _ body: Body.Type, bucket: RateLimitBucket = .general,
        _ handler: @escaping @Sendable (Session, Body) async -> Response
    ) -> Handler {
        { request, _ in
            switch await authenticate(request, bucket: bucket) {
            case .failure(let failure): return failure.response
            case .success(let session):
                switch await BodyBinding.bind(Body.self, from: request) {
                case .failure(let failure): return failure.response
                case .success(let value): return await handler(session, value)
                }
            }
        }
    }

    /// An authenticated write of `kind` with a JSON body: like ``authenticated(_:bucket:_:)``,
    /// and subject to the lost-response faults (``FaultInjector/loseResponses(of:mode:count:hangSeconds:)``),
    /// which act after the token, rate-limit and binding checks, where the real gateway would
    /// start executing.
    func authenticatedWrite<Body: Decodable & Sendable>(
        _ kind: WriteKind, _ body: Body.Type, _ handler: @escaping @Sendable (Session, Body) async -> Response
    ) -> Handler {
        { request, context in
            switch await authenticate(request, bucket: .general) {
            case .failure(let failure): return failure.response
            case .success(let session):
                switch await BodyBinding.bind(Body.self, from: request) {
                case .failure(let failure): return failure.response
                case .success(let value):
                    guard let fault = core.faults.consumeLostResponse(for: kind) else { return await handler(session, value) }
                    let loss = ResponseLoss(fault: fault, kind: kind, connection: context.connection, logger: core.logger)
                    return await loss.perform { await handler(session, value) }
                }
            }
        }
    }

    /// An unauthenticated endpoint with a JSON body (the logins).
    func anonymous<Body: Decodable & Sendable>(
        _ body: Body.Type, _ handler: @escaping @Sendable (Body) async -> Response
    ) -> Handler {
        { request, context in
            if let failure = anonymousGate(context) { return failure.response }
            switch await BodyBinding.bind(Body.self, from: request) {
            case .failure(let failure): return failure.response
            case .success(let value): return await handler(value)
            }
        }
    }
}
