extension HubSupervisor {
    // MARK: The program's calls

    /// `start()`: connect, unless already started. The first connection's failure fails
    /// `start()` and stops the hub (it is not retried: the caller learns at once that, say, the
    /// URL or the token is wrong).
    mutating func start() -> [Action] {
        switch phase {
        case .stopped:
            let attempt = makeID()
            phase = .starting(attempt: attempt)
            failures = 0
            return [.connect(id: attempt, refreshToken: false)] + settle()
        case .starting:
            // The caller waits with the first one.
            return []
        case .reconnecting, .waiting, .restoring, .live:
            return [.completeStart(nil)]
        }
    }

    /// `stop()`: close whatever runs, cancel every timer. The wanted subscriptions are kept for a
    /// later `start()`.
    mutating func stop() -> [Action] {
        var actions: [Action] = []
        switch phase {
        case .stopped:
            return []
        case .starting(let attempt):
            actions = [.closeConnection(id: attempt), .completeStart(HubError(code: .stopped, message: "The hub was stopped before it connected."))]
        case .reconnecting(let attempt, _):
            actions = [.closeConnection(id: attempt)]
        case .waiting(let timer, _, _):
            actions = [.cancelTimer(timer)]
        case .restoring(let connection), .live(let connection):
            actions = [.closeConnection(id: connection.id)]
        }
        phase = .stopped(error: nil)
        return actions + leaveConnection() + settle()
    }

    /// A forced reconnect of the current connection (`connection`, or whichever is current when
    /// `nil`): a silent feed, `GatewayLogout`, a request. Ignored when no connection is up (a
    /// reconnect is already under way, or the hub is stopped) or `connection` is not current.
    mutating func restart(connection: UInt64? = nil, reason: HubError, refreshToken: Bool = false, now: Instant) -> [Action] {
        guard let current = currentConnection, connection == nil || connection == current.id else { return [] }
        forcedRestarts += 1
        return drop(current, reason: reason, gap: reason.message, refreshToken: refreshToken, now: now)
    }

    // MARK: Connect attempts

    mutating func connectSucceeded(id: UInt64, connectionId: String?, now: Instant) -> [Action] {
        var actions: [Action] = []
        let connection: Connection
        switch phase {
        case .starting(let attempt) where attempt == id:
            connection = Connection(id: id, connectionId: connectionId, recovering: nil)
            actions.append(.completeStart(nil))
        case .reconnecting(let attempt, let reason) where attempt == id:
            connection = Connection(id: id, connectionId: connectionId, recovering: reason)
        default:
            // Stopped or moved on while connecting: the late connection must not live on.
            return [.closeConnection(id: id)]
        }
        phase = .restoring(connection)
        // A new server connection has no subscriptions: apply every wanted one, refused ones too.
        applied = []
        applying = []
        removing = []
        refused = [:]
        nextRefusedRetryDelay = configuration.refusedRetryDelay
        for subscription in wanted.wanted {
            applying.insert(subscription)
            actions.append(.apply(subscription, connection: id))
        }
        return actions + finishRestoreIfDone(now: now) + settle()
    }

    mutating func connectFailed(id: UInt64, error: HubError, now: Instant) -> [Action] {
        // The failed connection is forgotten (it has nothing left to close).
        switch phase {
        case .starting(let attempt) where attempt == id:
            phase = .stopped(error: error)
            return [.closeConnection(id: id)] + settle() + [.completeStart(error)]
        case .reconnecting(let attempt, _) where attempt == id:
            failures += 1
            return [.closeConnection(id: id)] + scheduleReconnect(reason: error, refreshToken: false) + settle()
        default:
            return []
        }
    }

    /// The connection ended by itself (the socket closed, the server sent Close, server timeout).
    mutating func connectionLost(id: UInt64, error: HubError, now: Instant) -> [Action] {
        guard let current = currentConnection, current.id == id else { return [] }
        return drop(current, reason: error, gap: "connection lost: \(error.message)", refreshToken: false, now: now)
    }

    /// A reconnect or refused-subscription timer fired.
    mutating func timerFired(_ timer: UInt64, now: Instant) -> [Action] {
        if case .waiting(let current, let reason, let refreshToken) = phase, current == timer {
            let attempt = makeID()
            phase = .reconnecting(attempt: attempt, reason: reason)
            return [.connect(id: attempt, refreshToken: refreshToken)] + settle()
        }
        guard refusedRetry == timer, case .live(let connection) = phase else { return [] }
        refusedRetry = nil
        var actions: [Action] = []
        for subscription in wanted.wanted where refused[subscription] != nil && !applying.contains(subscription) {
            applying.insert(subscription)
            actions.append(.apply(subscription, connection: connection.id))
        }
        return actions
    }

    // MARK: Helpers

    /// Leaves `connection` and schedules the next one: a connection that was not live for the
    /// policy's healthy duration counts as a failure, so a server that drops at once is backed off.
    mutating func drop(_ connection: Connection, reason: HubError, gap: String, refreshToken: Bool, now: Instant) -> [Action] {
        if let liveSince = connection.liveSince, liveSince.duration(to: now) >= configuration.reconnect.healthyConnectionDuration {
            failures = 0
        } else {
            failures += 1
        }
        var actions: [Action] = [.closeConnection(id: connection.id)]
        actions += leaveConnection()
        actions += scheduleReconnect(reason: reason, refreshToken: refreshToken)
        // The status first: a consumer that sees the gap already reads the reconnecting status.
        actions += settle()
        actions.append(.reportGap(reason: gap, subscriptions: wanted.wanted))
        return actions
    }

    /// Nothing is applied any more; the retry of refused subscriptions stops, the watchdog
    /// disarms. The refused ones stay listed until the next connection tries them again.
    mutating func leaveConnection() -> [Action] {
        applied = []
        applying = []
        removing = []
        watchdog?.disarm()
        guard let timer = refusedRetry else { return [] }
        refusedRetry = nil
        return [.cancelTimer(timer)]
    }

    mutating func scheduleReconnect(reason: HubError, refreshToken: Bool) -> [Action] {
        let delay = configuration.reconnect.delay(afterFailures: failures, random: configuration.random())
        let timer = makeID()
        phase = .waiting(timer: timer, reason: reason, refreshToken: refreshToken)
        return [.scheduleReconnect(timer: timer, delay: delay)]
    }
}
