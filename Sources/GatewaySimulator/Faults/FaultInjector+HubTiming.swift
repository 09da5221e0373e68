import SignalRServer

extension FaultInjector {
    /// Drops every new connection of the selected hubs right after its handshake, without a Close
    /// message: a flapping server, which a client must back off from rather than reconnect to in a
    /// tight loop. `nil` stops it.
    ///
    /// ```swift
    /// simulator.faults.dropNewHubConnections(.market)
    /// ```
    public func dropNewHubConnections(_ hubs: HubSelector?) {
        hubTiming.withLockedValue { $0.droppedNewConnections = hubs }
    }

    /// `Subscribe…` calls on either hub wait `delay` before they are carried out and answered
    /// (the connection's other calls queue behind them, Pings go on); `nil` answers at once
    /// again. A delay longer than the client's invocation timeout is a gateway that leaves the
    /// subscription unanswered.
    public func delaySubscriptionAnswers(by delay: Duration?) {
        hubTiming.withLockedValue { $0.subscriptionAnswerDelay = delay.map { max($0, .zero) } }
    }

    /// The timing switches now.
    public var hubTimingFaults: HubTimingFaults { hubTiming.withLockedValue { $0 } }

    /// Called by a hub when a connection completed its handshake: drops it if the switch says so.
    func admitOrDrop(_ connection: HubConnectionContext, hubPath: String) -> Bool {
        let drop = hubTiming.withLockedValue { faults -> Bool in
            guard let hubs = faults.droppedNewConnections, hubs.matches(hubPath: hubPath) else { return false }
            faults.droppedConnectionCount += 1
            return true
        }
        guard drop else { return true }
        connection.abort()
        return false
    }

    /// Called by a hub at the start of a `Subscribe…` call: waits out the answer delay, if any.
    func waitBeforeAnsweringSubscription() async throws {
        guard let delay = hubTiming.withLockedValue({ $0.subscriptionAnswerDelay }), delay > .zero else { return }
        try await Task.sleep(for: delay)
    }
}
