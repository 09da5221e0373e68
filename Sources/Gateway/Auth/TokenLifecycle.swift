import Foundation

/// The token's life cycle as a pure state machine: callers feed it events and perform the actions
/// it returns. ``TokenManager`` owns one and does the I/O.
///
/// One refresh at a time: while one is in flight every request is told to wait for it, which is
/// what makes concurrent callers share a single refresh.
struct TokenLifecycle: Sendable {
    enum State: Sendable, Equatable {
        /// No token yet, or the last one was discarded.
        case idle
        case ready(TokenRecord)
        /// A refresh is in flight; `previous` is what it replaces.
        case refreshing(previous: TokenRecord?)
    }

    /// How to obtain the next token.
    enum RefreshMethod: Sendable, Equatable {
        /// `Auth/validate` with the still-valid current token, falling back to a login.
        case validate(String)
        /// `Auth/loginKey`: there is no token, it expired, or a server refused it.
        case login
    }

    enum RequestAction: Sendable, Equatable {
        case use(String)
        case startRefresh(RefreshMethod)
        case awaitRefresh
    }

    private(set) var state: State = .idle

    /// A caller wants a token at `now`.
    mutating func request(at now: Date) -> RequestAction {
        switch state {
        case .idle:
            state = .refreshing(previous: nil)
            return .startRefresh(.login)
        case .ready(let record):
            guard record.needsRefresh(at: now) else { return .use(record.value) }
            state = .refreshing(previous: record)
            let expired = record.expiresAt.map { now >= $0 } ?? false
            return .startRefresh(record.rejected || expired ? .login : .validate(record.value))
        case .refreshing:
            return .awaitRefresh
        }
    }

    /// A caller was told to refresh even though the token looks fine (for example after a hub
    /// refused it and it has not been reported yet).
    mutating func forceRefresh() -> RequestAction {
        switch state {
        case .idle:
            state = .refreshing(previous: nil)
            return .startRefresh(.login)
        case .ready(let record):
            state = .refreshing(previous: record)
            return .startRefresh(record.rejected ? .login : .validate(record.value))
        case .refreshing:
            return .awaitRefresh
        }
    }

    /// A server refused `token`. Returns whether this was news: a report about a token already
    /// replaced by a refresh, or already reported, changes nothing.
    @discardableResult
    mutating func rejected(_ token: String) -> Bool {
        guard case .ready(var record) = state, record.value == token, !record.rejected else { return false }
        record.rejected = true
        state = .ready(record)
        return true
    }

    mutating func refreshSucceeded(_ record: TokenRecord) {
        state = .ready(record)
    }

    /// The refresh failed; the next request tries again.
    ///
    /// - Returns: the previous token when it is still usable (not refused, not expired), so that a
    ///   failed *proactive* refresh does not take down callers whose token still works; `nil` when
    ///   the failure must reach the caller.
    mutating func refreshFailed(at now: Date) -> String? {
        guard case .refreshing(let previous) = state else { return nil }
        guard var previous else {
            state = .idle
            return nil
        }
        let expired = previous.expiresAt.map { now >= $0 } ?? false
        if previous.rejected || expired {
            previous.rejected = true
            state = .ready(previous)
            return nil
        }
        state = .ready(previous)
        return previous.value
    }

    /// Forget the token (after a logout).
    mutating func reset() {
        state = .idle
    }

    /// The current token's expiry, if known.
    var expiresAt: Date? {
        switch state {
        case .ready(let record): record.expiresAt
        case .refreshing(let previous): previous?.expiresAt
        case .idle: nil
        }
    }
}
