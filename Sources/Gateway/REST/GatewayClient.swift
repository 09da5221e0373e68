import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// Typed access to every REST endpoint of the gateway.
///
/// Every call asks the ``TokenManager`` for a valid token. A 401 reports the token as refused,
/// refreshes it and retries once (the gateway refuses before executing anything, so even writes are
/// safe to resend). A 429 is waited out and retried for reads; writes surface it.
///
/// Writes (placing, modifying and cancelling orders, closing positions) are never sent twice.
/// After an ambiguous failure (a timeout, a reset connection, an unreadable or incomplete HTTP 200,
/// an HTTP 5xx) the client reads back what the write would have changed (the order by its
/// `customTag`, the order by id, the position) and returns the real outcome: executed (with
/// ``WriteConfirmation/readBack(failure:finding:)``), not executed
/// (``GatewayError/notExecuted(endpoint:reason:finding:)``), or, only when the look-up fails too,
/// ``GatewayError/outcomeUnknown(endpoint:reason:)``. See ``ReconciliationPolicy``.
///
/// ```swift
/// let client = GatewayClient(configuration: .topstepX(credentials: credentials))
/// let accounts = try await client.accounts()
/// let placed = try await client.placeOrder(.market(accountId: accounts[0].id, contractId: "CON.F.US.MES.U26", side: .buy, size: 1))
/// try await client.cancelOrder(accountId: accounts[0].id, orderId: placed.id)
/// ```
public final class GatewayClient: Sendable {
    public let configuration: GatewayConfiguration
    /// The token owner, shared with the hubs made from this client.
    public let tokens: TokenManager
    let http: GatewayHTTP
    private let limiter: RateLimiter
    private let metrics: GatewayMetrics
    let logger: Logger

    /// The HTTP client used when none is given: `HTTPClient.shared`'s settings, except that a
    /// connection that cannot be made fails at once. AsyncHTTPClient otherwise retries a refused
    /// connection until the request deadline, turning "the gateway is down" into a long hang.
    /// Like `HTTPClient.shared` it lives as long as the process.
    public static let defaultHTTPClient: HTTPClient = {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        // Never follow a redirect: AsyncHTTPClient would re-send the body (the login's API key
        // included) to wherever a 307/308 points, https to http allowed. A redirect surfaces as
        // an error naming the new address, for the user to configure it on purpose.
        configuration.redirectConfiguration = .disallow
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(10)
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    public init(configuration: GatewayConfiguration, httpClient: HTTPClient = GatewayClient.defaultHTTPClient, logger: Logger = Logger(label: "gateway.rest")) {
        self.configuration = configuration
        self.logger = logger
        let http = GatewayHTTP(client: httpClient, apiURL: configuration.apiURL, timeout: configuration.requestTimeout)
        self.http = http
        let metrics = GatewayMetrics(factory: configuration.metricsFactory)
        self.metrics = metrics
        self.tokens = TokenManager(
            source: GatewayAuthenticator(http: http, credentials: configuration.credentials),
            configuration: configuration.token,
            metrics: metrics,
            logger: Logger(label: "gateway.tokens")
        )
        self.limiter = RateLimiter(
            general: .init(requests: configuration.generalRateLimit.requests, window: configuration.generalRateLimit.window),
            history: .init(requests: configuration.historyRateLimit.requests, window: configuration.historyRateLimit.window)
        )
    }

    /// Calls `endpoint` with `body` and returns the payload field `payloadKey` (nil when the
    /// endpoint has none or the gateway omitted it).
    func call<Response: Decodable & Sendable>(
        _ endpoint: GatewayEndpoint,
        body: (some Encodable & Sendable)?,
        payload payloadKey: String?,
        as: Response.Type = Response.self
    ) async throws -> Response? {
        let bytes: ByteBuffer?
        do {
            bytes = try body.map { ByteBuffer(data: try GatewayJSON.encoder().encode($0)) }
        } catch {
            throw GatewayError.badRequest(endpoint: endpoint, detail: "the request could not be encoded: \(error)")
        }
        var refreshedAfterRejection = false
        var rateLimitedAttempts = 0
        var readRetries = 0
        while true {
            try await limiter.acquire(endpoint.rateLimitBucket)
            let token = try await tokens.validToken()
            let response: GatewayHTTP.Response
            do {
                response = try await http.post(endpoint.path, body: bytes, token: token)
            } catch {
                switch error {
                case .notSent(let reason):
                    throw GatewayError.unreachable(endpoint: endpoint, reason: reason)
                case .ambiguous(let reason):
                    guard endpoint.isRead, readRetries < 2 else {
                        if endpoint.isRead { throw GatewayError.unreachable(endpoint: endpoint, reason: reason) }
                        logger.error("A write failed ambiguously and was not retried.", metadata: ["endpoint": "\(endpoint)", "reason": "\(reason)"])
                        throw GatewayError.outcomeUnknown(endpoint: endpoint, reason: reason)
                    }
                    readRetries += 1
                    try await Task.sleep(for: .milliseconds(200 * readRetries))
                    continue
                }
            }
            switch response.status {
            case 200:
                do {
                    return try decode(response, endpoint: endpoint, payloadKey: payloadKey)
                } catch GatewayError.invalidResponse(_, let detail) where !endpoint.isRead {
                    // A 200 says the gateway handled the write; an unreadable one hides how.
                    throw GatewayError.outcomeUnknown(endpoint: endpoint, reason: "the answer could not be read: \(detail)")
                }
            case 401, 403:
                metrics.unauthorized.increment()
                await tokens.tokenRejected(token)
                guard !refreshedAfterRejection else {
                    throw GatewayError.unauthorized(endpoint: endpoint, status: response.status)
                }
                refreshedAfterRejection = true
                logger.notice("The gateway refused the token; refreshing and retrying once.", metadata: ["endpoint": "\(endpoint)"])
            case 429:
                metrics.rateLimited.increment()
                let retryAfter = Self.retryAfter(response.headers)
                guard endpoint.isRead, rateLimitedAttempts < configuration.rateLimitRetries else {
                    throw GatewayError.rateLimited(endpoint: endpoint, retryAfterSeconds: retryAfter)
                }
                // A read waits out at most a minute in one go; a longer Retry-After surfaces.
                guard (retryAfter ?? 0) <= 60 else {
                    throw GatewayError.rateLimited(endpoint: endpoint, retryAfterSeconds: retryAfter)
                }
                let backoff = retryAfter ?? min(8, 0.5 * pow(2, Double(rateLimitedAttempts)))
                rateLimitedAttempts += 1
                logger.notice("Rate limited; waiting before retrying.", metadata: ["endpoint": "\(endpoint)", "seconds": "\(backoff)"])
                try await Task.sleep(for: .milliseconds(Int(backoff * 1000)))
            case 400:
                throw GatewayError.badRequest(endpoint: endpoint, detail: Self.detail(response.body))
            case 300...399:
                throw Self.redirectRefused(endpoint, response)
            case 500...599 where !endpoint.isRead:
                throw GatewayError.outcomeUnknown(endpoint: endpoint, reason: "HTTP \(response.status)")
            default:
                throw GatewayError.httpStatus(endpoint: endpoint, status: response.status, detail: Self.detail(response.body))
            }
        }
    }

    /// Calls an endpoint whose response is the envelope alone.
    func callVoid(_ endpoint: GatewayEndpoint, body: some Encodable & Sendable) async throws {
        let _: Int? = try await call(endpoint, body: body, payload: nil)
    }

    private func decode<Response: Decodable & Sendable>(_ response: GatewayHTTP.Response, endpoint: GatewayEndpoint, payloadKey: String?) throws -> Response? {
        let envelope: Envelope
        do {
            envelope = try JSONDecoder().decode(Envelope.self, from: response.body)
        } catch {
            throw GatewayError.invalidResponse(endpoint: endpoint, detail: "no response envelope (\(error))")
        }
        guard envelope.success else {
            // A rejected bracket order is still created: report its id so the caller can see it.
            let orderId = endpoint == .placeOrder ? (try? decodePayload(Int64.self, response, "orderId")) ?? nil : nil
            throw GatewayError.rejected(endpoint: endpoint, code: envelope.errorCode, message: envelope.errorMessage, orderId: orderId)
        }
        guard let payloadKey else { return nil }
        do {
            return try decodePayload(Response.self, response, payloadKey)
        } catch {
            throw GatewayError.invalidResponse(endpoint: endpoint, detail: "\(error)")
        }
    }

    /// The payload key that decodes the whole response body, for endpoints with several payload
    /// fields (`Order/v2/query`: `orders` and `totalCount`).
    static let wholeBody = "*"

    private func decodePayload<T: Decodable & Sendable>(_ type: T.Type, _ response: GatewayHTTP.Response, _ key: String) throws -> T? {
        let decoder = GatewayJSON.decoder()
        if key == Self.wholeBody { return try decoder.decode(T.self, from: response.body) }
        decoder.userInfo[.payloadKey] = key
        return try decoder.decode(Payload<T>.self, from: response.body).value
    }

    /// The longest `Retry-After` believed: a day. A larger value (or `1e20`) is read as this.
    static let longestRetryAfter: Double = 86_400

    /// The `Retry-After` header in seconds, when present, numeric and finite; negative values
    /// read as 0 and huge ones as ``longestRetryAfter``, so that no caller converts `nan`, `inf` or
    /// `1e20` into a duration or an integer (both trap).
    static func retryAfter(_ headers: HTTPHeaders) -> Double? {
        guard let text = headers.first(name: "Retry-After"),
            let seconds = Double(text.trimmingCharacters(in: .whitespaces)), seconds.isFinite
        else { return nil }
        return min(max(seconds, 0), longestRetryAfter)
    }

    /// The error for a redirect, which is never followed (see ``defaultHTTPClient``); nothing was
    /// executed.
    static func redirectRefused(_ endpoint: GatewayEndpoint, _ response: GatewayHTTP.Response) -> GatewayError {
        let target = response.headers.first(name: "Location").map { " to \($0)" } ?? ""
        return GatewayError.httpStatus(
            endpoint: endpoint, status: response.status,
            detail: "a redirect\(target), which is not followed; set the API URL to the gateway's own address")
    }

    /// A short, printable excerpt of an error body.
    static func detail(_ body: ByteBuffer) -> String {
        let text = String(buffer: body).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.count > 300 ? String(text.prefix(300)) + "…" : text
    }
}
