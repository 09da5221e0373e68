extension HubSupervisor {
    // MARK: The program's calls

    /// Adds a wanted subscription; applied at once when connected (a restore in progress takes
    /// it in before it reports live), otherwise by the next connection.
    mutating func subscribe(_ subscription: Subscription, now: Instant) -> [Action] {
        guard wanted.insert(subscription) else { return [] }
        guard let connection = currentConnection, !removing.contains(subscription) else {
            // Not connected, or its unsubscribe is still on its way: applied when that is answered.
            return []
        }
        applying.insert(subscription)
        return [.apply(subscription, connection: connection.id)]
    }

    /// Removes a wanted subscription, refused or not; the server is told when it has it.
    mutating func unsubscribe(_ subscription: Subscription, now: Instant) -> [Action] {
        guard wanted.remove(subscription) else { return [] }
        refused[subscription] = nil
        var actions: [Action] = []
        if applied.remove(subscription) != nil, let connection = currentConnection {
            removing.insert(subscription)
            actions.append(.remove(subscription, connection: connection.id))
        }
        // A subscribe still on its way is taken back when it is answered.
        if wanted.isEmpty { watchdog?.disarm() }
        return actions + finishRestoreIfDone(now: now) + settle()
    }

    // MARK: Answers

    mutating func applyFinished(_ subscription: Subscription, connection id: UInt64, outcome: Outcome, now: Instant) -> [Action] {
        guard let connection = currentConnection, connection.id == id, applying.remove(subscription) != nil else { return [] }
        var actions: [Action] = []
        var acceptedOnRetry = false
        switch outcome {
        case .done:
            guard wanted.contains(subscription) else {
                // Unsubscribed while the subscribe was on its way: take it back.
                removing.insert(subscription)
                actions.append(.remove(subscription, connection: id))
                break
            }
            acceptedOnRetry = refused.removeValue(forKey: subscription) != nil
            applied.insert(subscription)
            // A new subscription may take a moment to flow: count the silence from now.
            if case .live = phase { watchdog?.arm(at: now) }
        case .refused(let error):
            if wanted.contains(subscription) { refused[subscription] = error.message }
        case .failed(let error) where error.code == .connectionLost:
            // The connection is going; its loss is reported on its own and replaces it.
            applying.insert(subscription)
            return []
        case .failed(let error):
            // No answer in time: whether the server has the subscription is unknown, so this
            // connection cannot be trusted with it. Replace it, like a lost one.
            forcedRestarts += 1
            return drop(connection, reason: error, gap: "subscribing to \(subscription) failed: \(error.message)", refreshToken: false, now: now)
        }
        actions += finishRestoreIfDone(now: now)
        if case .live(let current) = phase {
            actions += scheduleRefusedRetryIfNeeded()
            if acceptedOnRetry { actions.append(.reportLive(connectionId: current.connectionId)) }
        }
        return actions + settle()
    }

    mutating func removeFinished(_ subscription: Subscription, connection id: UInt64, outcome: Outcome, now: Instant) -> [Action] {
        guard let connection = currentConnection, connection.id == id, removing.remove(subscription) != nil else { return [] }
        // Subscribed again while the unsubscribe was on its way: apply it now.
        guard wanted.contains(subscription) else { return finishRestoreIfDone(now: now) + settle() }
        applying.insert(subscription)
        return [.apply(subscription, connection: connection.id)]
    }

    // MARK: Helpers

    /// Live once every wanted subscription is applied or refused and nothing is on its way.
    mutating func finishRestoreIfDone(now: Instant) -> [Action] {
        guard case .restoring(var connection) = phase, applying.isEmpty,
            wanted.wanted.allSatisfy({ applied.contains($0) || refused[$0] != nil })
        else { return [] }
        connection.liveSince = now
        phase = .live(connection)
        if !applied.isEmpty { watchdog?.arm(at: now) }
        var actions = statusChange()
        actions.append(.reportLive(connectionId: connection.connectionId))
        return actions + scheduleRefusedRetryIfNeeded()
    }

    /// One retry timer while some subscriptions are refused and none of them is being retried;
    /// each one waits twice as long as the one before, up to the maximum.
    mutating func scheduleRefusedRetryIfNeeded() -> [Action] {
        guard case .live = phase, refusedRetry == nil, !refused.isEmpty,
            !refused.keys.contains(where: applying.contains)
        else { return [] }
        let timer = makeID()
        let delay = nextRefusedRetryDelay
        nextRefusedRetryDelay = min(delay * 2, configuration.refusedRetryMaximumDelay)
        refusedRetry = timer
        return [.scheduleRefusedRetry(timer: timer, delay: delay)]
    }
}
