import Foundation
import Logging

/// The one owner of the session token, shared by REST calls and both hubs.
///
/// Nobody else keeps a token: every user asks ``validToken()`` each time it needs one, so a
/// refreshed token reaches every connection on its next connect. The manager refreshes before the
/// JWT `exp` (`Auth/validate` for a `newToken`, falling back to a fresh `Auth/loginKey`), shares one
/// refresh among all concurrent callers, and refreshes at the next ask after a server refused the
/// token (``tokenRejected(_:)``).
///
/// ```swift
/// let tokens = TokenManager(apiURL: URL(string: "https://api.topstepx.com")!,
///                           credentials: Credentials(userName: "trader", apiKey: key))
/// let token = try await tokens.validToken()      // logs in the first time
/// await tokens.tokenRejected(token)              // a hub answered 401: the next ask refreshes
/// ```
public actor TokenManager {
    /// Tuning of the refresh schedule.
    public struct Configuration: Sendable {
        /// Refresh this long before `exp` (capped at a quarter of the token's lifetime, so short
        /// lifetimes still get most of their use). Default 5 minutes.
        public var refreshMargin: TimeInterval = 300
        /// When `exp` cannot be read, refresh this long after receiving the token. Default 30
        /// minutes: conservative against the documented 24 hours.
        public var fallbackLifetime: TimeInterval = 1800

        public init() {}
    }

    /// Counts of what the manager did, for health reporting and tests.
    public struct Statistics: Sendable, Equatable {
        public var logins = 0
        public var validations = 0
        public var renewalsByValidate = 0
        public var failedRefreshes = 0
        public var rejectionsReported = 0
        /// Refreshes actually performed (each may have served many callers).
        public var refreshes = 0
        /// The most refreshes ever in flight at once; single flight keeps it at 1.
        public var peakConcurrentRefreshes = 0
    }

    private let source: any TokenIssuer
    private let configuration: Configuration
    private let now: @Sendable () -> Date
    private let logger: Logger
    private let metrics: GatewayMetrics
    private var lifecycle = TokenLifecycle()
    private var refreshTask: Task<String, any Error>?
    private var refreshesInFlight = 0
    public private(set) var statistics = Statistics()

    /// Creates a manager that logs in through `http` with `credentials`.
    init(
        source: any TokenIssuer,
        configuration: Configuration = .init(),
        now: @escaping @Sendable () -> Date = { Date() },
        metrics: GatewayMetrics = GatewayMetrics(factory: nil),
        logger: Logger = Logger(label: "gateway.tokens")
    ) {
        self.metrics = metrics
        self.source = source
        self.configuration = configuration
        self.now = now
        self.logger = logger
    }

    /// The current token's expiry, when known.
    public var expiresAt: Date? { lifecycle.expiresAt }

    /// The token held now, without refreshing or logging in; `nil` before the first login or
    /// after ``reset()``.
    var currentToken: String? {
        if case .ready(let record) = lifecycle.state { return record.value }
        return nil
    }

    /// A token that is valid now, refreshing it first when it is within the margin of its expiry,
    /// was refused by a server, or does not exist yet.
    public func validToken() async throws -> String {
        switch lifecycle.request(at: now()) {
        case .use(let token):
            return token
        case .startRefresh(let method):
            return try await runRefresh(method)
        case .awaitRefresh:
            return try await awaitRefresh()
        }
    }

    /// Forces a refresh now, whatever the clock says, and returns the new token.
    public func refresh() async throws -> String {
        switch lifecycle.forceRefresh() {
        case .use(let token): return token
        case .startRefresh(let method): return try await runRefresh(method)
        case .awaitRefresh: return try await awaitRefresh()
        }
    }

    /// Reports that a server refused `token` (HTTP 401 at REST, negotiate or the WebSocket
    /// upgrade). The next ``validToken()`` refreshes with a login. A report about a token that was
    /// already replaced changes nothing.
    public func tokenRejected(_ token: String) {
        if lifecycle.rejected(token) {
            statistics.rejectionsReported += 1
            metrics.tokenRejections.increment()
            logger.notice("A server refused the session token; the next request logs in again.")
        }
    }

    /// Forgets the token (after `Auth/logout`).
    public func reset() {
        lifecycle.reset()
    }

    private func awaitRefresh() async throws -> String {
        guard let refreshTask else {
            // Cannot happen: the lifecycle is `.refreshing` exactly while a task is stored. Fall
            // back to a fresh request rather than trusting that.
            return try await validToken()
        }
        return try await refreshTask.value
    }

    private func runRefresh(_ method: TokenLifecycle.RefreshMethod) async throws -> String {
        statistics.refreshes += 1
        metrics.tokenRefreshes.increment()
        refreshesInFlight += 1
        statistics.peakConcurrentRefreshes = max(statistics.peakConcurrentRefreshes, refreshesInFlight)
        defer { refreshesInFlight -= 1 }
        let source = self.source
        // An unstructured task: if the caller that started the refresh is cancelled, the callers
        // waiting on the same refresh still get its result.
        let task = Task { () async throws -> String in
            try await Self.obtain(method, from: source, statistics: { await self.count($0) }, logger: logger)
        }
        refreshTask = task
        do {
            let token = try await task.value
            let record = TokenRecord(
                value: token,
                obtainedAt: now(),
                refreshMargin: configuration.refreshMargin,
                fallbackLifetime: configuration.fallbackLifetime
            )
            lifecycle.refreshSucceeded(record)
            refreshTask = nil
            if let expiresAt = record.expiresAt {
                logger.info("Session token ready.", metadata: ["expires": "\(expiresAt)", "refresh-at": "\(record.refreshAt)"])
            } else {
                logger.warning("Session token has no readable exp; it will be refreshed on a conservative schedule.")
            }
            return token
        } catch {
            statistics.failedRefreshes += 1
            metrics.tokenRefreshFailures.increment()
            refreshTask = nil
            if let stillValid = lifecycle.refreshFailed(at: now()) {
                logger.warning("Proactive token refresh failed; the current token is still valid and stays in use.", metadata: ["error": "\(error)"])
                return stillValid
            }
            logger.error("Token refresh failed.", metadata: ["error": "\(error)"])
            throw error
        }
    }

    private enum Event { case login, validation, renewal }

    private func count(_ event: Event) {
        switch event {
        case .login: statistics.logins += 1
        case .validation: statistics.validations += 1
        case .renewal: statistics.renewalsByValidate += 1
        }
    }

    private static func obtain(
        _ method: TokenLifecycle.RefreshMethod,
        from source: any TokenIssuer,
        statistics: @Sendable (Event) async -> Void,
        logger: Logger
    ) async throws -> String {
        if case .validate(let current) = method {
            await statistics(.validation)
            do {
                switch try await source.validate(current) {
                case .renewed(let token):
                    await statistics(.renewal)
                    return token
                case .refused(let reason):
                    logger.info("Auth/validate did not renew the token (\(reason)); logging in again.")
                }
            } catch {
                logger.info("Auth/validate failed (\(error)); logging in again.")
            }
        }
        await statistics(.login)
        return try await source.login()
    }
}
