/// The lifecycle of a ``HubConnection`` as a pure state machine: each event returns the actions
/// the caller performs (connect, schedule a retry, fail pending invocations, emit a state...).
/// Time is passed in; nothing sleeps, nothing does I/O.
///
/// Every connect attempt and every live transport carries an id; events about an attempt or a
/// transport that is no longer current are ignored (a late success is answered with
/// ``Action/discardTransport``), so a stop or a reconnect never races a stale callback.
///
/// After an authentication failure (HTTP 401/403 at negotiate or the upgrade) the machine starts
/// a new attempt at once, whose first token request carries the failure, up to
/// `authenticationFailureRetryLimit` times in a row; then the failure goes through the retry
/// policy (during reconnect) or fails `start()` (initial start). A failed initial start is never
/// retried by the policy.
struct ConnectionStateMachine: Sendable {
    typealias Instant = ContinuousClock.Instant

    struct Configuration: Sendable {
        var retryPolicy: (any RetryPolicy)?
        var authenticationFailureRetryLimit: Int
    }

    /// One connect attempt: negotiate (with redirects), WebSocket, handshake.
    struct Attempt: Sendable, Hashable {
        var id: UInt64
        /// 1-based within one start or one reconnect sequence.
        var number: Int
        /// The reason given with the attempt's first token request.
        var tokenReason: AccessTokenRequest.Reason
        /// Whether the attempt belongs to an automatic reconnect.
        var isReconnect: Bool
        /// Authentication failures in a row that led to this attempt.
        var consecutiveAuthenticationFailures: Int
    }

    /// A reconnect sequence after the connection was lost.
    struct Reconnect: Sendable, Hashable {
        var startedAt: Instant
        /// Policy-scheduled attempts that failed (immediate authentication retries excluded).
        var failedAttempts: Int
        /// Attempts started, immediate retries included.
        var attemptsStarted: Int
        var lastError: SignalRError
        var consecutiveAuthenticationFailures: Int
    }

    enum State: Sendable, Hashable {
        case disconnected(error: SignalRError?)
        case starting(Attempt)
        case connected(transportID: UInt64, connectionId: String?)
        case waitingToReconnect(Reconnect, timerID: UInt64)
        case reconnecting(Reconnect, Attempt)
        case stopping(transportID: UInt64)
    }

    enum Action: Sendable, Hashable {
        /// Run `attempt` (its id is the id of the transport it produces).
        case connect(Attempt)
        /// Abandon the attempt (stop was called); a late result is discarded.
        case cancelConnect(attemptID: UInt64)
        /// The attempt succeeded: make its transport the live one.
        case activateTransport(UInt64)
        /// A success arrived for an attempt that is no longer wanted: close that transport.
        case discardTransport
        /// Close the live transport; `sendCloseMessage` for a stop by the user.
        case closeTransport(UInt64, sendCloseMessage: Bool)
        /// Fail every pending invocation and stream with this error.
        case failPendingInvocations(SignalRError)
        case scheduleRetry(timerID: UInt64, delay: Duration)
        case cancelRetry(timerID: UInt64)
        /// Publish the new public state.
        case emit(HubConnectionState)
        /// Resume `start()`: `nil` for success.
        case completeStart(SignalRError?)
        /// Resume `stop()`.
        case completeStop
        /// `start()` was called in a state that does not allow it.
        case rejectStart(SignalRError)
    }

    let configuration: Configuration
    private(set) var state: State = .disconnected(error: nil)
    private var nextID: UInt64 = 1

    init(configuration: Configuration) {
        self.configuration = configuration
    }

    private mutating func makeID() -> UInt64 {
        defer { nextID += 1 }
        return nextID
    }

    // MARK: User calls

    mutating func start() -> [Action] {
        guard case .disconnected = state else {
            return [.rejectStart(.invalidState("Cannot start a HubConnection that is not in the 'Disconnected' state."))]
        }
        let attempt = Attempt(
            id: makeID(), number: 1, tokenReason: .initialConnect, isReconnect: false, consecutiveAuthenticationFailures: 0
        )
        state = .starting(attempt)
        return [.emit(.connecting(retryingAfter: nil)), .connect(attempt)]
    }

    mutating func stop() -> [Action] {
        switch state {
        case .disconnected:
            return [.completeStop]
        case .starting(let attempt):
            state = .disconnected(error: nil)
            return [
                .cancelConnect(attemptID: attempt.id), .emit(.disconnected(error: nil)),
                .completeStart(.stoppedDuringStart), .completeStop,
            ]
        case .connected(let transportID, _):
            state = .stopping(transportID: transportID)
            return [.failPendingInvocations(.connectionLost(cause: nil)), .closeTransport(transportID, sendCloseMessage: true)]
        case .waitingToReconnect(_, let timerID):
            state = .disconnected(error: nil)
            return [.cancelRetry(timerID: timerID), .emit(.disconnected(error: nil)), .completeStop]
        case .reconnecting(_, let attempt):
            state = .disconnected(error: nil)
            return [.cancelConnect(attemptID: attempt.id), .emit(.disconnected(error: nil)), .completeStop]
        case .stopping:
            return []
        }
    }

    // MARK: Attempt results

    mutating func connectSucceeded(attemptID: UInt64, connectionId: String?) -> [Action] {
        switch state {
        case .starting(let attempt) where attempt.id == attemptID:
            state = .connected(transportID: attemptID, connectionId: connectionId)
            return [.activateTransport(attemptID), .emit(.connected(connectionId: connectionId)), .completeStart(nil)]
        case .reconnecting(_, let attempt) where attempt.id == attemptID:
            state = .connected(transportID: attemptID, connectionId: connectionId)
            return [.activateTransport(attemptID), .emit(.connected(connectionId: connectionId))]
        default:
            return [.discardTransport]
        }
    }

    mutating func connectFailed(attemptID: UInt64, error: SignalRError, now: Instant) -> [Action] {
        switch state {
        case .starting(let attempt) where attempt.id == attemptID:
            if let retry = immediateAuthenticationRetry(after: attempt, error: error, number: attempt.number + 1) {
                state = .starting(retry)
                return [.emit(.connecting(retryingAfter: error)), .connect(retry)]
            }
            state = .disconnected(error: error)
            return [.emit(.disconnected(error: error)), .completeStart(error)]
        case .reconnecting(var reconnect, let attempt) where attempt.id == attemptID:
            reconnect.lastError = error
            if let retry = immediateAuthenticationRetry(after: attempt, error: error, number: reconnect.attemptsStarted + 1) {
                reconnect.attemptsStarted += 1
                reconnect.consecutiveAuthenticationFailures = retry.consecutiveAuthenticationFailures
                state = .reconnecting(reconnect, retry)
                return [.emit(.reconnecting(reason: error)), .connect(retry)]
            }
            reconnect.failedAttempts += 1
            reconnect.consecutiveAuthenticationFailures =
                error.isAuthenticationFailure ? attempt.consecutiveAuthenticationFailures : 0
            return scheduleNextRetry(reconnect, now: now)
        default:
            return []
        }
    }

    mutating func retryTimerFired(timerID: UInt64) -> [Action] {
        guard case .waitingToReconnect(var reconnect, let current) = state, current == timerID else { return [] }
        reconnect.attemptsStarted += 1
        let reason: AccessTokenRequest.Reason =
            if let failure = reconnect.lastError.authenticationFailure {
                .authenticationFailure(status: failure.status, phase: failure.phase)
            } else {
                .reconnect
            }
        let attempt = Attempt(
            id: makeID(),
            number: reconnect.attemptsStarted,
            tokenReason: reason,
            isReconnect: true,
            consecutiveAuthenticationFailures: reconnect.consecutiveAuthenticationFailures
        )
        state = .reconnecting(reconnect, attempt)
        return [.connect(attempt)]
    }

    // MARK: Transport events

    /// The live transport ended: the socket closed, the server sent Close, the server timed out,
    /// or the peer broke the protocol. `allowReconnect` is false only for a server Close without
    /// `allowReconnect`.
    mutating func connectionLost(transportID: UInt64, error: SignalRError, allowReconnect: Bool, now: Instant) -> [Action] {
        switch state {
        case .connected(let current, _) where current == transportID:
            var actions: [Action] = [
                .failPendingInvocations(.connectionLost(cause: error)),
                .closeTransport(transportID, sendCloseMessage: false),
            ]
            guard allowReconnect, let policy = configuration.retryPolicy else {
                state = .disconnected(error: error)
                actions.append(.emit(.disconnected(error: error)))
                return actions
            }
            let context = RetryContext(previousRetryCount: 0, elapsed: .zero, retryReason: error)
            guard let delay = policy.nextRetryDelay(context) else {
                state = .disconnected(error: error)
                actions.append(.emit(.disconnected(error: error)))
                return actions
            }
            let reconnect = Reconnect(
                startedAt: now, failedAttempts: 0, attemptsStarted: 0, lastError: error, consecutiveAuthenticationFailures: 0
            )
            let timerID = makeID()
            state = .waitingToReconnect(reconnect, timerID: timerID)
            actions.append(.emit(.reconnecting(reason: error)))
            actions.append(.scheduleRetry(timerID: timerID, delay: max(delay, .zero)))
            return actions
        case .stopping(let current) where current == transportID:
            state = .disconnected(error: nil)
            return [.emit(.disconnected(error: nil)), .completeStop]
        default:
            return []
        }
    }

    // MARK: Helpers

    private mutating func immediateAuthenticationRetry(after attempt: Attempt, error: SignalRError, number: Int) -> Attempt? {
        guard let failure = error.authenticationFailure,
            attempt.consecutiveAuthenticationFailures < configuration.authenticationFailureRetryLimit
        else { return nil }
        return Attempt(
            id: makeID(),
            number: number,
            tokenReason: .authenticationFailure(status: failure.status, phase: failure.phase),
            isReconnect: attempt.isReconnect,
            consecutiveAuthenticationFailures: attempt.consecutiveAuthenticationFailures + 1
        )
    }

    private mutating func scheduleNextRetry(_ reconnect: Reconnect, now: Instant) -> [Action] {
        let context = RetryContext(
            previousRetryCount: reconnect.failedAttempts,
            elapsed: reconnect.startedAt.duration(to: now),
            retryReason: reconnect.lastError
        )
        guard let policy = configuration.retryPolicy, let delay = policy.nextRetryDelay(context) else {
            let error = SignalRError.reconnectAttemptsExhausted(attempts: reconnect.failedAttempts, lastError: reconnect.lastError)
            state = .disconnected(error: error)
            return [.emit(.disconnected(error: error))]
        }
        let timerID = makeID()
        state = .waitingToReconnect(reconnect, timerID: timerID)
        return [.emit(.reconnecting(reason: reconnect.lastError)), .scheduleRetry(timerID: timerID, delay: max(delay, .zero))]
    }
}
