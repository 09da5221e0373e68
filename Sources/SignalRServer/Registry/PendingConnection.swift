/// A connection created by negotiate and not yet connected by a WebSocket.
struct PendingConnection: Sendable {
    let connectionId: String
    let transportId: String
    let principal: HubPrincipal
    let createdAt: ContinuousClock.Instant

    func isExpired(now: ContinuousClock.Instant, after timeout: Duration) -> Bool {
        now - createdAt >= timeout
    }
}
