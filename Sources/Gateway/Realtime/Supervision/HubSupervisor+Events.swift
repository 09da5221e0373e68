import SignalR

extension HubSupervisor {
    /// An event arrived on connection `id`. Returns whether to deliver it: events of a
    /// connection that is no longer current (already reported as a gap) are dropped.
    mutating func eventReceived(connection id: UInt64, now: Instant) -> Bool {
        guard let connection = currentConnection, connection.id == id else { return false }
        watchdog?.recordEvent(at: now)
        return true
    }

    /// The watchdog's tick: a live feed with subscriptions that stayed silent for the allowed
    /// silence is reconnected.
    mutating func watchdogTick(now: Instant) -> [Action] {
        guard case .live(let connection) = phase, var watchdog else { return [] }
        let verdict = watchdog.check(at: now)
        self.watchdog = watchdog
        guard case .stale(let silence) = verdict else { return [] }
        staleRestarts += 1
        let reason = HubError(
            code: .staleFeed,
            message: "no market data for \(silence.formattedSeconds) while connected (stale feed)"
        )
        return restart(connection: connection.id, reason: reason, now: now)
    }
}
